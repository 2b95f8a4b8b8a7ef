import AttnCore

/// Draws head outputs as signed values: one bar per value, coloured blue (negative) to red (positive).
///
/// ```
///        h0    h1    (−1.3 … 1.3)
///   the  ▆▂▁▇  ▃▅▇▂
///   cat  ▅▁▂█  ▂▆█▃
/// ```
/// When not every head or token row fits, a window that keeps the highlighted head (the grid
/// cursor's, so Tab moves it) and row in view is drawn, and the header line says what is left
/// out (`heads 1–11 of 12 hidden (Tab) · rows 4–12 hidden`), or, when the blocks fill it, the
/// line under the rows does.
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
        let fitting = max(1, min(blocks, (width - firstX + 1) / (blockWidth + 1)))
        // A window of the heads that keeps the highlighted one (the cursor's head) visible.
        let firstBlock = GridPaneRenderer.scrollOffset(current: 0, cursor: model.highlightedBlock ?? 0,
                                                       visible: fitting, total: blocks)
        // A window of the tokens that keeps the highlighted one visible; what is left out is said
        // on the header line after the blocks, or when that is full, on the last line.
        var visible = max(0, height - 1)
        var firstRow = GridPaneRenderer.scrollOffset(current: 0, cursor: model.highlightedRow ?? 0,
                                                     visible: visible, total: rows)
        var note = hiddenNote(model, blocks: firstBlock..<(firstBlock + fitting),
                              rows: firstRow..<min(rows, firstRow + visible), options: options)
        let blocksEnd = firstX + fitting * (blockWidth + 1) + 1
        var noteOnLastLine = false
        if let text = note, blocksEnd + text.count > width, height > 2 {
            noteOnLastLine = true
            visible -= 1
            firstRow = GridPaneRenderer.scrollOffset(current: 0, cursor: model.highlightedRow ?? 0,
                                                     visible: visible, total: rows)
            note = hiddenNote(model, blocks: firstBlock..<(firstBlock + fitting),
                              rows: firstRow..<min(rows, firstRow + visible), options: options)
        }
        var x = firstX
        for block in firstBlock..<(firstBlock + fitting) {
            let name = blocks == 1 && model.tensor.rank == 2 ? "out" : "h\(block)"
            grid.write(LabelText.shorten(name, to: blockWidth, ellipsis: glyphs.ellipsis), x: x, y: 0,
                       style: .strong)
            x += blockWidth + 1
        }
        if let note {
            // Under the last row drawn (the last line when the rows fill the pane).
            let y = noteOnLastLine ? min(height - 1, 1 + min(visible, rows - firstRow)) : 0
            let noteX = noteOnLastLine ? 0 : x + 1
            grid.write(LabelText.shorten(note, to: max(1, width - noteX), ellipsis: glyphs.ellipsis), x: noteX, y: y)
        } else if showsRange, let range = rangeText(model, options: options) {
            if x + 1 + range.count <= width { grid.write(range, x: x + 1, y: 0) }
        }

        for line in 0..<min(visible, rows - firstRow) {
            let row = firstRow + line
            let y = 1 + line
            let isHighlighted = row == model.highlightedRow
            grid.write(LabelText.rightAligned(model.label(row), width: labelWidth, ellipsis: glyphs.ellipsis),
                       x: 0, y: y, style: isHighlighted ? .strong : .plain)
            for (index, block) in (firstBlock..<(firstBlock + fitting)).enumerated() {
                let blockX = firstX + index * (blockWidth + 1)
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

    /// What the pane leaves out, e.g. `heads 4–11 of 12 hidden (Tab) · rows 6–7 hidden`; nil when
    /// every row and head is shown.
    static func hiddenNote(_ model: OutputPaneModel, blocks shown: Range<Int>, rows shownRows: Range<Int>,
                           options: RenderOptions) -> String? {
        let dash = options.colorMode == .ascii ? "-" : "–"
        func ranges(outside shown: Range<Int>, of total: Int) -> String {
            var parts: [String] = []
            for part in [0..<shown.lowerBound, shown.upperBound..<total] where !part.isEmpty {
                parts.append(part.count == 1 ? "\(part.lowerBound)" : "\(part.lowerBound)\(dash)\(part.upperBound - 1)")
            }
            return parts.joined(separator: ", ")
        }
        var notes: [String] = []
        if shown.count < model.blockCount {
            let hidden = model.blockCount - shown.count
            notes.append("\(hidden == 1 ? "head" : "heads") \(ranges(outside: shown, of: model.blockCount)) of \(model.blockCount) hidden (Tab)")
        }
        if shownRows.count < model.rowCount {
            let hidden = model.rowCount - shownRows.count
            notes.append("\(hidden == 1 ? "row" : "rows") \(ranges(outside: shownRows, of: model.rowCount)) hidden")
        }
        return notes.isEmpty ? nil : notes.joined(separator: options.glyphs.separator)
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
