import Testing
@testable import AttnTerminal

/// Whole-screen goldens: what a class sees, at the two sizes the brief fixes.
@Suite struct ScreenGoldenTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let example: String
        let width: Int
        let height: Int
        let mode: ColorMode
        var testDescription: String { "\(example) \(width)x\(height) \(mode)" }
        var goldenName: String { "screen-\(example)-\(width)x\(height)-\(mode)" }
    }

    static let cases: [Case] = ["2head", "8head"].flatMap { example in
        [(80, 24), (160, 48)].flatMap { size in
            [ColorMode.color256, .monochrome, .ascii].map {
                Case(example: example, width: size.0, height: size.1, mode: $0)
            }
        }
    }

    static func model(_ example: String) -> ScreenModel {
        example == "2head" ? Examples.twoHeadScreen() : Examples.eightHeadScreen()
    }

    @Test(arguments: cases)
    func screen(_ testCase: Case) {
        let grid = ScreenRenderer.render(Self.model(testCase.example), width: testCase.width,
                                         height: testCase.height, options: RenderOptions(colorMode: testCase.mode))
        #expect(grid.width == testCase.width && grid.height == testCase.height)
        let text = testCase.mode == .color256 ? GoldenFile.colorText(grid) : grid.text
        GoldenFile.check(text, named: testCase.goldenName)
    }

    @Test(arguments: [GridLayout.focus, .present])
    func otherLayouts(_ layout: GridLayout) {
        for example in ["2head", "8head"] {
            var model = Self.model(example)
            model.layout = layout
            let grid = ScreenRenderer.render(model, width: 100, height: 30, options: .monochrome)
            GoldenFile.check(grid.text, named: "screen-\(example)-100x30-\(layout)")
        }
    }

    @Test(arguments: [(59, 24), (80, 19), (30, 8)])
    func tooSmall(_ size: (Int, Int)) {
        let grid = ScreenRenderer.render(Examples.twoHeadScreen(), width: size.0, height: size.1, options: .monochrome)
        let text = grid.text
        #expect(text.contains("terminal too small"))
        #expect(text.contains("need 60×20"))
        #expect(text.contains("have \(size.0)×\(size.1)"))
        #expect(!text.contains("head 0"))
        GoldenFile.check(text, named: "screen-too-small-\(size.0)x\(size.1)")
    }

    @Test func tooSmallInASCIIUsesX() {
        let text = ScreenRenderer.render(Examples.twoHeadScreen(), width: 59, height: 20, options: .ascii).text
        #expect(text.contains("need 60x20, have 59x20"))
    }

    @Test func promptCursorIsReportedNotDrawn() {
        var model = Examples.twoHeadScreen()
        model.input = "mask window 2"
        model.inputCursor = 5
        let grid = ScreenRenderer.render(model, width: 80, height: 24, options: .monochrome)
        let cursor = grid.cursor
        #expect(cursor?.y == 22)
        #expect(cursor?.x == 2 + "attn> ".count + 5)
        #expect(grid.text.split(separator: "\n")[22].contains("attn> mask window 2"))
        model.promptFocused = false
        #expect(ScreenRenderer.render(model, width: 80, height: 24, options: .monochrome).cursor == nil)
    }

    @Test func longInputScrollsToKeepTheCursorVisible() {
        var model = Examples.twoHeadScreen()
        model.input = String(repeating: "x", count: 100) + "END"
        model.inputCursor = model.input.count
        let grid = ScreenRenderer.render(model, width: 80, height: 24, options: .monochrome)
        let line = grid.text.split(separator: "\n")[22]
        #expect(line.contains("END"))
        #expect(!line.contains("attn>"))
        #expect((grid.cursor?.x ?? 0) < 79)
    }

    @Test func emptyScreenSaysWhatToDo() {
        let grid = ScreenRenderer.render(ScreenModel(), width: 80, height: 24, options: .monochrome)
        #expect(grid.text.contains("nothing to show yet"))
        #expect(grid.text.contains("no cell selected"))
    }

    @Test(arguments: cases)
    func asciiModeDrawsOnlyASCII(_ testCase: Case) {
        guard testCase.mode == .ascii else { return }
        let grid = ScreenRenderer.render(Self.model(testCase.example), width: testCase.width,
                                         height: testCase.height, options: .ascii)
        #expect(grid.cells.allSatisfy { $0.character.isASCII })
    }
}
