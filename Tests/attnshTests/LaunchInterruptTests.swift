import Foundation
import Testing
import AttnTestSupport

/// Ctrl-C (SIGINT) during a long statement of a script run without a terminal: the statement is
/// cancelled, nothing after it runs, and the process ends with status 130, for `attnsh FILE`,
/// `attnsh replay FILE`, `attnsh -i FILE` and a script on stdin alike.
@Suite struct LaunchInterruptTests {
    enum Entry: String, CaseIterable, CustomTestStringConvertible {
        case file = "attnsh FILE"
        case replay = "attnsh replay FILE"
        case dashI = "attnsh -i FILE"
        case standardInput = "attnsh < FILE"

        var testDescription: String { rawValue }

        var arguments: [String] {
            switch self {
            case .file: return ["long.attn"]
            case .replay: return ["replay", "long.attn"]
            case .dashI: return ["-i", "long.attn"]
            case .standardInput: return []
            }
        }
    }

    /// A script that writes `started.npy` and then multiplies large matrices for minutes.
    // A few thousand products of 3000×3000 matrices: far longer than any test runs, so the
    // signal always lands inside one of them.
    static let longScript = "x = ones(2, 2)\nsave x started.npy\n"
        + String(repeating: "y = ones(3000, 3000) @ ones(3000, 3000)\n", count: 2000)
        + "echo NOT_REACHED\n"

    @Test(arguments: Entry.allCases)
    func ctrlCEndsAScriptWithStatus130(_ entry: Entry) throws {
        let folder = try ScratchFolder()
        let path = try folder.write(Self.longScript, to: "long.attn")
        let child = try BackgroundRun(entry.arguments, folder: folder, stdin: entry == .standardInput ? path : "/dev/null")
        let started = folder.url.appendingPathComponent("started.npy").path
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: started) && Date() < deadline { usleep(20_000) }
        #expect(FileManager.default.fileExists(atPath: started), "the script never started; stderr: \(child.stderr)")
        // Inside the first product now (or about to be).
        usleep(300_000)
        child.send(SIGINT)
        let status = child.wait(timeout: 60)
        #expect(status == 130, "status \(String(describing: status)); stderr: \(child.stderr)")
        #expect(!child.endedBySignal, "SIGINT killed the process instead of cancelling the statement")
        #expect(child.stderr.contains("cancelled (Ctrl-C)"), "stderr: \(child.stderr)")
        #expect(!child.stdout.contains("NOT_REACHED"), "the script went on after Ctrl-C")
    }
}
