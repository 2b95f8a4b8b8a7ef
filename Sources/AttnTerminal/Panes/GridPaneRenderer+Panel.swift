/// Drawing one head's panel: header, key labels, query labels, shaded cells, cursor.
extension GridPaneRenderer {
    /// What every panel of one render shares.
    struct PanelContext {
        let model: GridPaneModel
        let values: GridValues
        let options: RenderOptions
        let glyphs: GlyphSet
        let shading: HeatShading
        let scale: GridValueScale
    }

    /// Where the window of a panel starts, in drawn rows and columns.
    struct PanelWindow: Equatable {
        var row: Int
        var column: Int
    }

    /// Draws head `head` with its top-left corner at (x, y).
    static func drawPanel(into grid: inout CellGrid, x: Int, y: Int, head: Int, header: String,
                          geometry: GridPanelGeometry, window: PanelWindow, context: PanelContext) {
        let model = context.model
        let cursor = model.cursor
        let isCursorHead = cursor.head == head
        let cursorRow = cursor.row / geometry.block - window.row
        let cursorColumn = cursor.column / geometry.block - window.column
        let cellsX = x + geometry.labelPart + geometry.gap
        func cellX(_ column: Int) -> Int { cellsX + column * geometry.pitch }

        // Header, bold for the head the cursor is in; a compact panel names itself in the corner.
        let headerStyle: CellStyle = isCursorHead ? .strong : .plain
        if geometry.isCompact {
            if let name = cornerName(header, head: head, width: geometry.labelPart - 1, model: model,
                                     ellipsis: context.glyphs.ellipsis) {
                grid.write(name, x: x, y: y, style: headerStyle)
            }
        } else {
            let headerWidth = max(1, geometry.width - geometry.labelPart)
            grid.write(LabelText.shorten(header, to: headerWidth, ellipsis: context.glyphs.ellipsis),
                       x: x + geometry.labelPart, y: y, style: headerStyle)
        }

        drawKeyLabels(into: &grid, y: y + geometry.headerRows, geometry: geometry, window: window, cellX: cellX,
                      limit: x + geometry.width,
                      cursorColumn: isCursorHead ? cursorColumn : nil, context: context)

        let middle = (geometry.cellHeight - 1) / 2
        let showNumbers = geometry.showsNumbers(context.shading)
        let isColor = context.options.colorMode == .color256
        for visibleRow in 0..<geometry.visibleRows {
            let row = window.row + visibleRow
            guard row < geometry.rows else { break }
            let top = y + geometry.headerRows + 1 + visibleRow * geometry.cellHeight
            if geometry.labelWidth > 0 {
                let label = queryLabel(row: row, block: geometry.block, model: model)
                let style: CellStyle = isCursorHead && visibleRow == cursorRow ? .strong : .plain
                grid.write(LabelText.rightAligned(label, width: geometry.labelWidth,
                                                  ellipsis: context.glyphs.ellipsis),
                           x: x, y: top + middle, style: style)
            }
            for visibleColumn in 0..<geometry.visibleColumns {
                let column = window.column + visibleColumn
                guard column < geometry.columns else { break }
                let left = cellX(visibleColumn)
                let isCursor = isCursorHead && visibleRow == cursorRow && visibleColumn == cursorColumn
                let value = context.values.drawn(head: head, row: row * geometry.block,
                                             column: column * geometry.block, block: geometry.block)
                let partlyMasked = geometry.block > 1
                    && context.values.isPartlyMasked(head: head, row: row * geometry.block,
                                                     column: column * geometry.block, block: geometry.block)
                drawCell(into: &grid, x: left, y: top, value: value, geometry: geometry,
                         showNumbers: showNumbers, isCursor: isCursor, partlyMasked: partlyMasked, context: context)
                if isCursor && geometry.gap > 0 {
                    let bracketStyle: CellStyle = isColor ? .strong : .plain
                    grid.put("[", x: left - 1, y: top + middle, style: bracketStyle)
                    grid.put("]", x: left + geometry.cellWidth, y: top + middle, style: bracketStyle)
                }
            }
        }
    }

    /// The name of a compact panel in its corner (`head 0`, `h0`, or the stage name shortened), nil
    /// when the corner is too narrow for it.
    static func cornerName(_ header: String, head: Int, width: Int, model: GridPaneModel,
                           ellipsis: Character) -> String? {
        guard width >= 2 else { return nil }
        if model.tensor.rank == 2 { return LabelText.shorten(header, to: width, ellipsis: ellipsis) }
        let name = headName(head, width: width)
        return name.count <= width ? name : nil
    }

    /// One drawn cell: shading (or the masked mark), its number when wide enough, the cursor's look.
    /// A block that mixes masked and allowed cells shows the masked mark in its first column (in
    /// one-column cells, on the block's colour; without colour, underlined).
    private static func drawCell(into grid: inout CellGrid, x: Int, y: Int, value: GridPaneModel.DrawnValue,
                                 geometry: GridPanelGeometry, showNumbers: Bool, isCursor: Bool,
                                 partlyMasked: Bool = false, context: PanelContext) {
        let shading = context.shading
        let width = geometry.cellWidth, height = geometry.cellHeight
        let middle = (height - 1) / 2
        let isColor = context.options.colorMode == .color256
        // In colour the cursor keeps its colour (the value is the point) and is
        // underlined between brackets; without colour, reverse video marks it.
        func cursorStyle(_ style: CellStyle) -> CellStyle {
            guard isCursor else { return style }
            var marked = style
            if isColor && geometry.gap > 0 {
                marked.bold = true
                marked.underline = true
            } else {
                marked.reverse = true
            }
            return marked
        }
        switch value {
        case .masked, .invalid:
            let mark = value == .masked ? shading.masked : shading.invalid
            let blank = cursorStyle(.plain)
            for line in 0..<height {
                for column in 0..<width { grid.put(" ", x: x + column, y: y + line, style: blank) }
            }
            grid.put(mark.character, x: x + (width - 1) / 2, y: y + middle, style: cursorStyle(mark.style))
        case .value(let number):
            let level = shading.level(context.scale.normalized(number))
            let fill = shading.fills[level]
            let style = cursorStyle(shading.styles[level])
            for line in 0..<height {
                for column in 0..<width { grid.put(fill, x: x + column, y: y + line, style: style) }
            }
            let markWidth = partlyMasked && width > 1 ? 1 : 0
            if partlyMasked {
                var markStyle = style
                if isColor {
                    markStyle.foreground = shading.masked.style.foreground
                } else if width == 1 {
                    markStyle.underline = true
                }
                let mark = isColor || width > 1 ? shading.masked.character : fill
                grid.put(mark, x: x, y: y + middle, style: markStyle)
            }
            if showNumbers {
                // Colour cells use the whole width; shaded cells keep two columns of shade.
                let field = (isColor ? width : width - 2) - markWidth
                let text = NumberText.compact(number, width: min(field, 4), minus: context.glyphs.minus)
                // Shaded cells keep the number flush right after the shade; on a
                // colour block the number sits in the middle.
                let start = isColor ? x + (width - text.count + 1) / 2 : x + width - text.count
                grid.write(text, x: start, y: y + middle,
                           style: cursorStyle(shading.numberStyles[level]))
            }
        }
    }

    /// The key-label row: words when cells are 3 or more wide, else key indices every Nth key.
    ///
    /// With narrow or aggregated cells a word cannot fit, so the row shows the
    /// index of the first key of every Nth drawn column, N the smallest of
    /// 1, 2, 5, 10, 20, 50, ... that leaves room for the widest index and a space:
    /// `0    5    10   15`.
    private static func drawKeyLabels(into grid: inout CellGrid, y: Int, geometry: GridPanelGeometry,
                                      window: PanelWindow, cellX: (Int) -> Int, limit: Int,
                                      cursorColumn: Int?, context: PanelContext) {
        let model = context.model
        if geometry.cellWidth >= 3 && geometry.block == 1 {
            for visibleColumn in 0..<geometry.visibleColumns {
                let column = window.column + visibleColumn
                guard column < geometry.columns else { break }
                // Labels line up with the cells' numbers: centred over colour blocks, else flush right.
                let centred = context.options.colorMode == .color256 && geometry.cellWidth >= 5
                let label = model.keyLabel(column)
                let text = centred
                    ? LabelText.centered(label, width: geometry.cellWidth, ellipsis: context.glyphs.ellipsis)
                    : LabelText.rightAligned(label, width: geometry.cellWidth, ellipsis: context.glyphs.ellipsis)
                grid.write(text, x: cellX(visibleColumn), y: y,
                           style: visibleColumn == cursorColumn ? .strong : .plain)
            }
            return
        }
        let widest = String(max(0, (geometry.columns - 1) * geometry.block)).count
        let every = tickStep(pitch: geometry.pitch, labelWidth: widest + 1)
        for visibleColumn in 0..<geometry.visibleColumns {
            let column = window.column + visibleColumn
            guard column < geometry.columns, column % every == 0 else { continue }
            let text = String(column * geometry.block)
            let start = cellX(visibleColumn)
            guard start + text.count <= limit else { break }
            grid.write(text, x: start, y: y, style: visibleColumn == cursorColumn ? .strong : .plain)
        }
    }

    /// The smallest of 1, 2, 5, 10, 20, 50, ... columns apart that gives each tick `labelWidth` columns.
    static func tickStep(pitch: Int, labelWidth: Int) -> Int {
        var base = 1
        while true {
            for factor in [1, 2, 5] where base * factor * max(1, pitch) >= labelWidth {
                return base * factor
            }
            if base > 1_000_000 { return base }
            base *= 10
        }
    }

    /// A query row's label: its word, or with aggregation the range of rows it covers (`8-11`).
    static func queryLabel(row: Int, block: Int, model: GridPaneModel) -> String {
        guard block > 1 else { return model.queryLabel(row) }
        let first = row * block
        let last = min(model.rowCount, first + block) - 1
        return first == last ? String(first) : "\(first)-\(last)"
    }
}
