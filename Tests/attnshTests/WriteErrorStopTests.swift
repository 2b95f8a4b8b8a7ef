import Foundation
import Testing
import AttnTestSupport

/// A script whose output cannot be written stops after the statement that found it out: the
/// statements after it do not run (their side effects never happen), status 1, one message.
@Suite struct WriteErrorStopTests {
    @Test func aFullStdoutStopsTheScriptThere() throws {
        let folder = try ScratchFolder()
        let path = try folder.write("x = [1, 2]\nx\nsave x after.npy\necho NOT_REACHED\n", to: "script.attn")
        let child = try BackgroundRun([path], folder: folder, stdout: "/dev/full")
        #expect(child.wait(timeout: 30) == 1)
        #expect(child.stderr.hasSuffix("\nattnsh: error: cannot write to standard output: No space left on device\n"), "stderr: \(child.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.file("after.npy")), "the script went on after the failed write")
    }
}
