import AttnCore
import Testing
@testable import AttnTerminal

/// Grid-pane goldens and the properties a reader relies on (masked cells, labels, zoom, scrolling).
@Suite struct GridPaneGoldenTests {
    @Test(arguments: [ColorMode.color256, .monochrome, .ascii])
    func causalMask(_ mode: ColorMode) {
        let grid = GridPaneRenderer.render(Examples.twoHeadModel(), width: 78, height: 9,
                                           options: RenderOptions(colorMode: mode))
        let text = mode == .color256 ? GoldenFile.colorText(grid) : grid.text
        GoldenFile.check(text, named: "grid-causal-\(mode)")
    }

    /// Every blocked cell shows the masked mark, and no allowed cell does, even a weight of 0.00.
    @Test(arguments: [ColorMode.color256, .monochrome, .ascii])
    func maskedCellsAreDistinctFromSmallWeights(_ mode: ColorMode) {
        var model = Examples.twoHeadModel()
        model.tensor.scalars[20] = 0  // head 0, "mat" → "the": allowed, weight exactly 0
        model.cursor = GridCursor(head: 1, row: 0, column: 0)
        let options = RenderOptions(colorMode: mode)
        let mark = options.glyphs.masked
        let grid = GridPaneRenderer.render(model, width: 78, height: 9, options: options)
        // Geometry from the golden: labels 3 wide, 6-wide cells, pitch 7; head 1 starts after head 0.
        let lines = grid.text.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
        for head in 0..<2 {
            let left = head == 0 ? 4 : 42
            for row in 0..<5 {
                for column in 0..<5 {
                    let cell = Array(lines[2 + row].dropFirst(left + column * 7).prefix(6))
                    let masked = cell.contains(mark)
                    #expect(masked == (column > row), "head \(head) row \(row) column \(column): \(String(cell))")
                }
            }
        }
    }

    @Test func longLabelsAreShortened() {
        let labels = ["supercalifragilistic", "antidisestablishment", "x", "transformer", "a"]
        var model = Examples.twoHeadModel()
        model.queryLabels = labels
        model.keyLabels = labels
        for mode in [ColorMode.monochrome, .ascii] {
            let options = RenderOptions(colorMode: mode)
            let grid = GridPaneRenderer.render(model, width: 78, height: 9, options: options)
            GoldenFile.check(grid.text, named: "grid-long-labels-\(mode)")
            let text = grid.text
            let ellipsis = options.glyphs.ellipsis
            #expect(text.contains("superca\(ellipsis)"))  // query labels: 8 columns
            #expect(text.contains("supe\(ellipsis)"))     // key labels: the 5-column cell width
            #expect(!text.contains("supercal"))
        }
    }

    /// 64×64 causal weights, every row peaked on its diagonal.
    static func sixtyFour(zoom: Int?, cursor: GridCursor = GridCursor()) -> GridPaneModel {
        let weights = Examples.softmax(heads: 1, rows: 64, columns: 64, allowed: { i, j in j <= i }) { _, i, j in
            i == j ? 4 : -0.05 * Double(i - j)
        }
        return GridPaneModel(title: "view", stageName: "P", tensor: weights, mask: Examples.causalMask(64),
                             layout: .grid, cursor: cursor, zoom: zoom)
    }

    @Test func zoomedOutAggregatesBlocks() {
        let zoom0 = GridPaneRenderer.render(Self.sixtyFour(zoom: 0), width: 78, height: 40, options: .monochrome)
        GoldenFile.check(zoom0.text, named: "grid-64-zoom0-monochrome")
        let zoomMinus1 = GridPaneRenderer.render(Self.sixtyFour(zoom: -1), width: 78, height: 22, options: .ascii)
        GoldenFile.check(zoomMinus1.text, named: "grid-64-zoom-1-ascii")
        #expect(zoom0.text.contains("max of 2×2"))
        #expect(zoomMinus1.text.contains("max of 4x4"))
    }

    /// Each drawn cell is the maximum of its block's allowed values; a block is masked only when all of it is.
    @Test func aggregationTakesTheMaximumOfAllowedValues() {
        let model = Self.sixtyFour(zoom: -1)
        let weights = model.tensor.scalars
        for blockRow in stride(from: 0, to: 64, by: 4) {
            for blockColumn in stride(from: 0, to: 64, by: 4) {
                var expected: Float? = nil
                for i in blockRow..<(blockRow + 4) {
                    for j in blockColumn..<(blockColumn + 4) where j <= i {
                        expected = max(expected ?? -1, weights[i * 64 + j])
                    }
                }
                let drawn = model.drawnValue(head: 0, row: blockRow, column: blockColumn, block: 4)
                if let expected {
                    #expect(drawn == .value(expected))
                } else {
                    #expect(drawn == .masked)
                }
            }
        }
    }

    @Test func cursorScrollingKeepsTheCursorVisible() {
        let model = Self.sixtyFour(zoom: 3, cursor: GridCursor(head: 0, row: 50, column: 45))
        let grid = GridPaneRenderer.render(model, width: 78, height: 20, options: .monochrome)
        GoldenFile.check(grid.text, named: "grid-64-scrolled-monochrome")
        let text = grid.text
        #expect(text.contains("["))
        #expect(text.contains("]"))
        #expect(text.contains("rows"))
        // The cursor's row label (its index) is on screen, with the bracketed cell.
        let cursorLine = text.split(separator: "\n").first { $0.contains("[") }
        #expect(cursorLine?.hasPrefix("50 ") == true)
        // The window starts where the model says when the cursor is already inside it.
        var still = model
        still.scrollRow = 40
        still.scrollColumn = 30
        let window = GridPaneRenderer.window(
            for: GridPaneRenderer.geometry(still, cellWidth: 3, cellHeight: 1, block: 1, labelCap: 8,
                                           maxWidth: 78, maxHeight: 19), model: still)
        #expect(window == .init(row: 40, column: 30))
    }

    @Test(arguments: [GridLayout.grid, .focus, .present])
    func eightHeadLayouts(_ layout: GridLayout) {
        let grid = GridPaneRenderer.render(Examples.eightHeadModel(layout: layout), width: 100, height: 20,
                                           options: .color256)
        GoldenFile.check(GoldenFile.colorText(grid), named: "grid-8head-\(layout)-color256")
    }

    @Test func headsThatDoNotFitArePaged() {
        var model = Examples.eightHeadModel()
        model.cursor = GridCursor(head: 6, row: 0, column: 0)
        let grid = GridPaneRenderer.render(model, width: 40, height: 10, options: .monochrome)
        let text = grid.text
        #expect(text.contains("head 6") || text.contains("h6"))
        #expect(!text.contains("head 0"))
        #expect(text.contains("of 8"))
    }

    @Test func signedValuesUseTheirOwnRange() {
        var model = Examples.twoHeadModel()
        model.tensor.scalars = model.tensor.scalars.enumerated().map { Float($0.offset % 7) - 3 }
        model.mask = nil
        let grid = GridPaneRenderer.render(model, width: 78, height: 9, options: .color256)
        #expect(grid.text.contains(" −3.00 "))  // the legend's ends: the symmetric limit
        #expect(grid.text.contains(" 3.00"))
        #expect(grid.text.contains("−3.0 "))   // a cell
        GoldenFile.check(GoldenFile.colorText(grid), named: "grid-signed-color256")
    }

    @Test(arguments: [[Int](), [4], [2, 3, 4, 5]])
    func tensorsOfOtherRanksAreExplained(_ shape: [Int]) throws {
        let tensor = try Tensor(shape: shape, repeating: 0.5)
        let grid = GridPaneRenderer.render(GridPaneModel(tensor: tensor), width: 100, height: 5, options: .monochrome)
        #expect(grid.text.contains("rank 2 or 3"))
    }

    @Test func nanIsShownAsAQuestionMark() {
        var model = Examples.twoHeadModel()
        model.tensor.scalars[0] = .nan
        let text = GridPaneRenderer.render(model, width: 78, height: 9, options: .monochrome).text
        #expect(text.split(separator: "\n")[2].contains("?"))
    }
}
