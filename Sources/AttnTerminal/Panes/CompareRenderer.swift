import AttnCore

/// Draws `view A vs B` in the grid pane: for each head, A's grid, B's grid and the difference
/// B − A side by side, on one colour scale, with the cursor's cell in all three.
///
/// A pure function of the model and the size, like `GridPaneRenderer`, whose panels it draws:
/// the three grids of a head make one row of panels, at the largest cell size at which three
/// fit side by side with numbers and words, else with the difference keeping them beside
/// narrower colour-only traces (aggregating blocks when nothing else fits); as many heads as
/// there are rows of panels are shown, a page at a time (the page holding the cursor's head).
/// The legend line gives the scale, what Δ is, and the cursor cell's two values and their
/// difference.
public enum CompareRenderer {
    /// The fewest query rows a window of rows shows before the grids are aggregated instead.
    static let minimumRows = 4

    public static func render(_ model: CompareModel, width: Int, height: Int,
                              options: RenderOptions = .color256) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        guard width > 0, height > 1 else { return grid }
        guard model.rows > 0, model.columns > 0, model.before.shape == model.after.shape,
              model.difference.shape == model.after.shape else {
            grid.write("the two traces' tensors cannot be drawn side by side (shape \(Tensor.describe(model.after.shape)))", x: 0, y: 0)
            return grid
        }
        var panels = model.panels()
        panels.clampPositions()
        let area = Rect(x: 0, y: 0, width: width, height: height - 1)
        let layout = geometry(panels, area: area)
        let chosen = layout.difference
        let values = GridValues(panels)
        values.aggregates.prepare(block: chosen.block)
        guard let summary = values.aggregates.summary() else {
            grid.write(GridPaneRenderer.cancelledMessage, x: 0, y: 0)
            return grid
        }
        let scale = GridValueScale(range: summary.range)
        let shading = HeatShading(options: options, signed: scale.isSigned)
        func context(cursorPanel: Int) -> GridPaneRenderer.PanelContext {
            var shown = panels
            shown.cursor.head = cursorPanel
            return GridPaneRenderer.PanelContext(model: shown, values: values, options: options, glyphs: options.glyphs,
                                                 shading: shading, scale: scale)
        }
        let heads = model.headCount
        let cursorHead = panels.cursor.head / 3
        let rowsOfPanels = GridPaneRenderer.capacity(of: chosen, in: area).panelRows
        let firstHead = (cursorHead / rowsOfPanels) * rowsOfPanels
        let window = GridPaneRenderer.window(for: chosen, model: panels)
        for head in firstHead..<min(heads, firstHead + rowsOfPanels) {
            let y = area.y + (head - firstHead) * (chosen.height + 1)
            for part in 0..<3 {
                let (x, panel) = layout.panel(part)
                guard x < width else { break }
                let room = panel.gridWidth - panel.gap
                GridPaneRenderer.drawPanel(into: &grid, x: x, y: y, head: 3 * head + part,
                                           header: header(part, head: head, model: model, width: room,
                                                          ascii: options.glyphs == .ascii),
                                           geometry: panel, window: window,
                                           context: context(cursorPanel: 3 * cursorHead + part))
            }
        }
        let base = context(cursorPanel: panels.cursor.head)
        let ascii = options.glyphs == .ascii
        var notes = [ascii ? "diff = \(model.afterName) - \(model.beforeName)" : "Δ = \(model.afterName) − \(model.beforeName)"]
        notes += GridPaneRenderer.windowNotes(geometry: chosen, window: window, model: panels, context: base)
        let shown = min(heads, firstHead + rowsOfPanels)
        if shown - firstHead < heads {
            let dash = options.glyphs == .ascii ? "-" : "–"
            notes.append(shown - firstHead == 1 ? "head \(firstHead) of \(heads)"
                         : "heads \(firstHead)\(dash)\(shown - 1) of \(heads)")
        }
        notes.append(cursorNote(model, cursor: panels.cursor, glyphs: options.glyphs))
        GridPaneRenderer.drawLegend(into: &grid, y: height - 1, notes: notes, context: base)
        if options.colorMode == .ascii { grid.restrictToASCII() }
        return grid
    }

    /// Where the three panels of a head go: A and B at the traces' geometry (A with the query
    /// labels), Δ at its own, with the same rows; equal geometries unless the traces had to shrink
    /// so that Δ keeps its numbers and words.
    struct Layout {
        var traces: GridPanelGeometry
        var difference: GridPanelGeometry

        init(traces: GridPanelGeometry, difference: GridPanelGeometry) {
            self.traces = traces
            self.difference = difference
            self.difference.labelWidth = 0
        }

        init(_ both: GridPanelGeometry) { self.init(traces: both, difference: both) }

        /// The left column and geometry of panel `part` (0 = A, 1 = B, 2 = Δ).
        func panel(_ part: Int) -> (x: Int, geometry: GridPanelGeometry) {
            let spacing = GridPaneRenderer.panelSpacing
            var unlabelled = traces
            unlabelled.labelWidth = 0
            switch part {
            case 0: return (0, traces)
            case 1: return (traces.width + spacing, unlabelled)
            default: return (traces.width + spacing + traces.gridWidth + spacing, difference)
            }
        }

        var width: Int { panel(2).x + difference.gridWidth }
    }

    /// The panels' geometry, the first of these that fits: the largest cells at which three
    /// panels with numbers and words fit side by side and one head's whole grid shows; Δ with
    /// numbers and words beside A and B in narrower cells (colour only), the whole grid; the
    /// same two with a window of at least `minimumRows` query rows that follows the cursor,
    /// every key kept (words are what says which query changed); three equal panels in the
    /// largest cells that fit, aggregated if need be; the smallest cells at a third of the width.
    static func geometry(_ panels: GridPaneModel, area: Rect) -> Layout {
        let cap = GridPaneRenderer.maxLabelWidth
        func cells(_ width: Int, _ height: Int = 1, block: Int = 1) -> GridPanelGeometry {
            GridPaneRenderer.geometry(panels, cellWidth: width, cellHeight: height, block: block, labelCap: cap,
                                      maxWidth: area.width, maxHeight: area.height)
        }
        func fits(_ layout: Layout) -> Bool {
            layout.width <= area.width && layout.difference.height <= area.height
        }
        let sizes = GridPaneRenderer.gridCellSizes
        func shows(_ candidate: Layout, windowed: Bool) -> Bool {
            let rows = candidate.difference
            guard rows.visibleColumns == rows.columns, candidate.traces.visibleColumns == rows.columns,
                  fits(candidate) else { return false }
            return windowed ? rows.visibleRows >= min(rows.rows, minimumRows) : rows.showsEverything
        }
        for windowed in [false, true] {
            // Three panels alike, then Δ wider than the traces beside it.
            var candidates = sizes.filter { $0.width >= 3 && (!windowed || $0.height == 1) }
                .map { Layout(cells($0.width, $0.height)) }
            for traceWidth in [2, 1] {
                candidates += [6, 5, 4, 3].map { Layout(traces: cells(traceWidth), difference: cells($0)) }
            }
            if let chosen = candidates.first(where: { shows($0, windowed: windowed) }) { return chosen }
        }
        let third = max(1, (area.width - 2 * GridPaneRenderer.panelSpacing) / 3)
        let block = GridPaneRenderer.fittingBlock(panels, labelCap: cap, maxWidth: third, maxHeight: area.height).block
        for (cellWidth, cellHeight) in sizes {
            let candidate = Layout(cells(cellWidth, cellHeight, block: block))
            if candidate.difference.showsEverything, fits(candidate) { return candidate }
        }
        return Layout(GridPaneRenderer.geometry(panels, cellWidth: 1, cellHeight: 1, block: block, labelCap: cap,
                                                maxWidth: third, maxHeight: area.height))
    }

    /// `before · head 0`, `attn h0`, `Δ · head 0`: what a panel shows, in `width` columns
    /// (`diff`, and `-` for `·`, in ASCII).
    static func header(_ part: Int, head: Int, model: CompareModel, width: Int, ascii: Bool) -> String {
        let name = [model.beforeName, model.afterName, ascii ? "diff" : "Δ"][part]
        guard model.after.rank == 3 else { return name }
        let long = "\(name) \(ascii ? "-" : "·") head \(head)"
        return long.count <= width ? long : "\(name) h\(head)"
    }

    /// `the→cat 0.13→0.31 Δ+0.18`: the cursor cell's values before and after, and their difference.
    static func cursorNote(_ model: CompareModel, cursor: GridCursor, glyphs: GlyphSet) -> String {
        let head = cursor.head / 3
        let plane = model.rows * model.columns
        let offset = head * plane + cursor.row * model.columns + cursor.column
        guard offset < model.after.count else { return "" }
        func number(_ value: Float) -> String { NumberText.fixed(value, decimals: 4, minus: glyphs.minus) }
        let arrow = glyphs == .ascii ? "->" : "→"
        let query = cursor.row < model.queryLabels.count ? model.queryLabels[cursor.row] : String(cursor.row)
        let key = cursor.column < model.keyLabels.count ? model.keyLabels[cursor.column] : String(cursor.column)
        let delta = model.difference.scalars[offset]
        let sign = delta > 0 ? "+" : ""
        let name = glyphs == .ascii ? "diff " : "Δ"
        return "\(query)\(arrow)\(key) \(number(model.before.scalars[offset]))\(arrow)\(number(model.after.scalars[offset])) \(name)\(sign)\(number(delta))"
    }
}
