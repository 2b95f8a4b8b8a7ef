import Testing
@testable import AttnTerminal

/// Inspector and output-pane goldens.
@Suite struct PaneGoldenTests {
    static var inspector: InspectorModel {
        InspectorModel(head: 0, queryLabel: "sat", queryPosition: 2, keyLabel: "cat", keyPosition: 1,
                       rawScore: 1.84, headDim: 4, scaledScore: 0.92, weight: 0.47,
                       topKeys: [KeyWeight(label: "cat", weight: 0.47), KeyWeight(label: "sat", weight: 0.31),
                                 KeyWeight(label: "the", weight: 0.22)])
    }

    @Test func inspectorMatchesTheSketch() {
        let lines = InspectorRenderer.lines(Self.inspector, options: .monochrome)
        #expect(lines == [
            "head 0 · query \"sat\" (2) → key \"cat\" (1)",
            "q·k = 1.84  ×1/√4 = 0.92  weight 0.47",
            "top keys: cat 0.47 · sat 0.31 · the 0.22",
        ])
    }

    @Test(arguments: [ColorMode.monochrome, .ascii])
    func inspectorGolden(_ mode: ColorMode) {
        var masked = Self.inspector
        masked.isMasked = true
        masked.weight = 0
        masked.keyLabel = "a-very-long-token-label"
        masked.scaledScore = nil
        masked.headDim = nil
        masked.scale = 0.5
        let options = RenderOptions(colorMode: mode)
        let text = [InspectorRenderer.render(Self.inspector, width: 50, height: 3, options: options).text,
                    InspectorRenderer.render(Self.inspector, width: 34, height: 3, options: options).text,
                    InspectorRenderer.render(masked, width: 60, height: 3, options: options).text]
            .joined(separator: "\n----\n")
        GoldenFile.check(text, named: "inspector-\(mode)")
    }

    @Test(arguments: [ColorMode.color256, .monochrome, .ascii])
    func outputPane(_ mode: ColorMode) {
        let model = OutputPaneModel(tensor: Examples.headOutputs(heads: 2, tokens: 5, headDim: 4),
                                    tokenLabels: Examples.fiveTokens, highlightedRow: 2)
        let grid = OutputPaneRenderer.render(model, width: 40, height: 6, options: RenderOptions(colorMode: mode))
        let text = mode == .color256 ? GoldenFile.colorText(grid) : grid.text
        GoldenFile.check(text, named: "output-\(mode)")
        #expect(grid.text.contains(mode == .ascii ? "(-1.3 .. 1.3)" : "(−1.3 … 1.3)"))
    }

    /// The bar for 0 is the middle bar, and the most negative and positive values take the ends.
    @Test func barsAreSymmetricAroundZero() {
        let bars = GlyphSet.unicode.bars
        #expect(OutputPaneRenderer.bar(-2, limit: 2, options: .monochrome).character == bars.first)
        #expect(OutputPaneRenderer.bar(2, limit: 2, options: .monochrome).character == bars.last)
        let zero = OutputPaneRenderer.bar(0, limit: 2, options: .color256)
        #expect(zero.foreground == .indexed(231))
        #expect(OutputPaneRenderer.bar(0, limit: 2, options: .ascii).character == " ")
        #expect(OutputPaneRenderer.bar(.nan, limit: 2, options: .ascii).character == "?")
    }
}
