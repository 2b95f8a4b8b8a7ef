import Foundation
import Testing

/// Signals that end the pane UI beyond SIGTERM and SIGHUP (SIGUSR1, SIGALRM), and a second
/// Ctrl-C while the first is pending: the terminal's modes come back (`stty -g` before equals
/// after), the alternate screen is gone, and the status is the signal's (128 + N).
@Suite struct PaneSignalTests {
    let signals = SignalTests()

    static let endingSignals: [(Int32, Int32)] = [(SIGUSR1, 138), (SIGALRM, 142), (SIGUSR2, 140)]

    @Test(arguments: endingSignals)
    func anyTerminatingSignalGivesTheTerminalBack(_ signal: Int32, _ status: Int32) throws {
        let tmux = try TmuxSession(script: SignalTests.script(""))
        defer { tmux.close() }
        #expect(tmux.waitFor("attnsh>") != nil, "no prompt:\n\(tmux.lastScreen)")
        try signals.enter("echo SETUP_DONE", in: tmux)
        #expect(tmux.waitFor { $0.contains("│ SETUP_DONE ") } != nil, "set-up did not finish:\n\(tmux.lastScreen)")
        let after = try signals.signalAndWait(signal, tmux)
        #expect(after != nil, "attnsh did not end on signal \(signal):\n\(tmux.lastScreen)")
        #expect(after?.contains("EXIT=\(status)") == true, "exit status:\n\(tmux.lastScreen)")
        try signals.expectModesRestored(tmux)
        #expect(after?.contains("SETUP_DONE") == false, "the panes are still on screen:\n\(tmux.lastScreen)")
    }

    /// Two SIGINTs 5 ms apart while a long product runs (a tile of a 6000² product takes
    /// longer than that, so the first is still pending): the first asks to cancel, the second
    /// ends the process, and the terminal is given back before it does. (Sent closer together,
    /// the kernel may merge two pending SIGINTs into one.) On a loaded machine the pair can
    /// still act as one (the first not yet delivered when the second is sent, or the test's
    /// 5 ms sleep stretched past the cancelled statement's end): the statement then reports its
    /// cancellation at the prompt, and the pair is sent again, up to five times.
    @Test(.disabled(if: SanitizerRun.defersSignals, SanitizerRun.signalReason)) func aSecondCtrlCEndsThePanesWithTheTerminalRestored() throws {
        let tmux = try TmuxSession(script: SignalTests.script(""))
        defer { tmux.close() }
        #expect(tmux.waitFor("attnsh>") != nil, "no prompt:\n\(tmux.lastScreen)")
        try signals.enter("a = ones(6000, 6000)", in: tmux)
        try signals.enter("echo SETUP_DONE", in: tmux)
        #expect(tmux.waitFor { $0.contains("│ SETUP_DONE ") } != nil, "set-up did not finish:\n\(tmux.lastScreen)")
        let pidText = try String(contentsOf: tmux.home.url.appendingPathComponent("pid"), encoding: .utf8)
        let pid = try #require(Int32(pidText.trimmingCharacters(in: .whitespacesAndNewlines)))
        var after: String?
        for attempt in 1...5 where after == nil {
            try signals.enter("b\(attempt) = a @ a @ a @ a @ a @ a @ a @ a", in: tmux)
            usleep(300_000)
            #expect(kill(pid, SIGINT) == 0)
            usleep(5_000)
            #expect(kill(pid, SIGINT) == 0)
            // A cancelled statement's error quotes its line below it, without the prompt.
            let outcome = tmux.waitFor { $0.contains("MODES_SAVED") || $0.contains("│ b\(attempt) = a @ a") }
            if outcome?.contains("MODES_SAVED") == true { after = outcome }
        }
        #expect(after != nil, "attnsh did not end on the second Ctrl-C:\n\(tmux.lastScreen)")
        #expect(after?.contains("EXIT=130") == true, "exit status:\n\(tmux.lastScreen)")
        try signals.expectModesRestored(tmux)
        #expect(after?.contains("SETUP_DONE") == false, "the panes are still on screen:\n\(tmux.lastScreen)")
    }
}
