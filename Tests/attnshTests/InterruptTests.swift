import AttnTestSupport
import Foundation
import Testing

/// Ctrl-C during a long statement, in a real pseudo-terminal (tmux, 100×30), in the plain shell
/// (`--plain`) and in the panes: the prompt comes back with "cancelled" and the workspace is as it
/// was before the statement (issue 8, acceptance 2).
///
/// The long statement is `run` of `mha d_model=256 heads=8` over 2048 tokens: about 18 s in a
/// debug build on a loaded machine, so Ctrl-C 0.3 s after Enter always lands inside it, and the
/// test itself takes a few seconds because the work stops.
@Suite struct InterruptTests {
    /// The mode switch for each shell: the plain shell, or the panes (the default on a terminal).
    static let modes = ["--plain", ""]

    static let setup = ["keep = 7", "mha d_model=256 heads=8", "X = randn(2048, 256, seed=1)"]

    /// How long the prompt may take to come back after Ctrl-C (the bound in the brief; the
    /// engine's own target is 100 ms, measured in a release build, see the report).
    static let promptBack: TimeInterval = 2

    /// Starts attnsh in `mode` in a fresh folder (also HOME) and types the set-up statements.
    func start(_ mode: String, folder: ScratchFolder? = nil) throws -> TmuxSession {
        let folder = try folder ?? ScratchFolder()
        let tmux = try TmuxSession(script: "cd \(TmuxSession.quoted(folder.url.path)) && exec \"$ATTNSH\" \(mode)", home: folder)
        #expect(tmux.waitFor("attnsh>") != nil, "no prompt:\n\(tmux.lastScreen)")
        for statement in Self.setup { try enter(statement, in: tmux) }
        try enter("echo SETUP_DONE", in: tmux)
        #expect(tmux.waitFor(timeout: 30) { printed("SETUP_DONE", $0) } != nil, "set-up did not finish:\n\(tmux.lastScreen)")
        return tmux
    }

    /// True when `marker` stands as a line of output (the plain shell's line, or the log pane's).
    func printed(_ marker: String, _ screen: String) -> Bool {
        screen.screenLines.contains { $0 == marker || $0.hasPrefix("│ \(marker) ") }
    }

    func enter(_ statement: String, in tmux: TmuxSession) throws {
        try tmux.type(statement)
        try tmux.press("Enter")
    }

    /// Types `statement`, presses Ctrl-C 0.3 s later and waits for the statement's last error
    /// line, `ending`; the seconds from Ctrl-C to it, or nil when it never came. The "cancelled"
    /// message must be among the errors (in the panes, the log is paged up to find it when the
    /// lines after it pushed it out of the short log pane).
    func cancel(_ statement: String, ending: String = "cancelled (Ctrl-C)", in tmux: TmuxSession) throws -> TimeInterval? {
        try enter(statement, in: tmux)
        usleep(300_000)
        let pressed = Date()
        try tmux.press("C-c")
        guard tmux.waitFor(ending, timeout: 10) != nil else { return nil }
        let seconds = Date().timeIntervalSince(pressed)
        if !tmux.lastScreen.contains("cancelled (Ctrl-C)") {
            try tmux.press("PageUp")
            #expect(tmux.waitFor("cancelled (Ctrl-C)") != nil, "no cancelled message:\n\(tmux.lastScreen)")
            try tmux.press("PageDown")
        }
        return seconds
    }

    /// After a cancelled statement: the shell answers, `ls` lists no trace of `run`, `keep` is 7,
    /// and none of `absent` is defined.
    func expectWorkspaceAsBefore(_ tmux: TmuxSession, absent: [String] = []) throws {
        try enter("ls", in: tmux)
        try enter("echo LS_DONE", in: tmux)
        let listed = tmux.waitFor { printed("LS_DONE", $0) }
        #expect(listed != nil, "the shell stopped answering after Ctrl-C:\n\(tmux.lastScreen)")
        let screen = tmux.lastScreen
        #expect(!screen.contains("attn.P ") && !screen.contains("attn.out "), "`run` left traces:\n\(screen)")
        try enter("keep + 1000", in: tmux)
        #expect(tmux.waitFor("1007.0") != nil, "keep is not 7 after Ctrl-C:\n\(tmux.lastScreen)")
        // The log pane is too short for all of `ls`: ask for the weights by name too.
        for name in ["attn.P"] + absent {
            try enter(name, in: tmux)
            #expect(tmux.waitFor("error: `\(name)` is not defined") != nil, "`\(name)` was kept:\n\(tmux.lastScreen)")
        }
    }

    @Test(arguments: modes)
    func ctrlCCancelsALongRunAndKeepsTheWorkspace(_ mode: String) throws {
        let tmux = try start(mode)
        defer { tmux.close() }
        let seconds = try cancel("run", in: tmux)
        #expect(seconds != nil, "no cancelled message after Ctrl-C:\n\(tmux.lastScreen)")
        if let seconds { #expect(seconds < Self.promptBack, "the prompt took \(seconds) s to come back") }
        try expectWorkspaceAsBefore(tmux)
        // The panes show no grid of the cancelled run.
        if mode.isEmpty { #expect(!tmux.lastScreen.contains("head 0"), "a grid after a cancelled run:\n\(tmux.lastScreen)") }
    }

    @Test(arguments: modes)
    func ctrlCCancelsASourcedScriptAndKeepsNothingOfIt(_ mode: String) throws {
        let folder = try ScratchFolder()
        try folder.write("early = 1\nrun\nrun\nlate = 2\n", to: "long.attn")
        let tmux = try start(mode, folder: folder)
        defer { tmux.close() }
        let seconds = try cancel("source long.attn", ending: "nothing it ran is kept", in: tmux)
        #expect(seconds != nil, "no cancelled message after Ctrl-C:\n\(tmux.lastScreen)")
        if let seconds { #expect(seconds < Self.promptBack, "the prompt took \(seconds) s to come back") }
        try expectWorkspaceAsBefore(tmux, absent: ["early", "late"])
    }

    /// A replay in the panes: Ctrl-C during a long replayed statement cancels it and leaves the
    /// replay (as Ctrl-C at a replay prompt does); what ran before it is kept.
    @Test func ctrlCCancelsALongReplayedStatementAndLeavesTheReplay() throws {
        let folder = try ScratchFolder()
        try folder.write((Self.setup + ["run", "after = 2"]).joined(separator: "\n") + "\n", to: "long.attn")
        let tmux = try TmuxSession(script: "cd \(TmuxSession.quoted(folder.url.path)) && exec \"$ATTNSH\" replay long.attn", home: folder)
        defer { tmux.close() }
        for (shown, prompt) in zip(Self.setup + ["run"], ["attnsh>", "attnsh>", "attn>", "attn>"]) {
            #expect(tmux.waitFor { $0.screenLines.contains { $0.hasPrefix("│ \(prompt) \(shown) ") } && $0.contains("Enter runs") } != nil,
                    "`\(shown)` not pre-filled:\n\(tmux.lastScreen)")
            if shown != "run" { try tmux.press("Enter") }
        }
        try tmux.press("Enter")
        usleep(300_000)
        let pressed = Date()
        try tmux.press("C-c")
        #expect(tmux.waitFor("cancelled (Ctrl-C)", timeout: 10) != nil, "no cancelled message:\n\(tmux.lastScreen)")
        let seconds = Date().timeIntervalSince(pressed)
        #expect(seconds < Self.promptBack, "the prompt took \(seconds) s to come back")
        #expect(tmux.waitFor("(replay stopped; the workspace is kept)") != nil, "the replay went on:\n\(tmux.lastScreen)")
        #expect(!tmux.lastScreen.contains("replay 5/5"), "the replay went on to the next statement:\n\(tmux.lastScreen)")
        try expectWorkspaceAsBefore(tmux, absent: ["after"])
    }
}
