import AttnCore
import Testing
@testable import AttnTerminal

/// Odd sizes and odd values must never crash a renderer or draw outside its grid.
@Suite struct RobustnessTests {
    @Test(arguments: [GridLayout.grid, .focus, .present])
    func everySmallSizeRenders(_ layout: GridLayout) {
        let model = Examples.eightHeadModel(layout: layout)
        for mode in [ColorMode.color256, .monochrome, .ascii] {
            let options = RenderOptions(colorMode: mode)
            for width in stride(from: 0, through: 40, by: 3) {
                for height in 0...12 {
                    let grid = GridPaneRenderer.render(model, width: width, height: height, options: options)
                    #expect(grid.width == max(0, width) && grid.height == max(0, height))
                    #expect(grid.cells.count == grid.width * grid.height)
                }
            }
        }
    }

    @Test(arguments: [Int.min, -1_000, -5, 0, 1, 7, Int.max])
    func extremeZoomAndCursorValuesAreSafe(_ number: Int) {
        var model = Examples.twoHeadModel()
        model.zoom = number
        model.cursor = GridCursor(head: number, row: number, column: number)
        model.scrollRow = number
        model.scrollColumn = number
        for layout in [GridLayout.grid, .focus, .present] {
            model.layout = layout
            let grid = GridPaneRenderer.render(model, width: 60, height: 12, options: .monochrome)
            #expect(grid.text.contains("0 ░ ▒ ▓ █ 1"))
        }
        var screen = Examples.twoHeadScreen()
        screen.inputCursor = number
        #expect(ScreenRenderer.render(screen, width: 80, height: 24, options: .ascii).height == 24)
    }

    @Test func mismatchedMaskIsIgnoredNotACrash() {
        var model = Examples.twoHeadModel()
        model.mask = Examples.causalMask(3)
        let text = GridPaneRenderer.render(model, width: 78, height: 9, options: .monochrome).text
        #expect(!text.contains("masked"))
    }

    @Test func perHeadMaskIsApplied() throws {
        var model = Examples.twoHeadModel()
        var scalars = [Float](repeating: 1, count: 50)
        scalars[25 + 6] = 0  // head 1, row 1, column 1
        model.mask = try Tensor(shape: [2, 5, 5], scalars: scalars)
        #expect(model.isAllowed(head: 0, row: 1, column: 1))
        #expect(!model.isAllowed(head: 1, row: 1, column: 1))
        let lines = GridPaneRenderer.render(model, width: 78, height: 9, options: .ascii).text.split(separator: "\n")
        #expect(Array(lines[3]).filter { $0 == "x" }.count == 1)
    }

    @Test func wideLayerOutputIsCutAtThePaneEdge() {
        let values = (0..<(3 * 100)).map { Float($0 % 9) - 4 }
        let model = OutputPaneModel(title: "layer output", tensor: Tensor(unchecked: [3, 100], scalars: values),
                                    tokenLabels: ["a", "b", "c"])
        let grid = OutputPaneRenderer.render(model, width: 30, height: 4, options: .monochrome)
        let lines = grid.text.split(separator: "\n")
        #expect(lines[0].hasPrefix("  out"))
        #expect(lines[1].count == 30)
    }
}
