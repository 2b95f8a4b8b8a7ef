/// The key-help overlay (F1 or `?`): a box of the pane keys drawn over the screen's centre.
public enum KeyHelp {
    public static let lines = [
        "Keys",
        "",
        "at the prompt   readline: editing, Up/Down history, Ctrl-R search,",
        "                Tab completes (Tab twice lists), Ctrl-C clears the line,",
        "                Ctrl-D on an empty line quits, PgUp/PgDn scroll the log",
        "Esc             focus the panes",
        "",
        "in the panes    arrows or h j k l   move the cursor",
        "                Tab, Shift-Tab      next, previous head",
        "                + -                 zoom in, out (out aggregates cells)",
        "                0                   zoom to fit",
        "                s  b                step, back (as if typed)",
        "                i, Enter or Esc     back to the prompt",
        "on the overview arrows, Tab pick a head; Enter opens its layer",
        "",
        "in a replay     Enter runs the statement shown (edit it first if you like)",
        "                q on the unedited line, Esc q, Ctrl-C, or q in the panes:",
        "                leave the replay, keeping the workspace",
        "",
        "F2              the log over the panes, and back (also `log grow`, `log back`)",
        "F1 or ?         this help; any key closes it",
    ]

    /// Draws the box centred on `screen` (clipped when the screen is small).
    public static func draw(into screen: inout CellGrid, options: RenderOptions) {
        let glyphs = options.glyphs
        let innerWidth = min(screen.width - 4, (lines.map(\.count).max() ?? 0) + 2)
        let innerHeight = min(screen.height - 2, lines.count)
        guard innerWidth > 4, innerHeight > 0 else { return }
        let left = (screen.width - innerWidth - 2) / 2, top = (screen.height - innerHeight - 2) / 2
        screen.fill(Rect(x: left, y: top, width: innerWidth + 2, height: innerHeight + 2))
        for x in (left + 1)...(left + innerWidth) {
            screen.put(glyphs.horizontal, x: x, y: top)
            screen.put(glyphs.horizontal, x: x, y: top + innerHeight + 1)
        }
        for y in (top + 1)...(top + innerHeight) {
            screen.put(glyphs.vertical, x: left, y: y)
            screen.put(glyphs.vertical, x: left + innerWidth + 1, y: y)
        }
        screen.put(glyphs.topLeft, x: left, y: top)
        screen.put(glyphs.topRight, x: left + innerWidth + 1, y: top)
        screen.put(glyphs.bottomLeft, x: left, y: top + innerHeight + 1)
        screen.put(glyphs.bottomRight, x: left + innerWidth + 1, y: top + innerHeight + 1)
        for (row, line) in lines.prefix(innerHeight).enumerated() {
            screen.write(LabelText.shorten(line, to: innerWidth - 2, ellipsis: glyphs.ellipsis),
                         x: left + 2, y: top + 1 + row, style: row == 0 ? .strong : .plain)
        }
    }
}
