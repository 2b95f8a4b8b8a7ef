import Foundation
import Testing
@testable import AttnTerminal
import AttnTestSupport

/// The history file: appended line by line (two shells keep each other's lines), written
/// through a symlink, trimmed atomically, and left alone when it is not a regular file.
@Suite struct HistoryFileTests {
    @Test func twoShellsKeepEachOthersLines() throws {
        let folder = try ScratchFolder()
        var first = HistoryFile(path: folder.file("history"))
        var second = HistoryFile(path: folder.file("history"))
        #expect(first.load().isEmpty && second.load().isEmpty)
        first.append("a = 1")
        second.append("b = 2")
        first.append("c = a + b")
        #expect(try String(contentsOfFile: folder.file("history"), encoding: .utf8) == "a = 1\nb = 2\nc = a + b\n")
        var third = HistoryFile(path: folder.file("history"))
        #expect(third.load() == ["a = 1", "b = 2", "c = a + b"])
        #expect(first.problem == nil && second.problem == nil)
    }

    @Test func aSymlinkedHistoryIsWrittenThroughToItsTarget() throws {
        let folder = try ScratchFolder()
        try "old\n".write(toFile: folder.file("real"), atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: folder.file("history"), withDestinationPath: folder.file("real"))
        var file = HistoryFile(path: folder.file("history"), capacity: 2)
        #expect(file.load() == ["old"])
        file.append("x = 1")
        file.append("y = 2")
        file.append("z = 3")  // the fourth line: a trim to the last two, through the link
        let kind = try FileManager.default.attributesOfItem(atPath: folder.file("history"))[.type] as? FileAttributeType
        #expect(kind == .typeSymbolicLink, "the link was replaced")
        #expect(try String(contentsOfFile: folder.file("real"), encoding: .utf8) == "y = 2\nz = 3\n")
        #expect(try folder.names() == ["history", "real"], "a temporary file was left behind")
    }

    @Test func aFileOfOverTwiceTheCapacityIsTrimmedToTheLastEntries() throws {
        let folder = try ScratchFolder()
        var file = HistoryFile(path: folder.file("history"), capacity: 10)
        _ = file.load()
        for n in 0..<25 { file.append("n = \(n)") }
        var reread = HistoryFile(path: folder.file("history"))
        let lines = reread.load()
        #expect(lines.count <= 20 && lines.count >= 10)
        #expect(lines.last == "n = 24")
        #expect(lines.first == "n = \(25 - lines.count)")
    }

    @Test func crlfLinesAndBlankLinesAreRead() throws {
        let folder = try ScratchFolder()
        try "a = 1\r\n\r\nb = 2\r\n".write(toFile: folder.file("history"), atomically: false, encoding: .utf8)
        var file = HistoryFile(path: folder.file("history"))
        #expect(file.load() == ["a = 1", "b = 2"])
    }

    @Test func aFIFOIsNeitherReadNorWrittenAndNothingHangs() throws {
        let folder = try ScratchFolder()
        #expect(mkfifo(folder.file("history"), 0o600) == 0)
        var file = HistoryFile(path: folder.file("history"))
        #expect(file.load().isEmpty)
        #expect(file.problem?.contains("not a regular file") == true)
        file.append("a = 1")
        var info = stat()
        #expect(lstat(folder.file("history"), &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO, "the FIFO was replaced")
    }

    @Test func aNewHistoryFileIsPrivate() throws {
        let folder = try ScratchFolder()
        var file = HistoryFile(path: folder.file("state/attnsh/history"))
        file.append("secret = 1")
        var info = stat()
        #expect(stat(folder.file("state/attnsh/history"), &info) == 0)
        #expect(info.st_mode & 0o077 == 0, "mode \(String(info.st_mode & 0o777, radix: 8))")
        #expect(stat(folder.file("state/attnsh"), &info) == 0 && info.st_mode & 0o077 == 0)
    }
}
