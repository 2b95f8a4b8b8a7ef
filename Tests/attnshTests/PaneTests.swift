import AttnTestSupport
import Foundation
import Testing

/// The pane UI in a real pseudo-terminal (tmux, TERM=xterm-256color, 100×30): a lesson's
/// statements on screen, the inspector against `attn.P`, resizing, and the terminal given back.
@Suite struct PaneTests {
    static let lesson = ["mha d_model=8 heads=2 seed=1", "tokens the cat sat on the mat", "run"]

    /// Starts attnsh in panes and types the lesson; the session, once `run` has finished.
    func startLesson(script: String = #"exec "$ATTNSH""#, home: ScratchFolder? = nil) throws -> TmuxSession {
        let tmux = try TmuxSession(script: script, home: home)
        #expect(tmux.waitFor("attnsh>") != nil, "no prompt:\n\(tmux.lastScreen)")
        for statement in Self.lesson {
            try tmux.type(statement)
            try tmux.press("Enter")
        }
        #expect(tmux.waitFor("ran 11 stages") != nil, "run did not finish:\n\(tmux.lastScreen)")
        return tmux
    }

    /// Esc, then waits until the log's title says the panes have the keys (so the next key is
    /// not read as Alt with the Esc).
    func focusPanes(_ tmux: TmuxSession) throws {
        try tmux.press("Escape")
        #expect(tmux.waitFor("panes: ? keys") != nil, "Esc did not focus the panes:\n\(tmux.lastScreen)")
    }

    @Test func aLessonShowsTokenLabelsAndEveryHeadsGrid() throws {
        let tmux = try startLesson()
        defer { tmux.close() }
        let screen = tmux.lastScreen
        #expect(screen.contains("head 0") && screen.contains("head 1"), "screen:\n\(screen)")
        #expect(screen.contains("stage 8/11  P = softmax(masked)"))
        let lines = screen.components(separatedBy: "\n")
        // Key labels across the top of both heads, query labels down the side.
        // The cells are as wide as fit (numbers in them), so the words' spacing is not fixed.
        let keyRow = try #require(lines.first { $0.contains(/the +cat +sat +on +the +mat/) }, "screen:\n\(screen)")
        #expect(keyRow.matches(of: /the +cat +sat +on +the +mat/).count == 2, "one label row per head:\n\(screen)")
        for word in ["the", "cat", "sat", "on", "mat"] {
            #expect(lines.contains { $0.hasPrefix("│" + String(repeating: " ", count: 3 - word.count) + word + " ") },
                    "no query row \(word):\n\(screen)")
        }
        #expect(screen.contains("head outputs Z"))
    }

    /// The weight the plain shell prints for attn.P[head, query, key] with 2 decimals.
    func plainWeight(head: Int, query: Int, key: Int) throws -> String {
        let script = (Self.lesson + ["show attn.P[\(head), \(query), \(key)] precision=2"]).joined(separator: "\n") + "\n"
        let run = try ProcessRun.attnsh(input: script)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let last = run.outputLines.last ?? ""
        return String(last.split(separator: " ").last ?? "")
    }

    @Test(arguments: [(1, 2, 3), (0, 4, 1)])
    func arrowKeysMoveTheInspectorToAWeightOfP(_ head: Int, _ query: Int, _ key: Int) throws {
        let expected = try plainWeight(head: head, query: query, key: key)
        let tmux = try startLesson()
        defer { tmux.close() }
        try focusPanes(tmux)
        for _ in 0..<head { try tmux.press("Tab") }
        for _ in 0..<query { try tmux.press("Down") }
        for _ in 0..<key { try tmux.press("Right") }
        let words = ["the", "cat", "sat", "on", "the", "mat"]
        let where_ = "head \(head) · query \"\(words[query])\" (\(query)) → key \"\(words[key])\" (\(key))"
        let screen = tmux.waitFor(where_)
        #expect(screen != nil, "inspector did not reach \(where_):\n\(tmux.lastScreen)")
        let weightLine = try #require(screen?.components(separatedBy: "\n").first { $0.contains("weight ") })
        let afterWeight = weightLine.components(separatedBy: "weight ").last ?? ""
        let shown = String(afterWeight.prefix { !$0.isWhitespace && $0 != "│" })
        #expect(Double(shown) != nil && Double(shown) == Double(expected),
                "inspector shows \(shown), plain attn.P shows \(expected)")
        // `i` gives the keys back to the prompt.
        try tmux.press("i")
        #expect(tmux.waitFor { !$0.contains("panes: ? keys") } != nil)
    }

    @Test func resizingRelaysWithoutGarbage() throws {
        let tmux = try startLesson()
        defer { tmux.close() }
        let before = try tmux.screen()
        try tmux.resize(columns: 60, rows: 20)
        let small = tmux.waitFor { screen in
            let lines = screen.components(separatedBy: "\n").filter { !$0.isEmpty }
            return lines.count == 20 && lines.first?.count == 60 && screen.contains("head 1")
        }
        #expect(small != nil, "no 60×20 layout:\n\(tmux.lastScreen)")
        for line in (small ?? "").components(separatedBy: "\n") where !line.isEmpty {
            #expect(line.count == 60 && (line.hasPrefix("│") || line.hasPrefix("┌") || line.hasPrefix("├") || line.hasPrefix("└")),
                    "ragged line at 60×20: \(line)")
        }
        try tmux.resize(columns: 40, rows: 12)
        #expect(tmux.waitFor("terminal too small") != nil, "no too-small message:\n\(tmux.lastScreen)")
        try tmux.resize(columns: 100, rows: 30)
        let restored = tmux.waitFor { $0 == before }
        #expect(restored != nil, "screen differs after resizing back:\nbefore:\n\(before)\nafter:\n\(tmux.lastScreen)")
    }

    @Test func sigtermLeavesTheTerminalInItsOriginalMode() throws {
        let home = try ScratchFolder()
        let script = #"stty -g > "$HOME/before"; sh -c 'echo $$ > "$HOME/pid"; exec "$ATTNSH"'; echo EXIT=$?; stty -g > "$HOME/after"; echo MODES_SAVED; sleep 600"#
        let tmux = try startLesson(script: script, home: home)
        defer { tmux.close() }
        let pidText = try String(contentsOf: home.url.appendingPathComponent("pid"), encoding: .utf8)
        let pid = try #require(Int32(pidText.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(pid, SIGTERM) == 0)
        let after = tmux.waitFor("MODES_SAVED")
        #expect(after != nil, "attnsh did not end on SIGTERM:\n\(tmux.lastScreen)")
        #expect(after?.contains("EXIT=143") == true, "exit status:\n\(tmux.lastScreen)")
        let modesBefore = try String(contentsOf: home.url.appendingPathComponent("before"), encoding: .utf8)
        let modesAfter = try String(contentsOf: home.url.appendingPathComponent("after"), encoding: .utf8)
        #expect(!modesBefore.isEmpty && modesBefore == modesAfter)
        // The alternate screen is gone: the shell's own lines are visible again.
        #expect(after?.contains("head 0") == false)
    }

    @Test func ctrlDExitsWithStatusZeroAndRestoresTheTerminal() throws {
        let home = try ScratchFolder()
        let script = #"stty -g > "$HOME/before"; "$ATTNSH"; echo EXIT=$?; stty -g > "$HOME/after"; echo MODES_SAVED; sleep 600"#
        let tmux = try TmuxSession(script: script, home: home)
        defer { tmux.close() }
        #expect(tmux.waitFor("attnsh>") != nil, "no prompt:\n\(tmux.lastScreen)")
        try tmux.press("C-d")
        let after = tmux.waitFor("MODES_SAVED")
        #expect(after?.contains("EXIT=0") == true, "screen:\n\(tmux.lastScreen)")
        let modesBefore = try String(contentsOf: home.url.appendingPathComponent("before"), encoding: .utf8)
        let modesAfter = try String(contentsOf: home.url.appendingPathComponent("after"), encoding: .utf8)
        #expect(modesBefore == modesAfter)
    }

    @Test func ctrlCClearsThePromptLine() throws {
        let tmux = try TmuxSession(script: #"exec "$ATTNSH""#)
        defer { tmux.close() }
        #expect(tmux.waitFor("attnsh>") != nil, "no prompt:\n\(tmux.lastScreen)")
        try tmux.type("echo SHOULD_NOT_RUN")
        #expect(tmux.waitFor("attnsh> echo SHOULD_NOT_RUN") != nil)
        try tmux.press("C-c")
        #expect(tmux.waitFor { !$0.contains("SHOULD_NOT_RUN") } != nil, "line not cleared:\n\(tmux.lastScreen)")
        try tmux.type("echo DONE_MARKER")
        try tmux.press("Enter")
        let done = tmux.waitFor { $0.components(separatedBy: "\n").contains { $0.hasPrefix("│ DONE_MARKER") } }
        #expect(done != nil, "the shell stopped answering:\n\(tmux.lastScreen)")
    }
}
