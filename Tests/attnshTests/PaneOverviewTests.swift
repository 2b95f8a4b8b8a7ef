import AttnCore
import AttnTestSupport
import Foundation
import Testing

/// The model overview in a real pseudo-terminal (tmux, 100×30): `model run` shows every
/// layer × head, the arrows move between thumbnails, Enter opens the chosen layer on its head.
@Suite("overview in tmux with all-MiniLM-L6-v2",
       .enabled(if: InstalledModel.isAvailable, InstalledModel.missingReason))
struct PaneOverviewTests {
    @Test func arrowsPickAHeadAndEnterOpensItsLayer() throws {
        let tmux = try TmuxSession(script: #"exec "$ATTNSH""#,
                                   environment: [ModelLocator.environmentVariable: InstalledModel.directory ?? ""])
        defer { tmux.close() }
        #expect(tmux.waitFor("attnsh>") != nil, "no prompt:\n\(tmux.lastScreen)")
        for statement in ["model load", "model run The cat sat on the mat."] {
            try tmux.type(statement)
            try tmux.press("Enter")
        }
        let overview = tmux.waitFor { $0.contains("layer 5") && $0.contains("h11") }
        #expect(overview != nil, "no overview:\n\(tmux.lastScreen)")
        #expect(tmux.lastScreen.contains("layer 0 · head 0"), "inspector:\n\(tmux.lastScreen)")
        try tmux.press("Escape")
        #expect(tmux.waitFor("panes: ? keys") != nil, "Esc did not focus the panes:\n\(tmux.lastScreen)")
        try tmux.press("Down")
        try tmux.press("Down")
        try tmux.press("Right")
        #expect(tmux.waitFor("layer 2 · head 1") != nil, "the cursor did not move:\n\(tmux.lastScreen)")
        try tmux.press("Enter")
        let opened = tmux.waitFor { $0.contains("stage 8/11") && $0.contains("head 1 · query") }
        #expect(opened != nil, "Enter did not open layer 2 on head 1:\n\(tmux.lastScreen)")
        // The grid can be drawn a frame before the log shows the statement that opened it.
        #expect(tmux.waitFor("> model layer 2") != nil, "the log does not show the statement:\n\(tmux.lastScreen)")
    }
}
