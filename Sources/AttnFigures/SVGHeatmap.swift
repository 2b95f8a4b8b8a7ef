import Foundation
import AttnCore

/// A heatmap figure as SVG text: one panel per head (or one panel for a
/// matrix), row labels down the side, column labels across the top, a title
/// with a subtitle (the stage and its formula), and a colour bar.
///
/// Colours come from `ColorRamp.viridis`, mapped linearly from `low` (dark
/// purple) to `high` (yellow): [0, 1] when every finite value lies in it
/// (attention weights), else [min, max] of the finite values of the cells the
/// mask allows. Masked cells — blocked by the mask, or −inf as stage 7 writes
/// them — are hatched grey, as the panes draw them apart from weight 0; NaN
/// and +inf are plain light grey. Each has its swatch in the legend when present.
public struct SVGHeatmap: Sendable {
    /// More cells than this make an unreadable figure and a huge file.
    public static let maximumCells = 250_000

    public let title: String
    public let subtitle: String
    /// [P, R, C]: P panels of R rows and C columns.
    public let values: Tensor
    public let panelTitles: [String]
    public let rowLabels: [String]
    public let columnLabels: [String]
    public let low: Float
    public let high: Float
    /// 1 = allowed, 0 = masked, one per cell of `values` ([P, R, C]); empty when nothing is masked.
    public let allowed: [Float]

    /// A figure of `tensor`, rank 2 (one panel) or rank 3 (one panel per
    /// leading index, titled "`panelLabel` p"). Labels that do not match
    /// the axis lengths are replaced by indices. `mask` (1 = allowed), of the
    /// tensor's shape or of its last two axes (shared by every panel), marks
    /// the cells it blocks; a mask of another shape is ignored.
    public init(_ tensor: Tensor, title: String, subtitle: String = "", rowLabels: [String] = [],
                columnLabels: [String] = [], panelLabel: String = "head", mask: Tensor? = nil) throws {
        guard tensor.rank == 2 || tensor.rank == 3 else {
            throw TensorError("an SVG heatmap needs a tensor of rank 2 or 3 (rows × columns, or heads × rows × columns), got shape \(Tensor.describe(tensor.shape))")
        }
        guard tensor.count <= SVGHeatmap.maximumCells else {
            throw TensorError("\(tensor.count) cells are too many for a heatmap figure (at most \(SVGHeatmap.maximumCells)); export a slice")
        }
        let panels = tensor.rank == 3 ? tensor.shape[0] : 1
        let (rows, columns) = (tensor.shape[tensor.rank - 2], tensor.shape[tensor.rank - 1])
        self.values = Tensor(unchecked: [panels, rows, columns], scalars: tensor.scalars)
        self.title = title
        self.subtitle = subtitle
        self.panelTitles = tensor.rank == 3 ? (0..<panels).map { "\(panelLabel) \($0)" } : [""]
        self.rowLabels = rowLabels.count == rows ? rowLabels : (0..<rows).map(String.init)
        self.columnLabels = columnLabels.count == columns ? columnLabels : (0..<columns).map(String.init)
        var allowed: [Float] = []
        if let mask, mask.shape == tensor.shape {
            allowed = mask.scalars
        } else if let mask, mask.shape == [rows, columns] {
            allowed = (0..<panels).flatMap { _ in mask.scalars }
        }
        self.allowed = allowed
        let finite = tensor.scalars.indices.filter { allowed.isEmpty || allowed[$0] != 0 }
            .map { tensor.scalars[$0] }.filter(\.isFinite)
        var low = finite.min() ?? 0, high = finite.max() ?? 1
        if low >= 0 && high <= 1 { (low, high) = (0, 1) }
        if high <= low { high = low + 1 }  // a constant tensor still needs a scale
        self.low = low
        self.high = high
    }

    /// The figure as a complete SVG document.
    public func svg() -> String {
        let (panels, rows, columns) = (values.shape[0], values.shape[1], values.shape[2])
        let cell = Swift.max(6, Swift.min(32, 480 / Swift.max(rows, columns, 1)))
        let rowLabelWidth = 10 + 7 * (rowLabels.map(\.count).max() ?? 1)
        let columnLabelHeight = 14 + 5 * (columnLabels.map(\.count).max() ?? 1)
        let panelWidth = rowLabelWidth + columns * cell + 28
        let panelHeight = 22 + columnLabelHeight + rows * cell + 16
        let perRow = Swift.min(panels, 4)
        let panelRows = (panels + perRow - 1) / perRow
        let top = subtitle.isEmpty ? 44 : 64
        let barX = 20 + perRow * panelWidth
        let barHeight = Swift.max(120, rows * cell)
        // Titles are not wrapped: widen the figure to hold them (about 7 px per character at 13 px).
        let width = Swift.max(barX + 110, 40 + 7 * Swift.max(subtitle.count, title.count * 18 / 13))
        let height = Swift.max(top + panelRows * panelHeight, top + 22 + columnLabelHeight + barHeight + 60) + 10

        var out: [String] = []
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">")
        out.append("<rect x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(height)\" fill=\"#ffffff\"/>")
        out.append(SVGHeatmap.hatchPattern)
        out.append("<text id=\"title\" x=\"20\" y=\"30\" font-size=\"18\" font-weight=\"bold\">\(SVGHeatmap.escaped(title))</text>")
        if !subtitle.isEmpty {
            out.append("<text id=\"subtitle\" x=\"20\" y=\"52\" font-size=\"13\" fill=\"#333333\">\(SVGHeatmap.escaped(subtitle))</text>")
        }
        for p in 0..<panels {
            let x0 = 20 + (p % perRow) * panelWidth
            let y0 = top + (p / perRow) * panelHeight
            out.append(panel(p, x: x0, y: y0, cell: cell, rowLabelWidth: rowLabelWidth, columnLabelHeight: columnLabelHeight))
        }
        out.append(colorBar(x: barX, y: top + 22 + columnLabelHeight, height: barHeight))
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }

    /// One panel: its title, labels and cells, as a `<g class="panel">`.
    private func panel(_ p: Int, x: Int, y: Int, cell: Int, rowLabelWidth: Int, columnLabelHeight: Int) -> String {
        let (rows, columns) = (values.shape[1], values.shape[2])
        let gridX = x + rowLabelWidth, gridY = y + 22 + columnLabelHeight
        let fontSize = Swift.max(6, Swift.min(12, cell - 2))
        var out = ["<g class=\"panel\" id=\"panel-\(p)\">"]
        if !panelTitles[p].isEmpty {
            out.append("<text class=\"panel-title\" x=\"\(gridX)\" y=\"\(y + 14)\" font-size=\"14\" font-weight=\"bold\">\(SVGHeatmap.escaped(panelTitles[p]))</text>")
        }
        for (j, label) in columnLabels.enumerated() {
            // Column labels turn −60° so long words do not collide.
            let cx = gridX + j * cell + cell / 2, cy = gridY - 6
            out.append("<text class=\"col-label\" x=\"\(cx)\" y=\"\(cy)\" font-size=\"\(fontSize)\" transform=\"rotate(-60 \(cx) \(cy))\">\(SVGHeatmap.escaped(label))</text>")
        }
        for (i, label) in rowLabels.enumerated() {
            out.append("<text class=\"row-label\" x=\"\(gridX - 6)\" y=\"\(gridY + i * cell + cell / 2 + fontSize / 3)\" font-size=\"\(fontSize)\" text-anchor=\"end\">\(SVGHeatmap.escaped(label))</text>")
        }
        let base = p * rows * columns
        for i in 0..<rows {
            for j in 0..<columns {
                let value = values.scalars[base + i * columns + j]
                let masked = isMasked(base + i * columns + j)
                let fill = masked ? "url(#masked)"
                    : value.isFinite ? ColorRamp.viridis.hex((value - low) / (high - low)) : ColorRamp.notFinite
                let marker = masked ? " data-masked=\"true\"" : ""
                let shown = masked ? "masked" : SVGHeatmap.number(value)
                out.append("<rect class=\"cell\"\(marker) x=\"\(gridX + j * cell)\" y=\"\(gridY + i * cell)\" width=\"\(cell)\" height=\"\(cell)\" fill=\"\(fill)\"><title>\(SVGHeatmap.escaped(rowLabels[i])) → \(SVGHeatmap.escaped(columnLabels[j])): \(shown)</title></rect>")
            }
        }
        out.append("<rect class=\"frame\" x=\"\(gridX)\" y=\"\(gridY)\" width=\"\(columns * cell)\" height=\"\(rows * cell)\" fill=\"none\" stroke=\"#444444\" stroke-width=\"1\"/>")
        out.append("</g>")
        return out.joined(separator: "\n")
    }

    /// The colour bar: a vertical gradient from `high` (top) to `low`, with
    /// three value labels, and the grey swatch when some cell is not finite.
    private func colorBar(x: Int, y: Int, height: Int) -> String {
        var out = ["<g id=\"colorbar\">", "<defs><linearGradient id=\"ramp\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">"]
        for step in 0...10 {
            let t = Float(step) / 10
            out.append("<stop offset=\"\(step * 10)%\" stop-color=\"\(ColorRamp.viridis.hex(t))\"/>")
        }
        out.append("</linearGradient></defs>")
        out.append("<rect x=\"\(x)\" y=\"\(y)\" width=\"16\" height=\"\(height)\" fill=\"url(#ramp)\" stroke=\"#444444\"/>")
        let ticks: [(Float, Int)] = [(high, y), ((low + high) / 2, y + height / 2), (low, y + height)]
        for (value, ty) in ticks {
            out.append("<line x1=\"\(x + 16)\" y1=\"\(ty)\" x2=\"\(x + 20)\" y2=\"\(ty)\" stroke=\"#444444\"/>")
            out.append("<text class=\"bar-label\" x=\"\(x + 23)\" y=\"\(ty + 4)\" font-size=\"11\">\(SVGHeatmap.number(value))</text>")
        }
        var swatchY = y + height + 16
        if values.scalars.indices.contains(where: isMasked) {
            out.append("<rect class=\"swatch-masked\" x=\"\(x)\" y=\"\(swatchY)\" width=\"16\" height=\"12\" fill=\"url(#masked)\" stroke=\"#444444\"/>")
            out.append("<text class=\"bar-label\" x=\"\(x + 23)\" y=\"\(swatchY + 10)\" font-size=\"11\">masked</text>")
            swatchY += 20
        }
        if values.scalars.indices.contains(where: { !isMasked($0) && !values.scalars[$0].isFinite }) {
            out.append("<rect x=\"\(x)\" y=\"\(swatchY)\" width=\"16\" height=\"12\" fill=\"\(ColorRamp.notFinite)\" stroke=\"#444444\"/>")
            out.append("<text class=\"bar-label\" x=\"\(x + 23)\" y=\"\(swatchY + 10)\" font-size=\"11\">not finite</text>")
        }
        out.append("</g>")
        return out.joined(separator: "\n")
    }

    /// Whether the cell at `index` of `values` is masked: blocked by the mask, or −inf.
    func isMasked(_ index: Int) -> Bool {
        (!allowed.isEmpty && allowed[index] == 0) || values.scalars[index] == -.infinity
    }

    /// The fill of masked cells: grey hatching, unlike any colour of the ramp.
    static let hatchPattern = "<defs><pattern id=\"masked\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#eeeeee\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#999999\" stroke-width=\"2\"/></pattern></defs>"

    /// A value as a short label: three significant digits.
    static func number(_ value: Float) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        return String(format: "%.3g", Double(value))
    }

    /// Text with the five XML special characters escaped.
    public static func escaped(_ text: String) -> String {
        var result = ""
        for c in text {
            switch c {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default: result.append(c)
            }
        }
        return result
    }
}
