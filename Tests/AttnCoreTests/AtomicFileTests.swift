import AttnTestSupport
import Foundation
import Testing
@testable import AttnCore

@Suite struct AtomicFileTests {
    @Test func replacesAnExistingFileAndLeavesNoTemporary() throws {
        let scratch = try ScratchFolder()
        let path = scratch.file("out.bin")
        try AtomicFile.write(Array("old contents, longer than the new".utf8), to: path)
        try AtomicFile.write(Array("new".utf8), to: path)
        #expect(try FileContents.read(path: path, maxBytes: 100) == Array("new".utf8))
        #expect(try scratch.names() == ["out.bin"])
    }

    @Test func keepsThePermissionsOfTheFileItReplaces() throws {
        let scratch = try ScratchFolder()
        let path = scratch.file("mode.bin")
        try AtomicFile.write([1], to: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        try AtomicFile.write([2], to: path)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func writingEmptyBytesMakesAnEmptyFile() throws {
        let scratch = try ScratchFolder()
        let path = scratch.file("empty")
        try AtomicFile.write([], to: path)
        #expect(try FileContents.read(path: path, maxBytes: 0) == [])
    }

    @Test func missingFolderIsAClearErrorAndLeavesNothing() throws {
        let scratch = try ScratchFolder()
        let path = scratch.file("no/such/folder/x.npy")
        #expect { try AtomicFile.write([1, 2, 3], to: path) } throws: { error in
            (error as? TensorError)?.message == "cannot write \(path): No such file or directory"
        }
        #expect(try scratch.names() == [])
    }

    @Test func folderAsTargetIsAnErrorAndLeavesItAlone() throws {
        let scratch = try ScratchFolder()
        let path = scratch.file("dir")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        #expect { try AtomicFile.write([1], to: path) } throws: { error in
            (error as? TensorError)?.message == "cannot write \(path): it is a directory"
        }
        #expect(try scratch.names() == ["dir"])
    }

    @Test func interruptedWriteLeavesTheOldFileIntact() throws {
        struct Interruption: Error {}
        let scratch = try ScratchFolder()
        let path = scratch.file("keep.npy")
        try AtomicFile.write(Array("old".utf8), to: path)
        #expect(throws: Interruption.self) {
            try AtomicFile.write(Array("new".utf8), to: path) { temporaryPath in
                // The new bytes are complete, but only in the temporary file.
                #expect(try FileContents.read(path: temporaryPath, maxBytes: 10) == Array("new".utf8))
                #expect(try FileContents.read(path: path, maxBytes: 10) == Array("old".utf8))
                throw Interruption()
            }
        }
        #expect(try FileContents.read(path: path, maxBytes: 10) == Array("old".utf8))
        #expect(try scratch.names() == ["keep.npy"])
    }

    // Root ignores folder permissions, so this one is skipped (and reported
    // as skipped) when the tests run as root.
    @Test(.enabled(if: getuid() != 0, "root ignores folder permissions"))
    func failedWriteLeavesTheOldFileIntact() throws {
        let scratch = try ScratchFolder()
        let folder = scratch.file("locked")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let path = folder + "/keep.csv"
        try AtomicFile.write(Array("1,2\n".utf8), to: path)
        // A folder without write permission refuses the temporary file.
        try FileManager.default.setAttributes([.posixPermissions: 0o500], ofItemAtPath: folder)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder) }
        #expect { try AtomicFile.write(Array("3,4\n".utf8), to: path) } throws: { error in
            (error as? TensorError)?.message == "cannot write \(path): Permission denied"
        }
        #expect(try FileContents.read(path: path, maxBytes: 100) == Array("1,2\n".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["keep.csv"])
    }

    @Test func readRefusesAFileLargerThanTheBound() throws {
        let scratch = try ScratchFolder()
        let path = scratch.file("ten")
        try AtomicFile.write([UInt8](repeating: 7, count: 10), to: path)
        #expect(try FileContents.read(path: path, maxBytes: 10).count == 10)
        #expect { try FileContents.read(path: path, maxBytes: 9) } throws: { error in
            ((error as? TensorError)?.message ?? "").hasPrefix("cannot read \(path): the file is 10 B, more than the 9 B")
        }
    }

    @Test(arguments: [("a/b/c.npy", "a/b", "c.npy"), ("c.npy", ".", "c.npy"), ("/c.npy", "/", "c.npy")])
    func splitsFolderAndName(path: String, folder: String, name: String) {
        let parts = AtomicFile.split(path)
        #expect(parts.folder == folder && parts.name == name)
    }
}
