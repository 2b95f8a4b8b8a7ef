import AttnTestSupport
import Foundation
import Testing

/// `record`, `replay` and `attnsh replay` in a real pseudo-terminal (issue 5, acceptance 2-4).
@Suite struct RecordReplayTests {
    static let prompt = "attnsh>"

    private func promptCount(_ screen: String) -> Int {
        screen.screenLines.filter { $0.hasPrefix(Self.prompt) }.count
    }

    /// Types `statement`, presses Enter, and waits for the next prompt.
    private func enter(_ statement: String, in tmux: TmuxSession) throws {
        let before = promptCount(try tmux.screen())
        try tmux.type(statement)
        try tmux.press("Enter")
        #expect(tmux.waitFor { promptCount($0) > before } != nil, "`\(statement)` did not finish:\n\(tmux.lastScreen)")
    }

    // Acceptance 2: record (with a failing statement), replay the recording in a fresh process,
    // compare the saved tensors byte for byte.
    @Test func aRecordingReplaysToTheSameTensors() throws {
        let folder = try ScratchFolder()
        let tmux = try TmuxSession(script: "cd \(TmuxSession.quoted(folder.url.path)) && \"$ATTNSH\" --plain; sleep 600")
        defer { tmux.close() }
        #expect(tmux.waitFor(Self.prompt) != nil, "no prompt:\n\(tmux.lastScreen)")
        try enter("record session.attn", in: tmux)
        try enter("seed 3", in: tmux)
        try enter("x = randn(3, 4)", in: tmux)
        // Fails (q is not defined): it must not be recorded, nor advance the generator.
        try enter("noise = randn(4, 4) + q", in: tmux)
        try enter("w = softmax(x @ x.T / 2)", in: tmux)
        try enter("v = randn(2, 3); v[0, 1] = 5", in: tmux)
        try enter("record off", in: tmux)
        try enter("save w live-w.npy; save v live-v.npy", in: tmux)
        #expect(tmux.lastScreen.contains("recording stopped: 5 statements in session.attn"), "screen:\n\(tmux.lastScreen)")

        let recording = try String(contentsOf: folder.url.appendingPathComponent("session.attn"), encoding: .utf8)
        #expect(!recording.contains("noise"), "the failing statement was recorded:\n\(recording)")
        #expect(!recording.contains("record"), "`record` itself was recorded:\n\(recording)")
        #expect(recording == "seed 3\nx = randn(3, 4)\nw = softmax(x @ x.T / 2)\nv = randn(2, 3)\nv[0, 1] = 5\n")

        // A fresh process runs the recording as a script, then saves the same tensors.
        try folder.write(recording + "save w replay-w.npy\nsave v replay-v.npy\n", to: "replay.attn")
        let run = try ProcessRun.attnsh(["replay.attn"], folder: folder.url)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        for name in ["w", "v"] {
            let live = try Data(contentsOf: folder.url.appendingPathComponent("live-\(name).npy"))
            let replayed = try Data(contentsOf: folder.url.appendingPathComponent("replay-\(name).npy"))
            #expect(live.count > 80 && live == replayed, "\(name): the replayed tensor differs")
        }
    }

    // Acceptance 4: SIGKILL loses no statement that had already succeeded.
    @Test func sigkillLosesNoRecordedStatement() throws {
        let folder = try ScratchFolder()
        let tmux = try TmuxSession(script: "cd \(TmuxSession.quoted(folder.url.path)) && echo $$ > pid && exec \"$ATTNSH\" --plain")
        defer { tmux.close() }
        #expect(tmux.waitFor(Self.prompt) != nil, "no prompt:\n\(tmux.lastScreen)")
        try enter("record kept.attn", in: tmux)
        let statements = (1...12).map { "t\($0) = arange(\($0)) * \($0)" }
        for statement in statements { try enter(statement, in: tmux) }
        let pidText = try String(contentsOf: folder.url.appendingPathComponent("pid"), encoding: .utf8)
        let pid = try #require(Int32(pidText.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(pid, SIGKILL) == 0)
        let recording = try String(contentsOf: folder.url.appendingPathComponent("kept.attn"), encoding: .utf8)
        #expect(recording == statements.map { $0 + "\n" }.joined())
    }

    static let lesson = """
        # Three steps.
        a = 41 + 1
        b = a + 1000
        echo third step
        """

    // Acceptance 3: on Enter only; `q` leaves with the workspace intact.
    @Test func replayAdvancesOnlyOnEnterAndQKeepsTheWorkspace() throws {
        let folder = try ScratchFolder()
        try folder.write(Self.lesson, to: "lesson.attn")
        let tmux = try TmuxSession(script: "cd \(TmuxSession.quoted(folder.url.path)) && \"$ATTNSH\" replay --plain lesson.attn; sleep 600")
        defer { tmux.close() }
        #expect(tmux.waitFor("attnsh> a = 41 + 1") != nil, "first statement not shown:\n\(tmux.lastScreen)")
        #expect(tmux.lastScreen.contains("# Three steps."), "comment not shown:\n\(tmux.lastScreen)")
        // Nothing happens without Enter.
        usleep(1_500_000)
        let idle = try tmux.screen()
        #expect(!idle.contains("b = a + 1000") && promptCount(idle) == 1, "advanced without Enter:\n\(idle)")
        try tmux.press("Enter")
        #expect(tmux.waitFor("attnsh> b = a + 1000") != nil, "Enter did not advance:\n\(tmux.lastScreen)")
        usleep(1_500_000)
        #expect(!(try tmux.screen()).contains("third step"), "advanced without Enter:\n\(tmux.lastScreen)")
        // Leave: clear the pre-filled line, type q alone.
        try tmux.press("C-u")
        try tmux.type("q")
        try tmux.press("Enter")
        #expect(tmux.waitFor("replay stopped") != nil, "q did not stop the replay:\n\(tmux.lastScreen)")
        try tmux.type("a")
        try tmux.press("Enter")
        #expect(tmux.waitFor { $0.screenLines.contains("42.0") } != nil, "a lost after q:\n\(tmux.lastScreen)")
        try tmux.type("b")
        try tmux.press("Enter")
        #expect(tmux.waitFor("`b` is not defined") != nil, "the statement after q ran:\n\(tmux.lastScreen)")
    }

    // Acceptance 3: with --delay the replay goes on by itself and ends in the shell.
    @Test func replayWithADelayAdvancesOnItsOwn() throws {
        let folder = try ScratchFolder()
        try folder.write(Self.lesson, to: "lesson.attn")
        let tmux = try TmuxSession(script: "cd \(TmuxSession.quoted(folder.url.path)) && \"$ATTNSH\" replay --plain lesson.attn --delay 0.2; sleep 600")
        defer { tmux.close() }
        #expect(tmux.waitFor("end of replay: lesson.attn") != nil, "the replay did not run on its own:\n\(tmux.lastScreen)")
        #expect(tmux.lastScreen.contains("third step"))
        try tmux.type("b")
        try tmux.press("Enter")
        #expect(tmux.waitFor { $0.screenLines.contains("1042.0") } != nil, "workspace after replay:\n\(tmux.lastScreen)")
    }

    // A `replay` statement typed at the prompt; an error in the script names the script's line.
    @Test func replayStatementLocatesErrorsInTheScript() throws {
        let folder = try ScratchFolder()
        try folder.write("a = 1\nb = a + nope\n", to: "broken.attn")
        let tmux = try TmuxSession(script: "cd \(TmuxSession.quoted(folder.url.path)) && \"$ATTNSH\" --plain; sleep 600")
        defer { tmux.close() }
        #expect(tmux.waitFor(Self.prompt) != nil, "no prompt:\n\(tmux.lastScreen)")
        try tmux.type("replay broken.attn delay=0")
        try tmux.press("Enter")
        #expect(tmux.waitFor("broken.attn:2:9: error: `nope` is not defined") != nil, "screen:\n\(tmux.lastScreen)")
    }

    // Without a terminal, `attnsh replay FILE` runs the script like `attnsh FILE`.
    @Test func replayWithoutATerminalRunsTheScript() throws {
        let folder = try ScratchFolder()
        try folder.write(Self.lesson, to: "lesson.attn")
        let run = try ProcessRun.attnsh(["replay", "lesson.attn"], folder: folder.url)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.outputLines == ["third step"])
        let bad = try ProcessRun.attnsh(["replay", "lesson.attn", "--delay", "-1"], folder: folder.url)
        #expect(bad.status == 64, "stderr: \(bad.stderr)")
    }
}
