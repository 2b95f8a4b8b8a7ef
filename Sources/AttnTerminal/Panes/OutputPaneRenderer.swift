import AttnCore

/// Draws head outputs as signed values: one bar per value, coloured blue (negative) to red (positive).
///
/// ```
///        h0    h1    (−1.3 … 1.3)
///   the  ▆▂▁▇  ▃▅▇▂
///   cat  ▅▁▂█  ▂▆█▃
/// ```
/// Each value v is drawn with the symmetric limit m = max |v|: the bar height
/// (▁ … █, ASCII `= - space + #`) steps from −m to m, and in colour the bar
/// takes the diverging palette's colour for v/m, white at 0. Non-finite
/// values show as `?`.
public enum OutputPaneRenderer {
    /// Widest token-label column; longer labels get `…`.
    public static let maxLabelWidth = 6

    public static func render(_ model: OutputPaneModel, width: Int, height: Int,
                              options: RenderOptions = .color256, showsRange: Bool = true) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        guard width > 0, height > 0 else { return grid }
        let glyphs = options.glyphs
        let blocks = model.blockCount, rows = model.rowCount, columns = model.columnCount
        guard blocks > 0, rows > 0, columns > 0 else {
            grid.write("outputs are shown for [H, T, K] or [T, D]; this is \(Tensor.describe(model.tensor.shape))",
                       x: 0, y: 0)
            return grid
        }
        let limit = model.range.map { max(abs($0.lowerBound), abs($0.upperBound)) } ?? 0
        var labelWidth = 1
        for row in 0..<rows { labelWidth = max(labelWidth, min(maxLabelWidth, model.label(row).count)) }

        // Header: block names over their columns, then the value range.
        let firstX = labelWidth + 1
        // A block wider than the pane (a long [T, D] row) is cut at the edge rather than dropped.
        let shownColumns = max(1, min(columns, width - firstX))
        let blockWidth = max(shownColumns, 2)
        var x = firstX
        var shownBlocks = 0
        for block in 0..<blocks {
            guard x + blockWidth <= width || block == 0 else { break }
            let name = blocks == 1 && model.tensor.rank == 2 ? "out" : "h\(block)"
            grid.write(LabelText.shorten(name, to: blockWidth, ellipsis: glyphs.ellipsis), x: x, y: 0,
                       style: .strong)
            x += blockWidth + 1
            shownBlocks += 1
        }
        if shownBlocks < blocks { grid.write(String(glyphs.ellipsis), x: x, y: 0) }
        if showsRange, let range = rangeText(model, options: options) {
            let rangeX = x + (shownBlocks < blocks ? 2 : 1)
            if rangeX + range.count <= width { grid.write(range, x: rangeX, y: 0) }
        }

        // Rows: a window of the tokens that keeps the highlighted one visible.
        let visible = max(0, height - 1)
        let first = GridPaneRenderer.scrollOffset(current: 0, cursor: model.highlightedRow ?? 0,
                                                  visible: visible, total: rows)
        for line in 0..<min(visible, rows - first) {
            let row = first + line
            let y = 1 + line
            let isHighlighted = row == model.highlightedRow
            grid.write(LabelText.rightAligned(model.label(row), width: labelWidth, ellipsis: glyphs.ellipsis),
                       x: 0, y: y, style: isHighlighted ? .strong : .plain)
            for block in 0..<shownBlocks {
                let blockX = firstX + block * (blockWidth + 1)
                for column in 0..<shownColumns {
                    let cell = bar(model.value(block: block, row: row, column: column), limit: limit,
                                   options: options)
                    grid[blockX + column, y] = cell
                }
            }
        }
        if options.colorMode == .ascii { grid.restrictToASCII() }
        return grid
    }

    /// The values' range as `(−1.3 … 1.3)` (1 decimal, 2 when every |v| < 1); nil when nothing is finite.
    public static func rangeText(_ model: OutputPaneModel, options: RenderOptions) -> String? {
        guard let (low, high) = model.range.map({ ($0.lowerBound, $0.upperBound) }) else { return nil }
        let glyphs = options.glyphs
        let digits = max(abs(low), abs(high)) >= 1 ? 1 : 2
        return "(" + NumberText.fixed(low, decimals: digits, minus: glyphs.minus) + glyphs.rangeDots
            + NumberText.fixed(high, decimals: digits, minus: glyphs.minus) + ")"
    }

    /// The bar cell of one signed value.
    static func bar(_ value: Float, limit: Float, options: RenderOptions) -> Cell {
        guard value.isFinite else { return Cell("?", style: .strong) }
        let bars = options.glyphs.bars
        let level = HeatmapPalette.divergingLevel(value, limit: limit, steps: bars.count)
        switch options.colorMode {
        case .color256:
            return Cell(bars[level], style: HeatmapPalette.divergingStyle(value, limit: limit))
        case .monochrome, .ascii:
            return Cell(bars[level])
        }
    }
}
