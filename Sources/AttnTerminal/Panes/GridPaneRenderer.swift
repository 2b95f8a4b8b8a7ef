import AttnCore

/// Draws the grid pane: attention weights of every head, shaded, with labels, cursor and legend.
///
/// A pure function of the model and the size: the same input always gives
/// the same cells, which is what the golden tests check.
///
/// Layouts:
/// - `.grid`: heads side by side, wrapping onto more rows of panels. Heads
///   share their query labels, so only the first panel of each row draws
///   them. When not every head fits, the heads are shown a page at a time
///   (the page holding the cursor's head) and the legend says which.
/// - `.focus`: the cursor's head large on the left, every head as a small
///   thumbnail on the right (the cursor's head's name in bold).
/// - `.present`: the cursor's head alone, centred, in the largest square-ish
///   cells that fit (w columns × w/2 lines), values printed when wide enough.
///
/// Automatic zoom (`zoom == nil`) picks the largest cells at which the whole
/// grid fits: in the grid layout 6×3, 4×2, then 6, 5, 4, 3, 2, 1 columns by one
/// line, preferring the size that shows every head (wrapping heads onto rows of
/// panels); 6 columns by one line down in focus; square-looking w × w/2 in
/// present. A grid too large even at 1 column per cell is aggregated (max of
/// 2×2, 4×4, ... blocks, a block that mixes masked and allowed cells marked);
/// before that, a layout of one panel leaves its header row out (compact).
/// `preferredHeight` says how many lines the grid layout would like to show
/// every head with numbers and word labels (`ScreenLayout+Grid.swift`).
/// With an explicit zoom the grid may be larger than its panel: the visible
/// window then follows the cursor (`scrollOffset`).
public enum GridPaneRenderer {
    /// Widest query-label column in the grid and focus layouts; longer labels get `…`.
    public static let maxLabelWidth = 8
    /// Widest query-label column in the present layout.
    public static let maxPresentLabelWidth = 12
    /// Columns between panels.
    static let panelSpacing = 2

    public static func render(_ model: GridPaneModel, width: Int, height: Int,
                              options: RenderOptions = .color256) -> CellGrid {
        var model = model
        model.clampPositions()
        var grid = CellGrid(width: width, height: height)
        guard width > 0, height > 0 else { return grid }
        guard model.headCount > 0, model.rowCount > 0, model.columnCount > 0 else {
            let message = "the grid shows tensors of rank 2 or 3 with no empty axis; this one is \(Tensor.describe(model.tensor.shape))"
            grid.write(message, x: 0, y: 0)
            return grid
        }
        let values = GridValues(model)
        // One pass gives both the range and the block view the main panel draws.
        values.aggregates.prepare(block: mainGeometry(model, width: width, height: height)?.block ?? 1)
        guard let summary = values.aggregates.summary() else {
            // Ctrl-C while the whole-tensor pass ran: nothing is drawn, the next redraw tries again.
            grid.write(cancelledMessage, x: 0, y: 0)
            return grid
        }
        let scale = GridValueScale(range: summary.range)
        let context = PanelContext(model: model, values: values, options: options, glyphs: options.glyphs,
                                   shading: HeatShading(options: options, signed: scale.isSigned),
                                   scale: scale)
        let area = Rect(x: 0, y: 0, width: width, height: max(0, height - 1))
        var notes: [String] = []
        switch model.layout {
        case .grid: notes = drawGridLayout(into: &grid, area: area, context: context)
        case .focus: notes = drawFocusLayout(into: &grid, area: area, context: context)
        case .present: notes = drawPresentLayout(into: &grid, area: area, context: context)
        }
        drawLegend(into: &grid, y: height - 1, notes: notes, context: context)
        if options.colorMode == .ascii { grid.restrictToASCII() }
        return grid
    }

    /// What the pane says when Ctrl-C stopped the pass its drawing needed.
    public static let cancelledMessage = "drawing stopped (Ctrl-C); the next key draws the grid again"

    /// The panel geometry the model is drawn at in a `width`×`height` pane (the legend takes the
    /// last line): its cell size and aggregation block.
    static func mainGeometry(_ model: GridPaneModel, width: Int, height: Int) -> GridPanelGeometry? {
        var model = model
        model.clampPositions()
        guard width > 0, height > 1, model.headCount > 0, model.rowCount > 0, model.columnCount > 0 else { return nil }
        let area = Rect(x: 0, y: 0, width: width, height: height - 1)
        switch model.layout {
        case .grid: return gridGeometry(model, area: area)
        case .focus: return focusGeometry(model, area: area).0
        case .present: return presentGeometry(model, area: area)
        }
    }

    /// The zoom level the model is shown at in a `width`×`height` pane: its own, or for fit the
    /// level of the cells fit chose (1 − log2(block) when aggregated, else the cell width).
    public static func shownZoom(_ model: GridPaneModel, width: Int, height: Int) -> Int {
        if let zoom = model.zoom { return zoom }
        guard let geometry = mainGeometry(model, width: width, height: height) else { return 1 }
        return geometry.block > 1 ? GridPaneModel.zoomLevel(block: geometry.block) : geometry.cellWidth
    }

    /// The aggregation block the model is drawn with in a `width`×`height` pane (1 = none).
    public static func shownBlock(_ model: GridPaneModel, width: Int, height: Int) -> Int {
        mainGeometry(model, width: width, height: height)?.block ?? 1
    }

    /// The first row (or column) of a window of `visible` out of `total` that
    /// keeps `cursor` in view, moving as little as possible from `current`.
    public static func scrollOffset(current: Int, cursor: Int, visible: Int, total: Int) -> Int {
        guard visible > 0, total > visible else { return 0 }
        // Clamped first so that no user-supplied position can overflow below.
        let cursor = min(max(cursor, 0), total - 1)
        var start = min(max(current, 0), total - visible)
        if cursor < start { start = cursor }
        if cursor >= start + visible { start = cursor - visible + 1 }
        return max(0, min(start, total - visible))
    }

    /// The widest query label (or aggregated row range) the panel needs, capped at `cap`.
    static func labelWidth(model: GridPaneModel, block: Int, cap: Int) -> Int {
        let rows = (model.rowCount + block - 1) / block
        if model.queryLabels.isEmpty && rows > 0 {
            // Row numbers (or ranges) only: the last is the widest, no need to read them all.
            return min(cap, max(1, queryLabel(row: rows - 1, block: block, model: model).count))
        }
        var widest = 1
        for row in 0..<rows {
            widest = max(widest, queryLabel(row: row, block: block, model: model).count)
            if widest >= cap { return cap }
        }
        return widest
    }

    /// The window of one panel: the model's scroll offsets, in drawn units, moved to show the cursor.
    static func window(for geometry: GridPanelGeometry, model: GridPaneModel) -> PanelWindow {
        let block = geometry.block
        let row = scrollOffset(current: model.scrollRow / block, cursor: model.cursor.row / block,
                               visible: geometry.visibleRows, total: geometry.rows)
        let column = scrollOffset(current: model.scrollColumn / block, cursor: model.cursor.column / block,
                                  visible: geometry.visibleColumns, total: geometry.columns)
        return PanelWindow(row: row, column: column)
    }

    /// The legend line: `0 ░ ▒ ▓ █ 1   · masked`, then notes (aggregation, head page, window).
    static func drawLegend(into grid: inout CellGrid, y: Int, notes: [String], context: PanelContext) {
        let glyphs = context.glyphs
        let shading = context.shading
        let bounds = context.scale.bounds
        let digits = context.scale == .unit ? 0 : 2
        var x = grid.write(NumberText.fixed(bounds.low, decimals: digits, minus: glyphs.minus) + " ",
                           x: 1, y: y)
        switch context.options.colorMode {
        case .color256:
            for level in 0..<shading.levels {
                grid.put(" ", x: x, y: y, style: shading.styles[level])
                grid.put(" ", x: x + 1, y: y, style: shading.styles[level])
                x += 2
            }
            x += 1
        case .monochrome:
            for level in 0..<shading.levels { x = grid.write("\(shading.fills[level]) ", x: x, y: y) }
        case .ascii:
            for level in 0..<shading.levels { grid.put(shading.fills[level], x: x, y: y); x += 1 }
            x += 1
        }
        x = grid.write(NumberText.fixed(bounds.high, decimals: digits, minus: glyphs.minus), x: x, y: y)
        if context.values.hasMaskedCells() {
            x += 3
            grid.put(shading.masked.character, x: x, y: y, style: shading.masked.style)
            x = grid.write(" masked", x: x + 1, y: y)
        }
        for note in notes {
            x = grid.write("   " + note, x: x, y: y)
        }
    }

    /// "rows 8–23 of 64" style notes for a panel that does not show everything.
    static func windowNotes(geometry: GridPanelGeometry, window: PanelWindow, model: GridPaneModel,
                            context: PanelContext) -> [String] {
        var notes: [String] = []
        let glyphs = context.glyphs
        let dash = glyphs == .ascii ? "-" : "–"
        if geometry.block > 1 {
            let how = context.values.aggregatesByMagnitude ? "largest |v| of" : "max of"
            var note = "\(how) \(geometry.block)\(glyphs.multiply)\(geometry.block)"
            if context.values.aggregates.blockView(block: geometry.block)?.partlyBlocked.contains(true) == true {
                note += " (\(glyphs.masked) at left: part masked)"
            }
            notes.append(note)
        }
        if geometry.visibleRows < geometry.rows {
            let first = window.row * geometry.block
            let last = min(model.rowCount, (window.row + geometry.visibleRows) * geometry.block) - 1
            notes.append("rows \(first)\(dash)\(last) of \(model.rowCount)")
        }
        if geometry.visibleColumns < geometry.columns {
            let first = window.column * geometry.block
            let last = min(model.columnCount, (window.column + geometry.visibleColumns) * geometry.block) - 1
            notes.append("keys \(first)\(dash)\(last) of \(model.columnCount)")
        }
        return notes
    }

    /// `head 3` when it fits in `width` columns, else `h3`.
    static func headName(_ head: Int, width: Int) -> String {
        let long = "head \(head)"
        return long.count <= width ? long : "h\(head)"
    }
}
