import AttnCore
import AttnLang
import Testing
import AttnTestSupport
@testable import AttnTerminal

/// How the pane shell shows each presentation effect: the screen state it leads to, the log
/// line it gives, and the screen built and drawn from it at a fixed size (no terminal).
@Suite struct PaneScreenStateTests {
    static let traced = "mha attn d_model=8 heads=2 seed=1\ntokens the cat sat\nrun"

    /// The state, the log line, and the drawn screen (100 × 30, monochrome) after `effects`.
    static func show(_ effects: [PresentationEffect], after script: String = traced)
        -> (shown: PaneScreenState, lines: [String?], screen: ScreenModel, text: String) {
        let host = PaneStateHost()
        let session = host.session(script)
        var shown = PaneScreenState()
        let lines = effects.map { shown.apply($0, in: session.state) }
        let screen = SessionScreen.model(of: session.state, showing: shown)
        let text = ScreenRenderer.render(screen, width: 100, height: 30, options: shown.options(base: .monochrome)).text
        return (shown, lines, screen, text)
    }

    @Test func theScreenStartsOnTheLayer() {
        let result = Self.show([])
        #expect(result.shown == PaneScreenState())
        #expect(result.screen.grid?.stageName == "P")
        #expect(result.screen.layout == .grid)
    }

    @Test func viewTensorShowsThatTensor() throws {
        let result = Self.show([.viewTensor("w")], after: Self.traced + "\nw = attn.scores * 2")
        #expect(result.shown.subject == .tensor("w"))
        #expect(result.lines == ["viewing w [2, 3, 3]"])
        let grid = try #require(result.screen.grid)
        #expect(grid.title == "view w [2, 3, 3]")
        #expect(result.text.contains("view w [2, 3, 3]"))
    }

    @Test func viewTensorFollowsTheTensorByName() {
        let host = PaneStateHost()
        let session = host.session(Self.traced + "\nw = attn.scores * 2\nview w")
        session.runLine("w = ones(2, 2)", lineNumber: 1)
        #expect(host.screen(of: session).grid?.tensor == session.state.workspace["w"])
        session.runLine("del w", lineNumber: 2)
        #expect(host.screen(of: session).grid == nil, "a tensor that is gone shows nothing")
    }

    @Test func viewMeanShowsTheMeanOverHeads() throws {
        let result = Self.show([.viewMean])
        #expect(result.shown.subject == .mean)
        #expect(result.lines == ["viewing mean [3, 3]"])
        let grid = try #require(result.screen.grid)
        #expect(grid.stageName == "mean over heads of P")
        #expect(grid.queryLabels == ["the", "cat", "sat"])
        #expect(result.text.contains("view mean"))
    }

    @Test func viewLayerGoesBackToTheStage() throws {
        let result = Self.show([.viewTensor("X"), .viewLayer])
        #expect(result.shown.subject == .layer)
        #expect(result.lines == ["viewing X [3, 8]", nil])
        #expect(try #require(result.screen.grid).stageName == "P")
        #expect(result.text.contains("stage 8/11"))
    }

    @Test(arguments: [(PresentationEffect.Layout.grid, GridLayout.grid), (.focus, .focus), (.present, .present)])
    func layoutArrangesTheGrid(_ choice: PresentationEffect.Layout, _ layout: GridLayout) {
        let result = Self.show([.layout(choice)])
        #expect(result.shown.layout == layout)
        #expect(result.lines == [nil])
        #expect(result.screen.layout == layout && result.screen.grid?.layout == layout)
        let grid = ScreenRenderer.render(result.screen, width: 100, height: 30, options: .monochrome)
        var expected = SessionScreen.model(of: PaneStateHost().session(Self.traced).state)
        expected.layout = layout
        expected.grid?.layout = layout
        #expect(grid == ScreenRenderer.render(expected, width: 100, height: 30, options: .monochrome))
    }

    @Test func paletteColoursTheCells() {
        let gray = Self.show([.palette(.gray)])
        #expect(gray.shown.palette == .gray)
        #expect(gray.lines == [nil])
        #expect(gray.shown.options(base: .color256).palette == .gray)
        let viridis = Self.show([.palette(.gray), .palette(.viridis)])
        #expect(viridis.shown.options(base: .color256).palette == .viridis)
        let draw = { (result: (shown: PaneScreenState, lines: [String?], screen: ScreenModel, text: String)) in
            ScreenRenderer.render(result.screen, width: 100, height: 30, options: result.shown.options(base: .color256))
        }
        #expect(draw(gray) != draw(viridis), "the weights' cells change colour")
        #expect(draw(gray).text == draw(viridis).text, "only the colours change")
    }

    @Test func trainingFinishedLeavesTheSubjectAlone() {
        let result = Self.show([.viewTensor("X"), .trainingFinished])
        #expect(result.shown.subject == .tensor("X"))
        #expect(result.lines == ["viewing X [3, 8]", nil])
    }

    @Test func withoutAModelTheOverviewShowsNothing() {
        for effect in [PresentationEffect.modelOverview, .modelSentence] {
            let result = Self.show([effect])
            #expect(result.shown.subject == .overview)
            #expect(result.lines == [nil])
            #expect(result.screen.overview == nil && result.screen.grid == nil)
        }
    }

    @Test func modelLayerOpenedLeavesOnlyTheOverview() {
        var shown = PaneScreenState()
        let state = SessionState()
        _ = shown.apply(.modelSentence, in: state)
        _ = shown.apply(.modelLayerOpened, in: state)
        #expect(shown.subject == .layer)
        _ = shown.apply(.viewTensor("X"), in: state)
        _ = shown.apply(.modelLayerOpened, in: state)
        #expect(shown.subject == .tensor("X"), "a viewed tensor stays viewed")
    }
}

/// The overview effects in the panes on the real model (skipped with its reason when it is not
/// installed): the thumbnails drawn, the log's note, and leaving the overview.
@Suite("pane overview effects on all-MiniLM-L6-v2",
       .enabled(if: InstalledModel.isAvailable, InstalledModel.missingReason))
struct PaneOverviewEffectTests {
    @Test func overviewEffectsDrawTheThumbnailsAndLeaveThem() throws {
        let host = PaneStateHost()
        let session = host.session("model load \"\(InstalledModel.directory ?? "")\"\nmodel run The cat sat.")
        #expect(host.shown.subject == .overview)
        #expect(host.logLines.isEmpty, "`model run` notes nothing")
        let text = ScreenRenderer.render(host.screen(of: session), width: 100, height: 30, options: .monochrome).text
        #expect(text.contains("layer 5") && text.contains("h11"))
        session.runLine("m = ones(2, 2); view m", lineNumber: 3)
        #expect(host.screen(of: session).overview == nil)
        session.runLine("model overview", lineNumber: 4)
        #expect(host.logLines.last == "overview: 6 layers × 12 heads; arrows move, Enter opens a head's layer (Esc gives the panes the keys)")
        #expect(try #require(host.screen(of: session).overview).layerCount == 6)
        session.runLine("model layer 2", lineNumber: 5)
        #expect(host.shown.subject == .layer)
        #expect(host.screen(of: session).grid?.headCount == 12)
    }
}
