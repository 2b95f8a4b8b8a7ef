import Foundation
import Testing
import AttnTestSupport

/// Every way of starting attnsh without a terminal takes the same flags, never runs the rc file
/// and ends with the same exit status: `attnsh` with a script on stdin, `attnsh FILE`,
/// `attnsh -i FILE`, and `attnsh replay FILE` with the flags before or after `replay`.
@Suite struct LaunchPipeTests {
    /// An entry point, given a script as a file (or on stdin for `attnsh` alone).
    enum Entry: String, CaseIterable, CustomTestStringConvertible {
        case standardInput = "attnsh < FILE"
        case file = "attnsh FILE"
        case dashI = "attnsh -i FILE"
        case replay = "attnsh FLAGS replay FILE"
        case replayFlagsAfter = "attnsh replay FILE FLAGS"

        var testDescription: String { rawValue }

        func arguments(_ flags: [String], path: String) -> [String] {
            switch self {
            case .standardInput: return flags
            case .file: return flags + [path]
            case .dashI: return flags + ["-i", path]
            case .replay: return flags + ["replay", path]
            case .replayFlagsAfter: return ["replay", path] + flags
            }
        }

        /// The name diagnostics give the script.
        func scriptName(path: String) -> String { self == .standardInput ? "<stdin>" : path }
    }

    /// Runs `script` through `entry` with `flags`, in a fresh folder (also HOME unless given).
    func run(_ script: String, _ entry: Entry, flags: [String] = [], home: URL? = nil) throws -> (ProcessRun, String) {
        let folder = try ScratchFolder()
        let path = try folder.write(script, to: "script.attn")
        let input = entry == .standardInput ? Array(script.utf8) : []
        let run = try ProcessRun.attnsh(entry.arguments(flags, path: path), input: input, timeout: 60,
                                        home: home ?? folder.url, folder: folder.url)
        return (run, path)
    }

    static let flagSets = [["--plain"], ["--norc"], ["--ascii"], ["--keep-going"], ["--plain", "--norc", "--ascii", "--keep-going"]]

    @Test(arguments: Entry.allCases, flagSets)
    func everyEntryTakesTheSharedFlags(_ entry: Entry, _ flags: [String]) throws {
        let (run, _) = try run("echo FLAGGED\n", entry, flags: flags)
        #expect(run.status == 0 && !run.signaled, "status \(run.status), stderr: \(run.stderr)")
        #expect(run.outputLines == ["FLAGGED"], "stdout:\n\(run.stdout)")
        #expect(run.stderr.isEmpty, "stderr: \(run.stderr)")
    }

    /// The rc file is for interactive sessions: readable or not, a script never runs it nor warns.
    @Test(arguments: Entry.allCases, [true, false])
    func noEntryRunsTheRcFileWithoutATerminal(_ entry: Entry, _ readable: Bool) throws {
        let home = try ScratchFolder()
        if readable {
            try home.write("echo RC_RAN\n", to: ".attnshrc")
        } else {
            // A folder in its place cannot be read, even by root.
            try FileManager.default.createDirectory(at: home.url.appendingPathComponent(".attnshrc"), withIntermediateDirectories: false)
        }
        let (run, _) = try run("echo SCRIPT_RAN\n", entry, home: home.url)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.outputLines == ["SCRIPT_RAN"], "stdout:\n\(run.stdout)")
        #expect(run.stderr.isEmpty, "stderr: \(run.stderr)")
    }

    @Test(arguments: Entry.allCases)
    func aFailingStatementEndsEveryEntryWithStatusOne(_ entry: Entry) throws {
        let (run, path) = try run("a = 1\nb = a + nosuch\necho AFTER\n", entry)
        #expect(run.status == 1 && !run.signaled, "status \(run.status)")
        #expect(run.errorLines.first?.hasPrefix(entry.scriptName(path: path) + ":2:") == true, "stderr:\n\(run.stderr)")
        #expect(!run.stdout.contains("AFTER"), "a statement after the error ran:\n\(run.stdout)")
    }

    @Test(arguments: Entry.allCases)
    func keepGoingRunsPastAFailureInEveryEntry(_ entry: Entry) throws {
        let (run, _) = try run("b = nosuch\necho AFTER\n", entry, flags: ["--keep-going"])
        #expect(run.status == 1 && !run.signaled, "status \(run.status)")
        #expect(run.outputLines == ["AFTER"], "stdout:\n\(run.stdout)")
    }

    @Test(arguments: [Entry.file, .dashI, .replay, .replayFlagsAfter])
    func aMissingFileIsTheSameErrorForEveryEntry(_ entry: Entry) throws {
        let folder = try ScratchFolder()
        let path = folder.url.appendingPathComponent("absent.attn").path
        let run = try ProcessRun.attnsh(entry.arguments(["--norc"], path: path), folder: folder.url)
        #expect(run.status == 1 && !run.signaled, "status \(run.status)")
        #expect(run.stderr == "attnsh: error: cannot read \(path): No such file or directory\n", "stderr: \(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    /// `--ascii` reaches the printed training sparklines whichever way the script started.
    @Test(arguments: Entry.allCases, [true, false])
    func asciiDrawsPrintedChartsInEveryEntry(_ entry: Entry, _ ascii: Bool) throws {
        let (run, _) = try run("train task=prev steps=20 seed=1\n", entry, flags: ascii ? ["--ascii"] : [])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let sparklines = run.outputLines.filter { $0.hasPrefix("step ") }
        #expect(sparklines.count == 2, "stdout:\n\(run.stdout)")
        let allASCII = sparklines.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) }
        #expect(allASCII == ascii, "stdout:\n\(run.stdout)")
    }
}
