import Foundation
import Testing
import AttnTestSupport

/// `record` to a FIFO or a device is refused at once (a recording is appended to a regular
/// file), never a hang in open(2) waiting for a reader, and the node is left as it was.
@Suite struct RecordFIFOTests {
    @Test(arguments: ["fifo", "/dev/null"])
    func recordToANonRegularFileIsALocatedError(_ target: String) throws {
        let folder = try ScratchFolder()
        if target == "fifo" { #expect(mkfifo(folder.file("fifo"), 0o600) == 0) }
        // --allow-writes: /dev/null is outside the folder, and the check here is the file kind's.
        let run = try ProcessRun.attnsh(["--norc", "--allow-writes"], input: Array("record \(target)\necho after\n".utf8), timeout: 10,
                                        folder: folder.url)
        #expect(!run.timedOut, "record blocked")
        #expect(run.status == 1)
        #expect(run.stderr.contains("<stdin>:1:8: error: cannot record to \(target)"), "stderr: \(run.stderr)")
        var info = stat()
        if target == "fifo" {
            #expect(lstat(folder.file("fifo"), &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO)
        }
    }
}
