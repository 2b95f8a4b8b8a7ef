/// The log, the caption and the prompt line; the present layout's statement box; the grown log.
///
/// Log lines wrap at word boundaries (continuation rows indented two columns), and the last ones
/// that fit are shown. When PgUp has scrolled the log, its last row says how many lines are below
/// (`↓ 12 more below · PgDn`); when the statement just run printed more than is shown, the first
/// row says how many rows of it are above (`↑ 8 more above · PgUp`). Errors are red on a colour
/// screen. The caption (the last narration) is wrapped in full, bold after a bar (`▌`), above the prompt.
extension ScreenRenderer {
    /// Errors in the log, on a colour screen.
    static let errorStyle = CellStyle(foreground: .indexed(203))

    /// One row of the log as drawn: its text and what line it comes from.
    struct LogRow {
        var text: String
        var kind: LogLineKind
        var line: Int
    }

    static func kind(of line: Int, in model: ScreenModel) -> LogLineKind {
        line < model.logKinds.count ? model.logKinds[line] : .output
    }

    /// The log lines shown: all but the ones PgUp scrolled past.
    static func shownLineCount(_ model: ScreenModel) -> Int {
        max(0, model.log.count - max(0, model.logHiddenBelow))
    }

    /// The last `count` rows of the log's shown lines wrapped at `width` (wrapping only as far back
    /// as needed), oldest first.
    static func lastRows(_ model: ScreenModel, count: Int, width: Int) -> [LogRow] {
        var rows: [LogRow] = []
        var line = shownLineCount(model) - 1
        while line >= 0, rows.count < count {
            let wrapped = TextWrap.wrap(model.log[line], width: width, indent: "  ")
            let kind = kind(of: line, in: model)
            rows.insert(contentsOf: wrapped.map { LogRow(text: $0, kind: kind, line: line) }, at: 0)
            line -= 1
        }
        return Array(rows.suffix(count))
    }

    /// The last statement line of the log's shown lines, if any.
    static func lastStatementLine(_ model: ScreenModel) -> Int? {
        let end = shownLineCount(model)
        guard end > 0, !model.logKinds.isEmpty else { return nil }
        return model.logKinds.prefix(end).lastIndex(of: .statement)
    }

    /// Rows the statement just run and its output take at `width`, counted up to `limit + 1`.
    static func lastOutputRows(_ model: ScreenModel, width: Int, limit: Int) -> Int {
        guard let first = lastStatementLine(model) else { return 0 }
        var rows = 0
        for line in first..<shownLineCount(model) where rows <= limit {
            rows += TextWrap.wrap(model.log[line], width: width, indent: "  ").count
        }
        return rows
    }

    /// The caption's rows at a log `width`: the narration wrapped after its two-column bar.
    static func captionLines(_ model: ScreenModel, width: Int) -> [String] {
        TextWrap.wrap(lines: model.caption, width: width - 2)
    }

    /// The log's rows, the caption and the prompt line in `rect` (the prompt on its last row).
    static func drawLog(into screen: inout CellGrid, rect: Rect, captionRows: Int, model: ScreenModel,
                        options: RenderOptions) {
        let x = rect.x + 1, width = rect.width - 2
        guard width > 0, rect.height > 0 else { return }
        let promptY = rect.maxY - 1
        let caption = Array(captionLines(model, width: width).suffix(min(captionRows, rect.height - 1)))
        let bar = options.colorMode == .ascii ? "> " : "▌ "
        for (index, row) in caption.enumerated() {
            screen.write(bar + row, x: x, y: promptY - caption.count + index, style: .strong)
        }
        let logRows = rect.height - 1 - caption.count
        if logRows > 0 {
            // One row more than fits: when it belongs to the statement just run, its output is cut.
            var rows = lastRows(model, count: logRows + 1, width: width)
            let cut = rows.count > logRows
            let above = cut ? rows.removeFirst() : nil
            let ascii = options.colorMode == .ascii, separator = options.glyphs.separator
            if model.logHiddenBelow > 0, !rows.isEmpty {
                rows.removeFirst()
                rows.append(LogRow(text: "\(ascii ? "v" : "↓") \(model.logHiddenBelow) more below\(separator)PgDn",
                                   kind: .narration, line: -1))
            } else if let first = lastStatementLine(model), let above, above.line >= first, rows.count > 1 {
                let hidden = lastOutputRows(model, width: width, limit: .max - 1) - rows.count + 1
                rows[0] = LogRow(text: "\(ascii ? "^" : "↑") \(hidden) more above\(separator)PgUp",
                                 kind: .narration, line: -1)
            }
            // Oldest at the top, as a terminal fills; the caption below the last line.
            let top = rect.y
            for (index, row) in rows.enumerated() {
                var style = row.line < 0 ? CellStyle.inverted : .plain
                if row.kind == .error, options.colorMode == .color256 { style = errorStyle }
                screen.write(row.text, x: x, y: top + index, style: style)
            }
        }
        // The prompt line scrolls sideways to keep the insertion point visible.
        let line = model.prompt + model.input
        let cursorColumn = model.prompt.count + min(max(0, model.inputCursor), model.input.count)
        let start = GridPaneRenderer.scrollOffset(current: 0, cursor: cursorColumn, visible: width,
                                                  total: line.count + 1)
        screen.write(line.dropFirst(start).prefix(width), x: x, y: promptY)
        if model.promptFocused { screen.cursor = (x: x + cursorColumn - start, y: promptY) }
    }

    /// The present layout's statement box: the first rows of what the statement just run printed
    /// (its title, on the rule above, is the statement), and how many more there are.
    static func drawStatementBox(into screen: inout CellGrid, rect: Rect, model: ScreenModel,
                                 options: RenderOptions) {
        let x = rect.x + 1, width = rect.width - 2
        guard width > 0, rect.height > 0, let first = lastStatementLine(model) else { return }
        var rows: [LogRow] = []
        for line in (first + 1)..<max(first + 1, shownLineCount(model))
        where ![.narration, .continuation].contains(kind(of: line, in: model)) {
            let kind = kind(of: line, in: model)
            rows += TextWrap.wrap(model.log[line], width: width, indent: "  ").map { LogRow(text: $0, kind: kind, line: line) }
        }
        if rows.isEmpty {
            // Say so rather than leave the box blank: an `expect` that holds prints nothing.
            let statement = model.log[first]
            let isExpect = statement.range(of: "> expect ").map { !statement[..<$0.lowerBound].contains(" ") } ?? false
            rows = [LogRow(text: isExpect ? "it holds" : "(printed nothing)",
                           kind: .narration, line: first)]
        }
        if rows.count > rect.height {
            let more = rows.count - rect.height + 1
            rows = Array(rows.prefix(rect.height - 1))
            rows.append(LogRow(text: "\(options.glyphs.ellipsis) \(more) more rows · F2 shows the log", kind: .narration,
                               line: -1))
        }
        for (index, row) in rows.enumerated() {
            var style = row.line < 0 ? CellStyle.inverted : .plain
            if row.kind == .error, options.colorMode == .color256 { style = errorStyle }
            screen.write(row.text, x: x, y: rect.y + index, style: style)
        }
    }

    /// The statement box's title: the statement just run as the log shows it.
    static func statementTitle(_ model: ScreenModel) -> String {
        if let line = lastStatementLine(model) { return model.log[line] }
        return model.lastStatement.isEmpty ? "" : model.prompt + model.lastStatement
    }

    /// The log over the whole screen (`log grow`, F2): the caption and the prompt at the bottom.
    static func drawGrownLog(into screen: inout CellGrid, model: ScreenModel, options: RenderOptions) {
        let glyphs = options.glyphs
        let width = screen.width, height = screen.height
        screen.fill(Rect(x: 0, y: 0, width: width, height: height))
        for x in 1..<(width - 1) {
            screen.put(glyphs.horizontal, x: x, y: 0)
            screen.put(glyphs.horizontal, x: x, y: height - 1)
        }
        for y in 1..<(height - 1) {
            screen.put(glyphs.vertical, x: 0, y: y)
            screen.put(glyphs.vertical, x: width - 1, y: y)
        }
        screen.put(glyphs.topLeft, x: 0, y: 0)
        screen.put(glyphs.topRight, x: width - 1, y: 0)
        screen.put(glyphs.bottomLeft, x: 0, y: height - 1)
        screen.put(glyphs.bottomRight, x: width - 1, y: height - 1)
        let title = logTitle(model, glyphs: glyphs) + glyphs.separator + "log over the panes: F2 or `log back` returns"
        screen.write(" " + LabelText.shorten(title, to: width - 6, ellipsis: glyphs.ellipsis) + " ", x: 1, y: 0,
                     style: .strong)
        let inner = Rect(x: 1, y: 1, width: width - 2, height: height - 2)
        let caption = ScreenLayout.captionRows(captionLines(model, width: width - 4).count, height: height)
        drawLog(into: &screen, rect: inner, captionRows: caption, model: model, options: options)
    }
}
