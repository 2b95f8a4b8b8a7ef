import AttnCore
import AttnLang
import Testing
@testable import AttnTerminal

/// Zoom in the grid pane: `0` (fit) shows a whole head's grid at T=1024, `-` and `+` move one
/// level from the level shown, the title names the block, and aggregated blocks keep what
/// matters: P's maximum, a signed tensor's value of largest magnitude (sign kept).
@Suite struct ZoomTests {
    /// A two-head layer over 1024 random tokens, run: P is [2, 1024, 1024].
    static let longRun = """
        mha attn d_model=16 heads=2 seed=5
        X = randn(1024, 16, seed=1)
        run
        """

    static let state = SessionScreenTests.session(longRun).state

    static let sizes: [(Int, Int)] = [(100, 30), (160, 48)]
    static let layouts: [GridLayout] = [.grid, .focus, .present]

    /// The screen at `zoom` (nil = fit) in a `width`×`height` terminal, and its grid pane's size.
    static func screen(zoom: Int?, width: Int, height: Int, layout: GridLayout = .grid,
                       cursor: GridCursor = GridCursor()) -> (text: String, model: GridPaneModel, pane: Rect) {
        var shown = PaneScreenState()
        shown.layout = layout
        let model = SessionScreen.model(of: state, showing: shown, cursor: cursor, zoom: zoom)
        let text = ScreenRenderer.render(model, width: width, height: height, options: RenderOptions(colorMode: .monochrome)).text
        guard case .panes(let panes) = ScreenLayout.compute(width: width, height: height, layout: layout),
              let grid = model.grid else {
            Issue.record("no grid pane at \(width)×\(height)")
            return (text, GridPaneModel(tensor: Tensor(unchecked: [1, 1], scalars: [0])), Rect(x: 0, y: 0, width: 0, height: 0))
        }
        return (text, grid, panes.grid)
    }

    @Test(arguments: sizes, layouts)
    func fitShowsTheWholeGridAtT1024(_ size: (Int, Int), _ layout: GridLayout) throws {
        let (text, model, pane) = Self.screen(zoom: nil, width: size.0, height: size.1, layout: layout)
        let geometry = try #require(GridPaneRenderer.mainGeometry(model, width: pane.width, height: pane.height))
        #expect(geometry.showsEverything, "fit left rows or keys out: \(geometry)")
        #expect(geometry.visibleRows * geometry.block >= 1024 && geometry.visibleColumns * geometry.block >= 1024)
        // No window notes: every query row and key is on screen.
        #expect(!text.contains("rows 0") && !text.contains("keys 0"), "\(text)")
        // P has no negative value: blocks show their maximum, and the title says the block.
        let block = geometry.block
        #expect(block > 1)
        #expect(text.contains("max of \(block)×\(block)"), "\(text)")
        #expect(text.contains("\(block)×\(block) blocks"), "\(text)")
    }

    @Test(arguments: sizes)
    func minusAfterFitGoesOneLevelOut(_ size: (Int, Int)) throws {
        let fit = Self.screen(zoom: nil, width: size.0, height: size.1)
        let fitLevel = GridPaneRenderer.shownZoom(fit.model, width: fit.pane.width, height: fit.pane.height)
        let fitBlock = GridPaneRenderer.shownBlock(fit.model, width: fit.pane.width, height: fit.pane.height)
        let out = try #require(SessionScreen.zoom(nil, steppedBy: -1, of: Self.state, showing: PaneScreenState(),
                                                  width: size.0, height: size.1))
        #expect(out == fitLevel - 1)
        let zoomedOut = Self.screen(zoom: out, width: size.0, height: size.1)
        #expect(GridPaneRenderer.shownBlock(zoomedOut.model, width: zoomedOut.pane.width,
                                            height: zoomedOut.pane.height) == fitBlock * 2)
        #expect(zoomedOut.text.contains("max of \(fitBlock * 2)×\(fitBlock * 2)"))
        // `+` after fit goes one level in (half the block), not to 1:1.
        let zoomIn = try #require(SessionScreen.zoom(nil, steppedBy: 1, of: Self.state, showing: PaneScreenState(),
                                                     width: size.0, height: size.1))
        #expect(zoomIn == fitLevel + 1)
        #expect(GridPaneModel.blockSize(zoom: zoomIn) == fitBlock / 2)
        // And `-` from there comes back to the level fit chose.
        #expect(SessionScreen.zoom(zoomIn, steppedBy: -1, of: Self.state, showing: PaneScreenState(),
                                   width: size.0, height: size.1) == fitLevel)
    }

    @Test(arguments: [(6, 6), (1, 1), (-9, -9), (-9 - 1, -9), (6 + 1, 6)])
    func steppingStopsAtTheEnds(_ target: Int, _ expected: Int) {
        let from = target > 0 ? target - 1 : target + 1
        #expect(GridPaneModel.zoomLevel(from, steppedBy: target > from ? 1 : -1) == expected)
    }

    /// An 8×8 tensor of small positive values with one −5 and one 1: the 8×8 block shows −5
    /// (largest magnitude), where a maximum would have shown 1 and hidden the negative extreme.
    static func signedModel() -> GridPaneModel {
        var scalars = [Float](repeating: 0.25, count: 64)
        scalars[3 * 8 + 5] = -5
        scalars[6 * 8 + 1] = 1
        return GridPaneModel(stageName: "W", tensor: Tensor(unchecked: [8, 8], scalars: scalars), zoom: -2)
    }

    @Test func signedBlocksKeepTheirMostNegativeValue() {
        let model = Self.signedModel()
        #expect(GridPaneModel.blockSize(zoom: -2) == 8)
        #expect(model.drawnValue(head: 0, row: 0, column: 0, block: 8) == .value(-5))
        #expect(model.drawnValue(head: 0, row: 0, column: 4, block: 4) == .value(-5))
        #expect(model.drawnValue(head: 0, row: 4, column: 0, block: 4) == .value(1))
        #expect(model.drawnValue(head: 0, row: 0, column: 0, block: 4) == .value(0.25))
        let text = GridPaneRenderer.render(model, width: 40, height: 6, options: RenderOptions(colorMode: .monochrome)).text
        #expect(text.contains("largest |v| of 8×8"), "\(text)")
        // Positive-only values keep the maximum.
        var positive = model
        positive.tensor.scalars[3 * 8 + 5] = 0.5
        #expect(positive.drawnValue(head: 0, row: 0, column: 0, block: 8) == .value(1))
        #expect(GridPaneRenderer.render(positive, width: 40, height: 6, options: RenderOptions(colorMode: .monochrome))
            .text.contains("max of 8×8"))
    }

    @Test func viewedSignedTensorsAggregateByMagnitude() throws {
        let session = SessionScreenTests.session("""
            W = randn(64, 64, seed=2)
            W[10, 20] = -40
            view W
            """)
        var shown = PaneScreenState()
        _ = shown.apply(.viewTensor("W"), in: session.state)
        var model = try #require(SessionScreen.model(of: session.state, showing: shown, zoom: -4).grid)
        model.zoom = -4
        // One 32×32 block holds (10, 20): it shows −40, the tensor's most negative value.
        #expect(model.drawnValue(head: 0, row: 0, column: 0, block: 32) == .value(-40))
        let text = GridPaneRenderer.render(model, width: 60, height: 10, options: RenderOptions(colorMode: .monochrome)).text
        #expect(text.contains("largest |v| of 32×32"), "\(text)")
        #expect(text.contains("−40.00"), "the legend's low end is the negative extreme:\n\(text)")
    }
}
