import Foundation
import Testing
import AttnTestSupport

/// A write to stdout or stderr that fails (here `/dev/full`: "No space left on device") ends
/// the run with status 1 and, when stderr still works, a message there; output that never
/// had to be written is no error.
@Suite struct WriteErrorTests {
    /// How the script reaches attnsh.
    enum Entry: String, CaseIterable, CustomTestStringConvertible {
        case file = "attnsh FILE"
        case replay = "attnsh replay FILE"
        case standardInput = "attnsh < FILE"

        var testDescription: String { rawValue }

        func arguments(_ path: String) -> [String] {
            switch self {
            case .file: return [path]
            case .replay: return ["replay", path]
            case .standardInput: return []
            }
        }
    }

    /// A script that succeeds and prints one line of values.
    static let printing = "echo PRINTED\n"
    /// A script that succeeds, prints values and a warning (every key blocked in `run`).
    static let warning = "mha d_model=4 heads=2 seed=1\ntokens a b c\nmask pad 0\nrun\n"

    func start(_ script: String, _ entry: Entry, stdout: String? = nil, stderr: String? = nil) throws -> BackgroundRun {
        let folder = try ScratchFolder()
        let path = try folder.write(script, to: "script.attn")
        return try BackgroundRun(entry.arguments(path), folder: folder,
                                 stdin: entry == .standardInput ? path : "/dev/null", stdout: stdout, stderr: stderr)
    }

    @Test(arguments: Entry.allCases)
    func aFullStdoutEndsWithStatusOneAndAMessage(_ entry: Entry) throws {
        let child = try start(Self.printing, entry, stdout: "/dev/full")
        #expect(child.wait(timeout: 30) == 1)
        #expect(child.stderr == "attnsh: error: cannot write to standard output: No space left on device\n", "stderr: \(child.stderr)")
    }

    @Test(arguments: Entry.allCases)
    func aFullStderrEndsWithStatusOne(_ entry: Entry) throws {
        let child = try start(Self.warning, entry, stderr: "/dev/full")
        #expect(child.wait(timeout: 30) == 1)
        #expect(child.stdout.contains("ran 11 stages"), "stdout: \(child.stdout)")
    }

    @Test func bothStreamsFullEndWithStatusOne() throws {
        let child = try start(Self.warning, .file, stdout: "/dev/full", stderr: "/dev/full")
        #expect(child.wait(timeout: 30) == 1)
    }

    /// The same scripts with working streams succeed: status 1 above comes from the writes.
    @Test(arguments: Entry.allCases, [printing, warning])
    func theSameScriptsSucceedWithWorkingStreams(_ entry: Entry, _ script: String) throws {
        let child = try start(script, entry)
        #expect(child.wait(timeout: 30) == 0, "stderr: \(child.stderr)")
        #expect(!child.stdout.isEmpty)
    }

    @Test func aScriptThatPrintsNothingSucceedsIntoAFullStdout() throws {
        let child = try start("x = 1\ny = x + 1\n", .file, stdout: "/dev/full")
        #expect(child.wait(timeout: 30) == 0, "stderr: \(child.stderr)")
        #expect(child.stderr.isEmpty, "stderr: \(child.stderr)")
    }

    /// A long output fails while the script runs, not only at its end: the message comes once.
    @Test func aLongOutputIntoAFullStdoutGivesOneMessage() throws {
        let child = try start(String(repeating: "echo A_LINE_OF_OUTPUT_THAT_FILLS_THE_BUFFER\n", count: 2000), .file, stdout: "/dev/full")
        #expect(child.wait(timeout: 60) == 1)
        #expect(child.stderr == "attnsh: error: cannot write to standard output: No space left on device\n", "stderr: \(child.stderr)")
    }
}
