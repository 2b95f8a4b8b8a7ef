import Foundation
import Testing

/// SIGTERM and SIGHUP in a real pseudo-terminal (tmux, 100×30): the terminal's modes come back
/// (`stty -g` before equals after), the history file and a recording hold everything done before
/// the signal, and the process ends with the signal's status (128 + N) (issue 8).
@Suite struct SignalTests {
    /// A shell command line that saves `stty -g`, runs attnsh (its pid in `$HOME/pid`) with
    /// `arguments` in HOME, then saves `stty -g` again and says so.
    static func script(_ arguments: String) -> String {
        #"cd "$HOME"; stty -g > "$HOME/before"; sh -c 'echo $$ > "$HOME/pid"; exec "$ATTNSH" \#(arguments)'; "#
            + #"echo EXIT=$?; stty -g > "$HOME/after"; echo MODES_SAVED; sleep 600"#
    }

    /// Sends `signal` to the attnsh in `tmux`; the screen once the shell after it saved the modes.
    func signalAndWait(_ signal: Int32, _ tmux: TmuxSession) throws -> String? {
        let pidText = try String(contentsOf: tmux.home.url.appendingPathComponent("pid"), encoding: .utf8)
        let pid = try #require(Int32(pidText.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(pid, signal) == 0)
        return tmux.waitFor("MODES_SAVED")
    }

    func expectModesRestored(_ tmux: TmuxSession) throws {
        let before = try String(contentsOf: tmux.home.url.appendingPathComponent("before"), encoding: .utf8)
        let after = try String(contentsOf: tmux.home.url.appendingPathComponent("after"), encoding: .utf8)
        #expect(!before.isEmpty && before == after, "stty -g before:\n\(before)after:\n\(after)")
    }

    func enter(_ statement: String, in tmux: TmuxSession) throws {
        try tmux.type(statement)
        try tmux.press("Enter")
    }

    /// A signal and the status the shell reports for a process it ended: 128 + N.
    static let signals: [(Int32, Int32)] = [(SIGTERM, 143), (SIGHUP, 129)]

    @Test(.disabled(if: SanitizerRun.defersSignals, SanitizerRun.signalReason), arguments: signals)
    func plainShellEndsOnASignalWithTerminalHistoryAndRecordingKept(_ signal: Int32, _ status: Int32) throws {
        let tmux = try TmuxSession(script: Self.script("--plain"))
        defer { tmux.close() }
        #expect(tmux.waitFor("attnsh>") != nil, "no prompt:\n\(tmux.lastScreen)")
        for statement in ["record r.attn", "first = 1", "second = first + 1", "bad = nosuch", "echo TYPED_ALL"] {
            try enter(statement, in: tmux)
        }
        #expect(tmux.waitFor { $0.screenLines.contains("TYPED_ALL") } != nil, "statements did not run:\n\(tmux.lastScreen)")
        // Half a line at the prompt: readline has the terminal in its own mode when the signal comes.
        try tmux.type("third = 3")
        #expect(tmux.waitFor("attnsh> third = 3") != nil)
        let after = try signalAndWait(signal, tmux)
        #expect(after != nil, "attnsh did not end on signal \(signal):\n\(tmux.lastScreen)")
        #expect(after?.contains("EXIT=\(status)") == true, "exit status:\n\(tmux.lastScreen)")
        try expectModesRestored(tmux)
        let history = try String(contentsOf: tmux.home.url.appendingPathComponent(".attnsh_history"), encoding: .utf8)
        for line in ["record r.attn", "first = 1", "second = first + 1", "bad = nosuch", "echo TYPED_ALL"] {
            #expect(history.contains(line), "history lacks `\(line)`:\n\(history)")
        }
        let recording = try String(contentsOf: tmux.home.url.appendingPathComponent("r.attn"), encoding: .utf8)
        let recorded = recording.split(separator: "\n").map(String.init)
        #expect(recorded.contains("first = 1") && recorded.contains("second = first + 1") && recorded.contains("echo TYPED_ALL"),
                "recording lacks a statement that succeeded:\n\(recording)")
        #expect(!recorded.contains("bad = nosuch") && !recorded.contains("third = 3"), "recording holds a statement that did not succeed:\n\(recording)")
    }

    /// The pane UI given SIGHUP at the prompt, or SIGHUP or SIGTERM while a statement runs (the
    /// terminal is then in cbreak, not raw, for Ctrl-C): the modes come back each time.
    @Test(arguments: [(SIGHUP, 129, false), (SIGHUP, 129, true), (SIGTERM, 143, true)])
    func panesGiveTheTerminalBackOnASignal(_ signal: Int32, _ status: Int32, _ duringRun: Bool) throws {
        let tmux = try TmuxSession(script: Self.script(""))
        defer { tmux.close() }
        #expect(tmux.waitFor("attnsh>") != nil, "no prompt:\n\(tmux.lastScreen)")
        try enter("mha d_model=256 heads=8", in: tmux)
        try enter("X = randn(2048, 256, seed=1)", in: tmux)
        try enter("echo SETUP_DONE", in: tmux)
        #expect(tmux.waitFor { $0.contains("│ SETUP_DONE ") } != nil, "set-up did not finish:\n\(tmux.lastScreen)")
        if duringRun {
            try enter("run", in: tmux)
            usleep(500_000)
        }
        let after = try signalAndWait(signal, tmux)
        #expect(after != nil, "attnsh did not end on signal \(signal):\n\(tmux.lastScreen)")
        #expect(after?.contains("EXIT=\(status)") == true, "exit status:\n\(tmux.lastScreen)")
        try expectModesRestored(tmux)
        // The alternate screen is gone: the log pane's frame is not on screen any more.
        #expect(after?.contains("SETUP_DONE") == false, "the panes are still on screen:\n\(tmux.lastScreen)")
    }
}
