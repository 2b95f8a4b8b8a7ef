import AttnTestSupport
import Foundation
import Testing

/// Classroom replay inside the pane UI, in a real pseudo-terminal (tmux, 100×30): Enter advances
/// and nothing else does, `--delay` advances on its own, `q` leaves with the workspace intact,
/// and the grid pane follows the lesson (issue 5 acceptance 3, in the panes).
@Suite struct PaneReplayTests {
    static let lesson = """
        # A first look at two heads.
        a = 41 + 1
        pause
        mha d_model=8 heads=2 seed=1
        tokens the cat sat on the mat
        run
        b = a + 1000
        echo third step
        """

    /// The log's last line (the prompt line), without the frame.
    func promptLine(_ screen: String) -> String {
        let rows = screen.components(separatedBy: "\n").filter { $0.hasPrefix("│") }
        return rows.last.map { $0.dropFirst().dropLast().trimmingCharacters(in: .whitespaces) } ?? ""
    }

    /// Starts `attnsh replay lesson.attn ARGUMENTS` in a folder holding the lesson.
    func startReplay(_ arguments: String = "") throws -> TmuxSession {
        let folder = try ScratchFolder()
        try folder.write(Self.lesson, to: "lesson.attn")
        return try TmuxSession(script: "cd \(TmuxSession.quoted(folder.url.path)) && \"$ATTNSH\" replay lesson.attn \(arguments); sleep 600",
                               home: folder)
    }

    /// Presses Enter and waits until the prompt line holds `next`, pre-filled.
    func enter(expecting next: String, in tmux: TmuxSession) throws {
        try tmux.press("Enter")
        #expect(tmux.waitFor { promptLine($0).hasSuffix("> " + next) } != nil,
                "Enter did not bring `\(next)`:\n\(tmux.lastScreen)")
    }

    @Test func enterAdvancesTheGridFollowsAndQLeavesWithTheWorkspace() throws {
        let tmux = try startReplay()
        defer { tmux.close() }
        let first = tmux.waitFor { promptLine($0) == "attnsh> a = 41 + 1" }
        #expect(first != nil, "first statement not pre-filled:\n\(tmux.lastScreen)")
        #expect(tmux.lastScreen.contains("# A first look at two heads."), "comment not in the log:\n\(tmux.lastScreen)")
        #expect(tmux.lastScreen.contains("├ replay 1/6 · Enter runs · q quits ─"), "no replay title:\n\(tmux.lastScreen)")
        // Nothing happens without Enter.
        usleep(1_000_000)
        let idle = try tmux.screen()
        #expect(idle == first, "the screen changed without Enter:\n\(idle)")
        // A pause waits for Enter too.
        try tmux.press("Enter")
        #expect(tmux.waitFor { promptLine($0).hasPrefix("-- pause: Enter goes on") } != nil, "no pause:\n\(tmux.lastScreen)")
        #expect(tmux.lastScreen.contains("├ replay 1/6 · paused · q quits ─"), "title at the pause:\n\(tmux.lastScreen)")
        try enter(expecting: "mha d_model=8 heads=2 seed=1", in: tmux)
        #expect(tmux.lastScreen.contains("replay 2/6"))
        try enter(expecting: "tokens the cat sat on the mat", in: tmux)
        try enter(expecting: "run", in: tmux)
        #expect(!tmux.lastScreen.contains("head 1"), "the grid shows heads before `run`:\n\(tmux.lastScreen)")
        try enter(expecting: "b = a + 1000", in: tmux)
        // The grid pane follows the lesson: every head, the lesson's tokens across and down.
        let ran = tmux.lastScreen
        #expect(ran.contains("head 0") && ran.contains("head 1"), "no heads after `run`:\n\(ran)")
        let keyRow = ran.components(separatedBy: "\n").first { $0.contains(/the +cat +sat +on +the +mat/) }
        #expect(keyRow?.matches(of: /the +cat +sat +on +the +mat/).count == 2, "token labels:\n\(ran)")
        #expect(ran.contains("│mat "), "no query row for `mat`:\n\(ran)")
        // `q` on the unedited line leaves; the statement at the prompt never runs.
        try tmux.type("q")
        #expect(tmux.waitFor("(replay stopped; the workspace is kept)") != nil, "q did not leave:\n\(tmux.lastScreen)")
        #expect(tmux.waitFor { promptLine($0) == "attn>" } != nil, "no fresh prompt:\n\(tmux.lastScreen)")
        #expect(!tmux.lastScreen.contains("replay 5/6"), "title still says replay:\n\(tmux.lastScreen)")
        try tmux.type("a")
        try tmux.press("Enter")
        #expect(tmux.waitFor { $0.contains("│ 42.0 ") } != nil, "a lost after q:\n\(tmux.lastScreen)")
        #expect(tmux.lastScreen.contains("head 1"), "the grid went away after q:\n\(tmux.lastScreen)")
        try tmux.type("b")
        try tmux.press("Enter")
        #expect(tmux.waitFor("`b` is not defined") != nil, "the statement after q ran:\n\(tmux.lastScreen)")
    }

    @Test func aDelayAdvancesOnItsOwnAndEndsInTheShell() throws {
        let tmux = try startReplay("--delay 0.2")
        defer { tmux.close() }
        // The first statement runs by itself; the pause then waits for Enter even on a timer.
        #expect(tmux.waitFor { promptLine($0).hasPrefix("-- pause: Enter goes on") } != nil, "no pause:\n\(tmux.lastScreen)")
        #expect(tmux.lastScreen.contains("attnsh> a = 41 + 1"), "the first statement is not in the log:\n\(tmux.lastScreen)")
        usleep(500_000)
        #expect(promptLine(try tmux.screen()).hasPrefix("-- pause: Enter goes on"), "the pause did not wait")
        try tmux.press("Enter")
        let end = tmux.waitFor("(end of replay: lesson.attn)")
        #expect(end != nil, "the replay did not run on its own:\n\(tmux.lastScreen)")
        #expect(tmux.lastScreen.contains("third step") && tmux.lastScreen.contains("head 1"),
                "screen:\n\(tmux.lastScreen)")
        #expect(tmux.waitFor { promptLine($0) == "attn>" } != nil, "no fresh prompt:\n\(tmux.lastScreen)")
        try tmux.type("b")
        try tmux.press("Enter")
        #expect(tmux.waitFor { $0.contains("│ 1042.0 ") } != nil, "workspace after replay:\n\(tmux.lastScreen)")
    }

    // On a long timer: a key runs the statement at once, Ctrl-C leaves.
    @Test func onATimerAKeyRunsTheStatementAtOnceAndCtrlCLeaves() throws {
        let tmux = try startReplay("--delay 60")
        defer { tmux.close() }
        #expect(tmux.waitFor { promptLine($0) == "attnsh> a = 41 + 1" } != nil, "not shown:\n\(tmux.lastScreen)")
        #expect(tmux.lastScreen.contains("├ replay 1/6 · every 60.0 s · q quits ─"), "title:\n\(tmux.lastScreen)")
        try tmux.type(" ")
        #expect(tmux.waitFor { promptLine($0).hasPrefix("-- pause: Enter goes on") } != nil, "a key did not run it:\n\(tmux.lastScreen)")
        try enter(expecting: "mha d_model=8 heads=2 seed=1", in: tmux)
        try tmux.press("C-c")
        #expect(tmux.waitFor("(replay stopped; the workspace is kept)") != nil, "Ctrl-C did not leave:\n\(tmux.lastScreen)")
        try tmux.type("a")
        try tmux.press("Enter")
        #expect(tmux.waitFor { $0.contains("│ 42.0 ") } != nil, "a lost after Ctrl-C:\n\(tmux.lastScreen)")
        #expect(!tmux.lastScreen.contains("d_model 8"), "the statement at the prompt ran:\n\(tmux.lastScreen)")
    }

    // Typed at the pane prompt: an edited statement runs as edited, an error names the script's
    // line and column, Esc q leaves.
    @Test func aReplayStatementAtThePanePromptLocatesErrorsAndEscQLeaves() throws {
        let folder = try ScratchFolder()
        try folder.write("a = 1\nb = a + nope\nc = 3\n", to: "broken.attn")
        let tmux = try TmuxSession(script: "cd \(TmuxSession.quoted(folder.url.path)) && \"$ATTNSH\"; sleep 600", home: folder)
        defer { tmux.close() }
        #expect(tmux.waitFor("attnsh>") != nil, "no prompt:\n\(tmux.lastScreen)")
        try tmux.type("replay broken.attn")
        try tmux.press("Enter")
        #expect(tmux.waitFor { promptLine($0) == "attnsh> a = 1" } != nil, "not pre-filled:\n\(tmux.lastScreen)")
        // Edit the line: `q` is then text, not the way out.
        try tmux.press("BSpace")
        try tmux.type("7")
        try enter(expecting: "b = a + nope", in: tmux)
        try enter(expecting: "c = 3", in: tmux)
        #expect(tmux.lastScreen.contains("broken.attn:2:9: error: `nope` is not defined"), "screen:\n\(tmux.lastScreen)")
        try tmux.press("Escape", "q")
        #expect(tmux.waitFor("(replay stopped; the workspace is kept)") != nil, "Esc q did not leave:\n\(tmux.lastScreen)")
        try tmux.type("a + c")
        try tmux.press("Enter")
        #expect(tmux.waitFor("`c` is not defined") != nil, "c ran, or a was lost:\n\(tmux.lastScreen)")
        try tmux.type("a")
        try tmux.press("Enter")
        #expect(tmux.waitFor { $0.contains("│ 7.0 ") } != nil, "the edited statement did not run as edited:\n\(tmux.lastScreen)")
    }
}
