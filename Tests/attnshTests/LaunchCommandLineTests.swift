import Foundation
import Testing
import AttnTestSupport

/// The command line around the launcher: the shared flags before a subcommand's name, the
/// `--delay` rule in words, and usage errors with status 64.
@Suite struct LaunchCommandLineTests {
    /// A folder holding `lesson.attn`, a script that prints LESSON_RAN.
    func lessonFolder() throws -> ScratchFolder {
        let folder = try ScratchFolder()
        try folder.write("echo LESSON_RAN\n", to: "lesson.attn")
        return folder
    }

    @Test(arguments: [["--norc"], ["--plain", "--ascii"], ["--keep-going", "--norc", "--plain", "--ascii"]])
    func sharedFlagsMayComeBeforeReplay(_ flags: [String]) throws {
        let folder = try lessonFolder()
        let run = try ProcessRun.attnsh(flags + ["replay", "lesson.attn"], folder: folder.url)
        #expect(run.status == 0, "status \(run.status), stderr: \(run.stderr)")
        #expect(run.outputLines == ["LESSON_RAN"])
    }

    @Test func flagsOnBothSidesOfReplayAreTakenTogether() throws {
        let folder = try lessonFolder()
        let run = try ProcessRun.attnsh(["--norc", "replay", "lesson.attn", "--plain", "--delay", "0"], folder: folder.url)
        #expect(run.status == 0, "status \(run.status), stderr: \(run.stderr)")
        #expect(run.outputLines == ["LESSON_RAN"])
    }

    /// Only the shared flags move: `-i` before `replay` makes `replay` the FILE of `-i`.
    @Test func aFileNamedReplayRunsWhenSpelledAsAPath() throws {
        let folder = try ScratchFolder()
        try folder.write("echo FILE_NAMED_REPLAY\n", to: "replay")
        let run = try ProcessRun.attnsh(["--norc", "./replay"], folder: folder.url)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.outputLines == ["FILE_NAMED_REPLAY"])
        let dashI = try ProcessRun.attnsh(["-i", "replay"], folder: folder.url)
        #expect(dashI.status == 0, "stderr: \(dashI.stderr)")
        #expect(dashI.outputLines == ["FILE_NAMED_REPLAY"])
    }

    @Test(arguments: ["-1", "-0.5", "abc", "nan", "inf", "3601", ""])
    func aBadDelayNamesTheRule(_ delay: String) throws {
        let folder = try lessonFolder()
        let run = try ProcessRun.attnsh(["replay", "lesson.attn", "--delay", delay], folder: folder.url)
        #expect(run.status == 64 && !run.signaled, "status \(run.status)")
        #expect(run.stderr.contains("--delay must be a number of seconds ≥ 0 (at most 3600), not `\(delay)`"), "stderr: \(run.stderr)")
        #expect(!run.stderr.contains("Missing value"), "stderr: \(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test(arguments: [["--delay", "0"], ["--delay", "2.5"], ["--delay=3600"], ["--delay", "1e1"]])
    func aGoodDelayIsAccepted(_ delay: [String]) throws {
        let folder = try lessonFolder()
        let run = try ProcessRun.attnsh(["replay", "lesson.attn"] + delay, folder: folder.url)
        #expect(run.status == 0, "status \(run.status), stderr: \(run.stderr)")
        #expect(run.outputLines == ["LESSON_RAN"])
    }

    @Test(arguments: [["--norc", "replay"], ["replay", "a.attn", "b.attn"], ["replay", "a.attn", "-i"],
                      ["--plain", "bench"], ["replay", "a.attn", "--delay"]])
    func badUsageAroundReplayIsAUsageError(_ arguments: [String]) throws {
        let run = try ProcessRun.attnsh(arguments)
        #expect(run.status == 64 && !run.signaled, "status \(run.status)")
        #expect(run.stderr.contains("Error"), "stderr: \(run.stderr)")
    }

    @Test func replayHelpListsTheSharedFlags() throws {
        let run = try ProcessRun.attnsh(["replay", "--help"])
        #expect(run.status == 0)
        for option in ["--delay", "--keep-going", "--plain", "--norc", "--ascii"] {
            #expect(run.stdout.contains(option), "help lacks \(option):\n\(run.stdout)")
        }
    }
}
