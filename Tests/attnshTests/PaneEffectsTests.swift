import Foundation
import Testing
import AttnTestSupport

/// What the rc file and `-i FILE` ask to show reaches the panes (tmux, 100×30): they run before
/// the screen starts, and their presentation effects set the pane shell's own screen state.
@Suite struct PaneEffectsTests {
    @Test func theRcFileAndFileChooseWhatThePanesShow() throws {
        let home = try ScratchFolder()
        try home.write("palette gray\n", to: ".attnshrc")
        let script = try home.write("""
            mha d_model=8 heads=2 seed=1
            tokens the cat sat
            run
            w = attn.scores * 2
            view w
            layout focus
            """, to: "lesson.attn")
        let tmux = try TmuxSession(script: #"exec "$ATTNSH" -i "# + "'\(script)'", home: home)
        defer { tmux.close() }
        let screen = tmux.waitFor { $0.contains("view w [2, 3, 3]") && $0.contains("attn>") }
        #expect(screen != nil, "the viewed tensor is not on screen:\n\(tmux.lastScreen)")
        #expect(tmux.lastScreen.contains("viewing w [2, 3, 3]"), "the log names what the panes show:\n\(tmux.lastScreen)")
        try tmux.type("view")
        try tmux.press("Enter")
        #expect(tmux.waitFor("stage 8/11") != nil, "`view` did not go back to the layer:\n\(tmux.lastScreen)")
    }
}
