/// The three arrangements of head panels: grid, focus and present.
extension GridPaneRenderer {
    /// A panel geometry for the model at one cell size, fitted to `maxWidth` × `maxHeight`.
    static func geometry(_ model: GridPaneModel, cellWidth: Int, cellHeight: Int, block: Int,
                         labelCap: Int, maxWidth: Int, maxHeight: Int, compact: Bool = false) -> GridPanelGeometry {
        GridPanelGeometry(cellWidth: cellWidth, cellHeight: cellHeight, block: block,
                          labelWidth: labelWidth(model: model, block: block, cap: labelCap),
                          rowCount: model.rowCount, columnCount: model.columnCount,
                          maxWidth: maxWidth, maxHeight: maxHeight, compact: compact)
    }

    /// The largest aggregation block `fittingBlock` tries.
    static let largestBlock = GridPaneModel.blockSize(zoom: GridPaneModel.zoomRange.lowerBound)

    /// The smallest aggregation block (1, 2, 4, ... `largestBlock`) at which one head's whole grid
    /// fits at 1 column per cell, and whether it fits only as a compact panel (no header row;
    /// tried when `allowsCompact`, before aggregating).
    static func fittingBlock(_ model: GridPaneModel, labelCap: Int, cellHeight: Int = 1,
                             maxWidth: Int, maxHeight: Int, allowsCompact: Bool = false) -> (block: Int, compact: Bool) {
        var block = 1
        while block < largestBlock {
            for compact in allowsCompact ? [false, true] : [false] {
                let candidate = geometry(model, cellWidth: 1, cellHeight: cellHeight, block: block,
                                         labelCap: labelCap, maxWidth: maxWidth, maxHeight: maxHeight,
                                         compact: compact)
                if candidate.showsEverything { return (block, compact) }
            }
            block *= 2
        }
        return (block, false)
    }

    /// Heads per panel row, panel rows and the blank lines between panel rows (1, or 0 when
    /// leaving them out fits one more row of panels) in `area` at this geometry.
    static func capacity(of geometry: GridPanelGeometry, in area: Rect) -> (perRow: Int, panelRows: Int, rowGap: Int) {
        let perRow = 1 + max(0, (area.width - geometry.width) / (geometry.gridWidth + panelSpacing))
        let spaced = max(1, (area.height + 1) / (geometry.height + 1))
        let packed = max(1, area.height / max(1, geometry.height))
        return packed > spaced ? (perRow, packed, 0) : (perRow, spaced, 1)
    }

    /// The header of a panel: `head N`, or the stage name for a one-head (rank 2) tensor.
    static func header(head: Int, width: Int, model: GridPaneModel) -> String {
        model.tensor.rank == 2 ? model.stageName : headName(head, width: width)
    }

    /// Cell sizes the grid layout tries, largest first: square-looking big
    /// cells when the pane is roomy (a projector), one line per row otherwise.
    static let gridCellSizes: [(width: Int, height: Int)] = [(6, 3), (4, 2), (6, 1), (5, 1), (4, 1), (3, 1),
                                                             (2, 1), (1, 1)]

    static func drawGridLayout(into grid: inout CellGrid, area: Rect, context: PanelContext) -> [String] {
        let model = context.model
        let heads = model.headCount
        let chosen = gridGeometry(model, area: area)
        let fit = capacity(of: chosen, in: area)
        let pageSize = max(1, min(heads, fit.perRow * fit.panelRows))
        let cursorHead = min(max(0, model.cursor.head), heads - 1)
        let firstHead = (cursorHead / pageSize) * pageSize
        let window = window(for: chosen, model: model)
        var unlabelled = chosen
        unlabelled.labelWidth = 0
        for head in firstHead..<min(heads, firstHead + pageSize) {
            let index = head - firstHead
            let panelRow = index / fit.perRow, panelColumn = index % fit.perRow
            let x = area.x + (panelColumn == 0 ? 0
                : chosen.width + panelSpacing + (panelColumn - 1) * (chosen.gridWidth + panelSpacing))
            let y = area.y + panelRow * (chosen.height + fit.rowGap)
            let panel = panelColumn == 0 ? chosen : unlabelled
            drawPanel(into: &grid, x: x, y: y, head: head,
                      header: header(head: head, width: chosen.gridWidth - chosen.gap, model: model),
                      geometry: panel, window: window, context: context)
        }
        var notes = windowNotes(geometry: chosen, window: window, model: model, context: context)
        if pageSize < heads {
            let dash = context.glyphs == .ascii ? "-" : "–"
            let last = min(heads, firstHead + pageSize) - 1
            let shown = last == firstHead ? "head \(firstHead)" : "heads \(firstHead)\(dash)\(last)"
            notes.append("\(shown) of \(heads) (Tab)")
        }
        return notes
    }

    /// Where a layout's choice of cells starts: at the model's zoom, that zoom's geometry (and no
    /// fitting block); to fit, the smallest cells at the block that fits the whole grid in `area`,
    /// and that block, from which the layout then tries larger cells. A layout of one panel
    /// (`allowsCompact`) leaves out the header row rather than aggregate.
    static func startingGeometry(_ model: GridPaneModel, labelCap: Int, area: Rect,
                                 allowsCompact: Bool = false) -> (geometry: GridPanelGeometry, fitBlock: Int?) {
        if let zoom = model.zoom {
            let zoomed = geometry(model, cellWidth: min(6, max(1, zoom)), cellHeight: 1,
                                  block: GridPaneModel.blockSize(zoom: zoom), labelCap: labelCap,
                                  maxWidth: area.width, maxHeight: area.height)
            return (zoomed, nil)
        }
        let (block, compact) = fittingBlock(model, labelCap: labelCap, maxWidth: area.width, maxHeight: area.height,
                                            allowsCompact: allowsCompact)
        let smallest = geometry(model, cellWidth: 1, cellHeight: 1, block: block, labelCap: labelCap,
                                maxWidth: area.width, maxHeight: area.height, compact: compact)
        return (smallest, block)
    }

    /// The geometry at one cell size that shows the whole grid: the panel with its header row,
    /// else (when `allowsCompact`) the compact one; nil when neither does.
    static func wholeGrid(_ model: GridPaneModel, cellWidth: Int, cellHeight: Int, block: Int, labelCap: Int,
                          area: Rect, allowsCompact: Bool) -> GridPanelGeometry? {
        for compact in allowsCompact ? [false, true] : [false] {
            let candidate = geometry(model, cellWidth: cellWidth, cellHeight: cellHeight, block: block,
                                     labelCap: labelCap, maxWidth: area.width, maxHeight: area.height,
                                     compact: compact)
            if candidate.showsEverything { return candidate }
        }
        return nil
    }

    /// The panel geometry of the grid layout: the model's zoom, or the largest cells at which one
    /// head's whole grid fits, preferring the size that shows most heads (wrapping the heads onto
    /// as many rows of panels as fit) among those that keep numbers and word labels; the other
    /// heads are a Tab away. When no whole head fits with numbers and words, a window of query
    /// rows that keeps them (the cursor moves it); only when not even that fits, the size that
    /// shows most heads without them, aggregated if one head does not fit unaggregated.
    static func gridGeometry(_ model: GridPaneModel, area: Rect) -> GridPanelGeometry {
        let heads = model.headCount
        let cap = maxLabelWidth
        // One panel has no other header to line up with: it may leave its header row out.
        let allowsCompact = heads == 1
        let (start, fitBlock) = startingGeometry(model, labelCap: cap, area: area, allowsCompact: allowsCompact)
        guard let block = fitBlock else { return start }
        var readable: (geometry: GridPanelGeometry, count: Int)?
        var any: (geometry: GridPanelGeometry, count: Int)?
        // Largest cells first; a smaller size wins only by showing more heads.
        for (cellWidth, cellHeight) in gridCellSizes {
            guard let candidate = wholeGrid(model, cellWidth: cellWidth, cellHeight: cellHeight, block: block,
                                            labelCap: cap, area: area, allowsCompact: allowsCompact) else { continue }
            let fit = capacity(of: candidate, in: area)
            let count = min(heads, fit.perRow * fit.panelRows)
            if candidate.showsNumbersAndWords, count > readable?.count ?? 0 { readable = (candidate, count) }
            if count > any?.count ?? 0 { any = (candidate, count) }
            if count >= heads, candidate.showsNumbersAndWords { break }
        }
        if let readable { return readable.geometry }
        if let windowed = rowWindow(model, labelCap: cap, area: area, panels: heads) { return windowed }
        return any?.geometry ?? start
    }

    /// Whether the grid layout in `area` shows every head, unaggregated, in cells that hold
    /// numbers and word labels.
    static func gridShowsEverything(_ model: GridPaneModel, area: Rect) -> Bool {
        let chosen = gridGeometry(model, area: area)
        let fit = capacity(of: chosen, in: area)
        return chosen.showsEverything && chosen.showsNumbersAndWords
            && fit.perRow * fit.panelRows >= model.headCount
    }

    /// The pane height (legend line included), from `height` up to `maxHeight`, the grid layout
    /// asks for: the smallest at which it shows every head, unaggregated, with numbers and word
    /// labels (4 heads × 8 tokens at 120×36 wrap 2×2); `height` when it does so already or when
    /// no height up to `maxHeight` does. The screen gives it those rows from the middle panes.
    public static func preferredHeight(_ model: GridPaneModel, width: Int, height: Int, maxHeight: Int) -> Int {
        var model = model
        model.clampPositions()
        // The rows of one head must fit under its key labels, whatever else happens.
        guard model.layout == .grid, model.zoom == nil, width > 0, height > 1, maxHeight > height,
              model.headCount > 0, model.rowCount > 0, model.columnCount > 0,
              model.rowCount <= maxHeight - 2 else { return height }
        func area(_ lines: Int) -> Rect { Rect(x: 0, y: 0, width: width, height: lines - 1) }
        if gridShowsEverything(model, area: area(height)) { return height }
        for lines in (height + 1)...maxHeight where gridShowsEverything(model, area: area(lines)) {
            return lines
        }
        return height
    }

    /// Where the focus layout puts its thumbnails: their block, size and columns.
    struct Thumbnails {
        var block = 1
        var rows = 0
        var columns = 0
        var perColumn = 1
        var areaWidth = 0
    }

    static func drawFocusLayout(into grid: inout CellGrid, area: Rect, context: PanelContext) -> [String] {
        let model = context.model
        let heads = model.headCount
        let head = min(max(0, model.cursor.head), heads - 1)
        let (chosen, thumbs) = focusGeometry(model, area: area)
        let mainArea = Rect(x: area.x, y: area.y, width: area.width - thumbs.areaWidth, height: area.height)
        let window = window(for: chosen, model: model)
        drawPanel(into: &grid, x: mainArea.x, y: mainArea.y, head: head,
                  header: header(head: head, width: chosen.gridWidth, model: model),
                  geometry: chosen, window: window, context: context)
        if heads > 1 {
            let thumbX = area.maxX - thumbs.areaWidth + panelSpacing
            for other in 0..<heads {
                let x = thumbX + (other / thumbs.perColumn) * (max(thumbs.columns, 3) + panelSpacing)
                let y = area.y + (other % thumbs.perColumn) * (thumbs.rows + 2)
                drawThumbnail(into: &grid, x: x, y: y, head: other, block: thumbs.block,
                              rows: thumbs.rows, columns: thumbs.columns, context: context)
            }
        }
        return windowNotes(geometry: chosen, window: window, model: model, context: context)
    }

    /// The focus layout's main panel and thumbnails.
    static func focusGeometry(_ model: GridPaneModel, area: Rect) -> (GridPanelGeometry, Thumbnails) {
        let heads = model.headCount
        // Thumbnails: one column per cell, aggregated until they fit in half the width.
        var thumbBlock = 1
        var thumbRows = 0, thumbColumns = 0, perColumn = 1, thumbAreaWidth = 0
        if heads > 1 {
            while true {
                thumbRows = (model.rowCount + thumbBlock - 1) / thumbBlock
                thumbColumns = (model.columnCount + thumbBlock - 1) / thumbBlock
                let tall = thumbRows + 1
                perColumn = max(1, (area.height + 1) / (tall + 1))
                let columnsNeeded = (heads + perColumn - 1) / perColumn
                thumbAreaWidth = columnsNeeded * (max(thumbColumns, 3) + panelSpacing)
                let fits = tall <= area.height && thumbAreaWidth <= area.width / 2
                if fits || thumbBlock >= largestBlock { break }
                thumbBlock *= 2
            }
        }
        let mainArea = Rect(x: area.x, y: area.y, width: area.width - thumbAreaWidth, height: area.height)
        let cap = maxLabelWidth
        var (chosen, fitBlock) = startingGeometry(model, labelCap: cap, area: mainArea, allowsCompact: true)
        if let block = fitBlock {
            for cellWidth in stride(from: 6, through: 2, by: -1) {
                if let candidate = wholeGrid(model, cellWidth: cellWidth, cellHeight: 1, block: block, labelCap: cap,
                                             area: mainArea, allowsCompact: true) {
                    chosen = candidate
                    break
                }
            }
        }
        return (chosen, Thumbnails(block: thumbBlock, rows: thumbRows, columns: thumbColumns,
                                   perColumn: perColumn, areaWidth: thumbAreaWidth))
    }

    static func drawPresentLayout(into grid: inout CellGrid, area: Rect, context: PanelContext) -> [String] {
        let model = context.model
        let head = min(max(0, model.cursor.head), model.headCount - 1)
        let chosen = presentGeometry(model, area: area)
        let window = window(for: chosen, model: model)
        let x = area.x + max(0, (area.width - chosen.width) / 2)
        let y = area.y + max(0, (area.height - chosen.height) / 2)
        drawPanel(into: &grid, x: x, y: y, head: head,
                  header: header(head: head, width: chosen.gridWidth, model: model),
                  geometry: chosen, window: window, context: context)
        return windowNotes(geometry: chosen, window: window, model: model, context: context)
    }

    /// Cell sizes the present layout tries, largest first: square-looking cells, then cells one
    /// line high but wide enough for their numbers (a low projector pane keeps them), then narrow.
    static let presentCellSizes: [(width: Int, height: Int)] = [(6, 3), (5, 2), (4, 2), (6, 1), (5, 1), (4, 1),
                                                                (3, 1), (2, 1)]

    /// Rather than merge cells: every key with its number and word, and a window of query rows
    /// around the cursor (the cursor moves it), when all the keys fit in one-line cells wide
    /// enough for numbers and at least 4 rows show; of those cell sizes the one that puts most
    /// of `panels` heads side by side in `area`, the widest of equals; nil when none does.
    static func rowWindow(_ model: GridPaneModel, labelCap: Int, area: Rect, panels: Int = 1) -> GridPanelGeometry? {
        var best: (geometry: GridPanelGeometry, count: Int)?
        for size in presentCellSizes where size.height == 1 && size.width >= 3 {
            let windowed = geometry(model, cellWidth: size.width, cellHeight: 1, block: 1, labelCap: labelCap,
                                    maxWidth: area.width, maxHeight: area.height)
            guard windowed.visibleColumns == windowed.columns,
                  windowed.visibleRows >= min(windowed.rows, 4) else { continue }
            let count = min(max(1, panels), capacity(of: windowed, in: area).perRow)
            if count > best?.count ?? 0 { best = (windowed, count) }
        }
        return best?.geometry
    }

    /// The present layout's one panel: square-looking cells, as large as fit.
    static func presentGeometry(_ model: GridPaneModel, area: Rect) -> GridPanelGeometry {
        let cap = maxPresentLabelWidth
        // Cells w columns by w/2 lines look square on a terminal's tall character cells.
        var chosen: GridPanelGeometry
        if let zoom = model.zoom {
            let cellWidth = min(6, max(1, zoom))
            chosen = geometry(model, cellWidth: cellWidth, cellHeight: max(1, cellWidth / 2),
                              block: GridPaneModel.blockSize(zoom: zoom), labelCap: cap,
                              maxWidth: area.width, maxHeight: area.height)
        } else {
            let block = fittingBlock(model, labelCap: cap, maxWidth: area.width, maxHeight: area.height).block
            chosen = geometry(model, cellWidth: 1, cellHeight: 1, block: block, labelCap: cap,
                              maxWidth: area.width, maxHeight: area.height)
            if block > 1, let windowed = rowWindow(model, labelCap: cap, area: area) {
                return windowed
            }
            for size in presentCellSizes {
                let candidate = geometry(model, cellWidth: size.width, cellHeight: size.height,
                                         block: block, labelCap: cap,
                                         maxWidth: area.width, maxHeight: area.height)
                if candidate.showsEverything {
                    chosen = candidate
                    break
                }
            }
        }
        return chosen
    }

    /// A small unlabelled copy of one head: a header (`h3`) and one column per (aggregated) cell.
    static func drawThumbnail(into grid: inout CellGrid, x: Int, y: Int, head: Int, block: Int,
                              rows: Int, columns: Int, context: PanelContext) {
        let model = context.model
        let shading = context.shading
        grid.write("h\(head)", x: x, y: y, style: model.cursor.head == head ? .strong : .plain)
        for row in 0..<rows {
            for column in 0..<columns {
                let cell: Cell
                switch context.values.drawn(head: head, row: row * block, column: column * block, block: block) {
                case .masked: cell = shading.masked
                case .invalid: cell = shading.invalid
                case .value(let value):
                    let level = shading.level(context.scale.normalized(value))
                    cell = Cell(shading.fills[level], style: shading.styles[level])
                }
                grid[x + column, y + 1 + row] = cell
            }
        }
    }
}
