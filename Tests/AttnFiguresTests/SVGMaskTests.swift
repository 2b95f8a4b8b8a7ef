import AttnCore
import Testing
@testable import AttnFigures

/// Masked cells in exported figures are hatched, apart from weight 0 and from NaN, as the
/// panes draw them.
@Suite struct SVGMaskTests {
    /// The `<rect class="...">` cells of a figure, in order, with their fills.
    func cells(_ svg: String) -> [(kind: String, fill: String)] {
        svg.components(separatedBy: "\n").filter { $0.hasPrefix("<rect class=\"cell") }.map { line in
            let kind = line.contains("data-masked=\"true\"") ? "masked" : "cell"
            let fill = line.components(separatedBy: "fill=\"").dropFirst().first?.components(separatedBy: "\"").first ?? ""
            return (kind, fill)
        }
    }

    @Test func aMaskedZeroWeightIsHatchedNotDrawnAsZero() throws {
        // Causal P of 2 tokens: the blocked cell holds 0, as an unblocked weight 0 would.
        let weights = Tensor(unchecked: [2, 2], scalars: [1, 0, 0.5, 0.5])
        let mask = Tensor(unchecked: [2, 2], scalars: [1, 0, 1, 1])
        let svg = try SVGHeatmap(weights, title: "P", mask: mask).svg()
        let drawn = cells(svg)
        #expect(drawn.map(\.kind) == ["cell", "masked", "cell", "cell"])
        #expect(drawn[1].fill == "url(#masked)")
        #expect(svg.contains("<pattern id=\"masked\""))
        #expect(svg.contains("class=\"swatch-masked\""), "the legend shows the hatching")
        let unmasked = try SVGHeatmap(weights, title: "P").svg()
        #expect(!cells(unmasked).contains { $0.kind == "masked" }, "without a mask a 0 is a weight")
        #expect(!unmasked.contains("swatch-masked"))
    }

    @Test func aSharedMaskMarksEveryPanelAndMinusInfinityIsMasked() throws {
        let scores = Tensor(unchecked: [2, 2, 2], scalars: [0.3, -.infinity, 0.1, 0.2, 0.4, 0.6, .nan, 0.8])
        let mask = Tensor(unchecked: [2, 2], scalars: [1, 1, 0, 1])
        let svg = try SVGHeatmap(scores, title: "masked", mask: mask).svg()
        #expect(cells(svg).map(\.kind) == ["cell", "masked", "masked", "cell", "cell", "cell", "masked", "cell"])
        let blocked = try SVGHeatmap(Tensor(unchecked: [1, 2], scalars: [1, -.infinity]), title: "x").svg()
        #expect(cells(blocked).map(\.kind) == ["cell", "masked"])
        let nan = try SVGHeatmap(Tensor(unchecked: [1, 2], scalars: [1, .nan]), title: "x").svg()
        #expect(cells(nan)[1].fill == ColorRamp.notFinite)
        #expect(nan.contains(">not finite<"))
    }

    @Test func theScaleLeavesMaskedCellsOut() throws {
        let values = Tensor(unchecked: [1, 3], scalars: [2, 4, 100])
        let figure = try SVGHeatmap(values, title: "x", mask: Tensor(unchecked: [1, 3], scalars: [1, 1, 0]))
        #expect(figure.low == 2 && figure.high == 4)
    }
}
