import AttnCore
import AttnLang
import Testing
@testable import AttnTerminal

/// What a redraw reads: after `run`, the inspector takes single elements of the derived stages
/// (scores, scaled stay uncomputed), and with a `PaneDataCache` the whole-tensor pass runs once
/// per tensor, not once per cursor key or per statement that leaves the trace alone.
@Suite struct RedrawCostTests {
    static let run1024 = """
        mha attn d_model=32 heads=4 seed=9
        X = randn(1024, 32, seed=3)
        run
        """

    /// Redraws the screen as the pane shell does, for each cursor in `cursors`.
    static func redraw(_ session: Session, cursors: [GridCursor], cache: PaneDataCache?,
                       width: Int = 100, height: Int = 30) -> [InspectorModel] {
        cursors.compactMap { cursor in
            let model = SessionScreen.model(of: session.state, cursor: cursor, cache: cache)
            _ = ScreenRenderer.render(model, width: width, height: height)
            return model.inspector
        }
    }

    /// Cursor moves over every head: a few cells of each, a corner and the diagonal.
    static func tour(heads: Int, tokens: Int) -> [GridCursor] {
        (0..<heads).flatMap { head in
            [GridCursor(head: head), GridCursor(head: head, row: 1, column: 0),
             GridCursor(head: head, row: tokens - 1, column: tokens - 1),
             GridCursor(head: head, row: 500, column: 17), GridCursor(head: head, row: 17, column: 500)]
        }
    }

    @Test func cursorMovesOverEveryHeadLeaveScoresAndScaledUncomputed() throws {
        let session = SessionScreenTests.session(Self.run1024)
        let cache = PaneDataCache()
        let inspectors = Self.redraw(session, cursors: Self.tour(heads: 4, tokens: 1024), cache: cache)
        #expect(inspectors.count == 20)
        for name in ["attn.scores", "attn.scaled", "attn.masked"] {
            let entry = try #require(session.state.workspace.entry(name))
            #expect(entry.isPending, "\(name) was computed by a redraw")
        }
        // The inspector's raw and scaled scores are still there, one element each.
        #expect(inspectors.allSatisfy { $0.rawScore != nil && $0.scaledScore != nil && $0.weight != nil })
        // One aggregation pass for the whole tour.
        #expect(cache.aggregateBuilds == 1)
        #expect(cache.gridPasses <= 1)
    }

    @Test func inspectedElementsEqualTheComputedStages() throws {
        let session = SessionScreenTests.session("""
            mha attn d_model=16 heads=4 kv_heads=2 seed=4
            set posenc=alibi temperature=0.5
            X = randn(40, 16, seed=8)
            mask causal
            run
            """)
        let cursors = Self.tour(heads: 4, tokens: 40).map { GridCursor(head: $0.head, row: min($0.row, 39), column: min($0.column, 39)) }
        let inspectors = Self.redraw(session, cursors: cursors, cache: PaneDataCache())
        #expect(session.state.workspace.entry("attn.scores")?.isPending == true)
        let scores = try #require(session.state.workspace["attn.scores"])
        let scaled = try #require(session.state.workspace["attn.scaled"])
        for (cursor, inspector) in zip(cursors, inspectors) {
            let index = [cursor.head, cursor.row, cursor.column]
            #expect(inspector.rawScore == scores[index], "scores at \(index)")
            #expect(inspector.scaledScore == scaled[index], "scaled at \(index)")
        }
        // Masked elements read alone agree with the stage too, −inf included.
        let masked = try #require(session.state.workspace.entry("attn.masked"))
        let whole = try #require(session.state.workspace["attn.masked"])
        for index in [[0, 0, 5], [1, 7, 3], [3, 39, 39], [2, 10, 11]] {
            #expect(masked.element(at: index) == whole[index], "masked at \(index)")
        }
    }

    @Test func statementsThatLeaveTheTraceAloneReuseTheAggregates() {
        let session = SessionScreenTests.session(Self.run1024)
        let cache = PaneDataCache()
        _ = Self.redraw(session, cursors: [GridCursor()], cache: cache)
        for line in ["echo a", "ls", "b = ones(3)", "mha other d_model=8 heads=2", "set temperature=2",
                     "use attn"] {
            session.runLine(line, lineNumber: 1)
            _ = Self.redraw(session, cursors: [GridCursor(head: 1, row: 3)], cache: cache)
        }
        #expect(cache.aggregateBuilds == 1, "a statement that did not change attn's trace rebuilt the grid")
        session.runLine("run", lineNumber: 1)
        _ = Self.redraw(session, cursors: [GridCursor()], cache: cache)
        #expect(cache.aggregateBuilds == 2, "a new run must be derived afresh")
    }

    @Test func cancelledAggregationDrawsNothingAndKeepsNothing() {
        let session = SessionScreenTests.session(Self.run1024)
        let cache = PaneDataCache()
        let flag = Cancellation()
        flag.request()
        let text = Cancellation.$current.withValue(flag) {
            let model = SessionScreen.model(of: session.state, zoom: -3, cache: cache)
            return ScreenRenderer.render(model, width: 100, height: 30).text
        }
        #expect(text.contains(GridPaneRenderer.cancelledMessage.prefix(20)), "\(text)")
        #expect(cache.gridPasses == 0)
        // The next redraw, not cancelled, draws the grid.
        let model = SessionScreen.model(of: session.state, zoom: -3, cache: cache)
        let again = ScreenRenderer.render(model, width: 100, height: 30).text
        #expect(!again.contains(GridPaneRenderer.cancelledMessage.prefix(20)))
        #expect(again.contains("max of 16×16"), "\(again)")
    }
}
