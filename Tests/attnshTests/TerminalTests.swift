import AttnTestSupport
import Foundation
import Testing

/// The interactive plain shell (`--plain`; the pane UI is in PaneTests) in a real pseudo-terminal
/// (tmux): readline's history, completion, Ctrl-C and Ctrl-D as a user meets them.
@Suite struct TerminalTests {
    static let prompt = "attnsh> "

    /// The last non-blank screen line, the one the cursor is on.
    private func lastLine(_ screen: String) -> String { screen.screenLines.last ?? "" }

    /// How many screen lines start with the prompt.
    private func promptCount(_ screen: String) -> Int {
        screen.screenLines.filter { $0.hasPrefix(Self.prompt.trimmingCharacters(in: .whitespaces)) }.count
    }

    @Test func ctrlDOnAnEmptyLineExitsWithStatusZero() throws {
        let tmux = try TmuxSession(script: #""$ATTNSH" --plain; echo EXIT=$?; sleep 600"#)
        defer { tmux.close() }
        #expect(tmux.waitFor("attnsh>") != nil, "no prompt:\n\(tmux.lastScreen)")
        try tmux.press("C-d")
        let screen = tmux.waitFor("EXIT=")
        #expect(screen?.screenLines.contains("EXIT=0") == true, "screen:\n\(tmux.lastScreen)")
    }

    @Test func historySurvivesARestart() throws {
        let tmux = try TmuxSession(script: #""$ATTNSH" --plain; echo EXIT=$?; "$ATTNSH" --plain; sleep 600"#)
        defer { tmux.close() }
        #expect(tmux.waitFor("attnsh>") != nil, "no prompt:\n\(tmux.lastScreen)")
        try tmux.type("remembered = 41")
        try tmux.press("Enter")
        #expect(tmux.waitFor { promptCount($0) == 2 } != nil, "statement did not finish:\n\(tmux.lastScreen)")
        try tmux.press("C-d")
        // The second shell is up when a prompt follows the first one's exit line.
        let restarted = tmux.waitFor { screen in
            let lines = screen.screenLines
            guard let exit = lines.firstIndex(of: "EXIT=0") else { return false }
            return lines[(exit + 1)...].contains { $0.hasPrefix("attnsh>") }
        }
        #expect(restarted != nil, "no second shell:\n\(tmux.lastScreen)")
        try tmux.press("Up")
        let recalled = tmux.waitFor { lastLine($0) == Self.prompt + "remembered = 41" }
        #expect(recalled != nil, "Up did not recall the statement:\n\(tmux.lastScreen)")
        let saved = try String(contentsOf: tmux.home.url.appendingPathComponent(".attnsh_history"), encoding: .utf8)
        #expect(saved.contains("remembered = 41"))
    }

    @Test func historyGoesUnderXDGStateHomeWhenSet() throws {
        let home = try ScratchFolder()
        let state = home.url.appendingPathComponent("state")
        let tmux = try TmuxSession(script: #"exec "$ATTNSH" --plain"#, environment: ["XDG_STATE_HOME": state.path], home: home)
        defer { tmux.close() }
        #expect(tmux.waitFor("attnsh>") != nil, "no prompt:\n\(tmux.lastScreen)")
        try tmux.type("kept = 2")
        try tmux.press("Enter")
        #expect(tmux.waitFor { promptCount($0) == 2 } != nil, "statement did not finish:\n\(tmux.lastScreen)")
        let file = state.appendingPathComponent("attnsh/history")
        let saved = try String(contentsOf: file, encoding: .utf8)
        #expect(saved.contains("kept = 2"))
        #expect(!FileManager.default.fileExists(atPath: home.url.appendingPathComponent(".attnsh_history").path))
    }

    @Test func tabCompletesATensorName() throws {
        let tmux = try TmuxSession(script: #"exec "$ATTNSH" --plain"#)
        defer { tmux.close() }
        #expect(tmux.waitFor("attnsh>") != nil, "no prompt:\n\(tmux.lastScreen)")
        try tmux.type("longname = 1")
        try tmux.press("Enter")
        #expect(tmux.waitFor { promptCount($0) == 2 } != nil, "statement did not finish:\n\(tmux.lastScreen)")
        try tmux.type("long")
        try tmux.press("Tab")
        let completed = tmux.waitFor { lastLine($0) == Self.prompt + "longname" }
        #expect(completed != nil, "Tab did not complete:\n\(tmux.lastScreen)")
    }

    @Test(.disabled(if: SanitizerRun.defersSignals, SanitizerRun.signalReason)) func ctrlCClearsTheLine() throws {
        let tmux = try TmuxSession(script: #"exec "$ATTNSH" --plain"#)
        defer { tmux.close() }
        #expect(tmux.waitFor("attnsh>") != nil, "no prompt:\n\(tmux.lastScreen)")
        try tmux.type("echo SHOULD_NOT_RUN")
        // Ctrl-C makes the terminal discard input not yet read, so wait until readline has it.
        #expect(tmux.waitFor("attnsh> echo SHOULD_NOT_RUN") != nil, "typing not shown:\n\(tmux.lastScreen)")
        try tmux.press("C-c")
        // A fresh, empty prompt below the abandoned line.
        let cleared = tmux.waitFor { screen in
            let lines = screen.screenLines
            return lines.count >= 2 && lines.last == "attnsh>" && lines[lines.count - 2].contains("SHOULD_NOT_RUN")
        }
        #expect(cleared != nil, "Ctrl-C did not give a fresh prompt:\n\(tmux.lastScreen)")
        try tmux.press("Enter")
        try tmux.type("echo DONE_MARKER")
        try tmux.press("Enter")
        let done = tmux.waitFor { $0.screenLines.contains("DONE_MARKER") }
        #expect(done != nil, "the shell stopped answering:\n\(tmux.lastScreen)")
        #expect(!(done ?? "").screenLines.contains("SHOULD_NOT_RUN"), "the cleared line ran:\n\(tmux.lastScreen)")
    }

    @Test(.disabled(if: SanitizerRun.defersSignals, SanitizerRun.signalReason)) func ctrlCDropsAContinuedStatement() throws {
        let tmux = try TmuxSession(script: #"exec "$ATTNSH" --plain"#)
        defer { tmux.close() }
        #expect(tmux.waitFor("attnsh>") != nil, "no prompt:\n\(tmux.lastScreen)")
        try tmux.type("echo FIRST_HALF \\")
        try tmux.press("Enter")
        #expect(tmux.waitFor { lastLine($0) == "...>" } != nil, "no continuation prompt:\n\(tmux.lastScreen)")
        try tmux.press("C-c")
        #expect(tmux.waitFor { lastLine($0) == "attnsh>" } != nil, "no fresh prompt:\n\(tmux.lastScreen)")
        try tmux.type("echo AFTER_MARKER")
        try tmux.press("Enter")
        let done = tmux.waitFor { $0.screenLines.contains("AFTER_MARKER") }
        #expect(done != nil, "the shell stopped answering:\n\(tmux.lastScreen)")
        #expect(!(done ?? "").contains("FIRST_HALF AFTER"), "the dropped half ran:\n\(tmux.lastScreen)")
    }

    @Test func continuedLinesRunAsOneStatement() throws {
        let tmux = try TmuxSession(script: #"exec "$ATTNSH" --plain"#)
        defer { tmux.close() }
        #expect(tmux.waitFor("attnsh>") != nil, "no prompt:\n\(tmux.lastScreen)")
        try tmux.type("total = 40 + \\")
        try tmux.press("Enter")
        #expect(tmux.waitFor { lastLine($0) == "...>" } != nil, "no continuation prompt:\n\(tmux.lastScreen)")
        try tmux.type("2")
        try tmux.press("Enter")
        try tmux.type("total")
        try tmux.press("Enter")
        let shown = tmux.waitFor { screen in screen.screenLines.contains { Double($0.trimmingCharacters(in: .whitespaces)) == 42 } }
        #expect(shown != nil, "the continued statement did not give 42:\n\(tmux.lastScreen)")
    }

    @Test func rcFileRunsBeforeTheShellAndItsErrorsNameIt() throws {
        let home = try ScratchFolder()
        let rc = try home.write("echo RC_RAN\nbroken = (1 +\n", to: ".attnshrc")
        let tmux = try TmuxSession(script: #"exec "$ATTNSH" --plain"#, home: home)
        defer { tmux.close() }
        let screen = tmux.waitFor { $0.screenLines.last == "attnsh>" }
        #expect(screen != nil, "no prompt:\n\(tmux.lastScreen)")
        let lines = (screen ?? "").screenLines
        #expect(lines.contains("RC_RAN"))
        #expect(lines.contains { $0.hasPrefix(rc + ":2:") && $0.contains("error:") }, "screen:\n\(tmux.lastScreen)")
    }

    @Test func norcSkipsTheRcFile() throws {
        let home = try ScratchFolder()
        try home.write("echo RC_RAN\n", to: ".attnshrc")
        let tmux = try TmuxSession(script: #"exec "$ATTNSH" --plain --norc"#, home: home)
        defer { tmux.close() }
        try tmux.type("echo STARTED")
        try tmux.press("Enter")
        let screen = tmux.waitFor { $0.screenLines.contains("STARTED") }
        #expect(screen != nil, "screen:\n\(tmux.lastScreen)")
        #expect(!(screen ?? "").screenLines.contains("RC_RAN"))
    }

    @Test func dashIRunsTheFileThenStaysInteractive() throws {
        let home = try ScratchFolder()
        let script = try home.write("fromfile = 7\necho FILE_RAN\n", to: "setup.attn")
        let tmux = try TmuxSession(script: #"exec "$ATTNSH" --plain -i "# + TmuxSession.quoted(script), home: home)
        defer { tmux.close() }
        #expect(tmux.waitFor("FILE_RAN") != nil, "screen:\n\(tmux.lastScreen)")
        try tmux.type("fromfile + 1")
        try tmux.press("Enter")
        let shown = tmux.waitFor { screen in screen.screenLines.contains { Double($0.trimmingCharacters(in: .whitespaces)) == 8 } }
        #expect(shown != nil, "the workspace of FILE is not there:\n\(tmux.lastScreen)")
    }
}

/// The history file's rules: appended line by line, blank lines left out, the last 1000 loaded
/// at start (the file itself is trimmed back to 1000 once it reaches 2000: see `HistoryFile`).
@Suite struct HistoryFileTests {
    @Test func historyAppendsNonBlankLines() throws {
        let home = try ScratchFolder()
        let old = (0..<1000).map { "old\($0) = \($0)" }
        try home.write(old.joined(separator: "\n") + "\n", to: ".attnsh_history")
        let tmux = try TmuxSession(script: #"exec "$ATTNSH" --plain"#, home: home)
        defer { tmux.close() }
        #expect(tmux.waitFor("attnsh>") != nil, "no prompt:\n\(tmux.lastScreen)")
        // The loaded history is there: Up shows its last line.
        try tmux.press("Up")
        #expect(tmux.waitFor { $0.screenLines.last == "attnsh> old999 = 999" } != nil, "screen:\n\(tmux.lastScreen)")
        try tmux.press("C-u")
        try tmux.press("Enter")
        try tmux.type("   ")
        try tmux.press("Enter")
        try tmux.type("newest = 1")
        try tmux.press("Enter")
        #expect(tmux.waitFor { $0.screenLines.filter { $0.hasPrefix("attnsh>") }.count == 4 } != nil,
                "screen:\n\(tmux.lastScreen)")
        let saved = try String(contentsOf: home.url.appendingPathComponent(".attnsh_history"), encoding: .utf8)
        let lines = saved.split(separator: "\n").map(String.init)
        #expect(lines.count == 1001)
        #expect(lines.first == "old0 = 0")
        #expect(lines.last == "newest = 1")
        #expect(!lines.contains { $0.allSatisfy(\.isWhitespace) })
    }
}
