import AttnTestSupport
import Foundation
import Testing

/// Ctrl-C 0.3 s into `run` at T=4096, D=1024, H=16 in the panes (tmux, 100×30): the prompt comes
/// back with "cancelled", the panes draw no grid of the run, and the workspace is as it was.
///
/// At this size P alone is 1 GiB; the run takes seconds even in a release build, so 0.3 s after
/// Enter is always inside it (in the projections or the fused blocks).
@Suite struct PaneLargeInterruptTests {
    let interrupts = InterruptTests()

    static let setup = ["keep = 7", "mha d_model=1024 heads=16", "X = randn(4096, 1024, seed=1)"]

    @Test func ctrlCDuringARunAtT4096GivesThePromptBack() throws {
        let folder = try ScratchFolder()
        let tmux = try TmuxSession(script: "cd \(TmuxSession.quoted(folder.url.path)) && exec \"$ATTNSH\"", home: folder)
        defer { tmux.close() }
        #expect(tmux.waitFor("attnsh>") != nil, "no prompt:\n\(tmux.lastScreen)")
        for statement in Self.setup { try interrupts.enter(statement, in: tmux) }
        try interrupts.enter("echo SETUP_DONE", in: tmux)
        #expect(tmux.waitFor(timeout: 60) { interrupts.printed("SETUP_DONE", $0) } != nil,
                "set-up did not finish:\n\(tmux.lastScreen)")
        let seconds = try interrupts.cancel("run", in: tmux)
        #expect(seconds != nil, "no cancelled message after Ctrl-C:\n\(tmux.lastScreen)")
        if let seconds { #expect(seconds < InterruptTests.promptBack, "the prompt took \(seconds) s to come back") }
        #expect(!tmux.lastScreen.contains("head 0"), "a grid after a cancelled run:\n\(tmux.lastScreen)")
        try interrupts.expectWorkspaceAsBefore(tmux, absent: ["attn.Q", "attn.scores"])
    }
}
