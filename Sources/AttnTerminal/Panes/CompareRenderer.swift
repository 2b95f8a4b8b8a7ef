import AttnCore

/// Draws `view A vs B` in the grid pane: for each head, A's grid, B's grid and the difference
/// B − A side by side, on one colour scale, with the cursor's cell in all three.
///
/// A pure function of the model and the size, like `GridPaneRenderer`, whose panels it draws:
/// the three grids of a head make one row of panels, at the largest cell size at which three
/// fit side by side (aggregating blocks when even one-column cells do not); as many heads as
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
        let chosen = geometry(panels, area: area)
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
        var unlabelled = chosen
        unlabelled.labelWidth = 0
        let spacing = GridPaneRenderer.panelSpacing
        for head in firstHead..<min(heads, firstHead + rowsOfPanels) {
            let y = area.y + (head - firstHead) * (chosen.height + 1)
            for part in 0..<3 {
                let x = part == 0 ? 0 : chosen.width + spacing + (part - 1) * (chosen.gridWidth + spacing)
                guard x < width else { break }
                let room = chosen.gridWidth - chosen.gap
                GridPaneRenderer.drawPanel(into: &grid, x: x, y: y, head: 3 * head + part,
                                           header: header(part, head: head, model: model, width: room,
                                                          ascii: options.glyphs == .ascii),
                                           geometry: part == 0 ? chosen : unlabelled, window: window,
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

    /// The panel geometry: the largest cells at which three panels fit side by side and one
    /// head's whole grid shows; else, when every key fits in cells wide enough for words and a
    /// few query rows fit, those cells with a window of rows that follows the cursor (words are
    /// what says which query changed); else the smallest cells (aggregated if need be) at one
    /// third of the width.
    static func geometry(_ panels: GridPaneModel, area: Rect) -> GridPanelGeometry {
        let cap = GridPaneRenderer.maxLabelWidth
        let third = max(1, (area.width - 2 * GridPaneRenderer.panelSpacing) / 3)
        let block = GridPaneRenderer.fittingBlock(panels, labelCap: cap, maxWidth: third, maxHeight: area.height).block
        if block > 1 {
            for cellWidth in [4, 3] {
                let windowed = GridPaneRenderer.geometry(panels, cellWidth: cellWidth, cellHeight: 1, block: 1,
                                                         labelCap: cap, maxWidth: area.width, maxHeight: area.height)
                if windowed.visibleColumns == windowed.columns, windowed.visibleRows >= min(windowed.rows, minimumRows),
                   GridPaneRenderer.capacity(of: windowed, in: area).perRow >= 3 {
                    return windowed
                }
            }
        }
        for (cellWidth, cellHeight) in GridPaneRenderer.gridCellSizes {
            let candidate = GridPaneRenderer.geometry(panels, cellWidth: cellWidth, cellHeight: cellHeight, block: block,
                                                      labelCap: cap, maxWidth: area.width, maxHeight: area.height)
            if candidate.showsEverything, GridPaneRenderer.capacity(of: candidate, in: area).perRow >= 3 {
                return candidate
            }
        }
        return GridPaneRenderer.geometry(panels, cellWidth: 1, cellHeight: 1, block: block, labelCap: cap,
                                         maxWidth: third, maxHeight: area.height)
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
