import Foundation
import Testing

/// `train` in the pane UI (tmux, 100×30): the live loss chart while it runs, the trained layer's
/// grids afterwards, and Ctrl-C stopping a long run with the layer installed.
@Suite struct PaneTrainingTests {
    func startShell() throws -> TmuxSession {
        let tmux = try TmuxSession(script: #"exec "$ATTNSH""#)
        #expect(tmux.waitFor("attnsh>") != nil, "no prompt:\n\(tmux.lastScreen)")
        return tmux
    }

    @Test func theChartDrawsWhileTrainingAndTheGridsComeBackAfter() throws {
        let tmux = try startShell()
        defer { tmux.close() }
        try tmux.type("train task=prev steps=60")
        try tmux.press("Enter")
        // Mid-run: the chart's title, its loss axis and its step axis.
        let live = tmux.waitFor { $0.contains("loss curve, live") && $0.contains("/60") }
        #expect(live != nil, "no live chart:\n\(tmux.lastScreen)")
        if let live {
            #expect(live.contains("train task=prev steps=60"))
            #expect(live.contains("step") && live.contains("100%") && live.contains("0%"))
            #expect(live.contains("held-out accuracy"))
        }
        // Afterwards: the trained layer, run, in the grid pane; the chart gone.
        let after = tmux.waitFor(timeout: 60) { $0.contains("ran 11 stages") }
        #expect(after != nil, "training did not finish:\n\(tmux.lastScreen)")
        if let after {
            #expect(after.contains("stage 8/11"), "\(after)")
            #expect(!after.contains("loss curve, live"), "\(after)")
        }
    }

    @Test func ctrlCStopsALongTrainingAndKeepsTheLayer() throws {
        let tmux = try startShell()
        defer { tmux.close() }
        try tmux.type("train task=prev steps=5000")
        try tmux.press("Enter")
        #expect(tmux.waitFor { $0.contains("loss curve, live") && $0.contains("/5000") } != nil,
                "no live chart:\n\(tmux.lastScreen)")
        try tmux.press("C-c")
        let stopped = tmux.waitFor(timeout: 30) { $0.contains("ran 11 stages") }
        #expect(stopped != nil, "Ctrl-C did not stop training:\n\(tmux.lastScreen)")
        try tmux.type("heads")
        try tmux.press("Enter")
        let heads = tmux.waitFor(timeout: 20) { $0.contains("│ head 0  ") }
        #expect(heads != nil, "heads printed nothing for the trained layer:\n\(tmux.lastScreen)")
    }
}
