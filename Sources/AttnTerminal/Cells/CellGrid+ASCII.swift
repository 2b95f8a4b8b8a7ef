/// Making a rendered grid ASCII-only, for `--ascii`.
extension CellGrid {
    /// Replaces every non-ASCII character with an ASCII stand-in.
    ///
    /// Renderers already draw with ASCII glyphs in that mode; this catches
    /// text that comes from outside (titles with `·`, labels, log lines),
    /// so `--ascii` can promise that nothing else reaches the terminal.
    public mutating func restrictToASCII() {
        for index in cells.indices where !cells[index].character.isASCII {
            cells[index].character = CellGrid.asciiStandIn(cells[index].character)
        }
    }

    /// `·` → `|`, `…` → `~`, `→` → `>`, `×` → `x`, dashes and minus → `-`, box drawing → `+-|`, else `?`.
    static func asciiStandIn(_ character: Character) -> Character {
        switch character {
        case "·", "│", "┃", "║": return "|"
        case "…": return "~"
        case "→", "▸", "›": return ">"
        case "←", "‹": return "<"
        case "×": return "x"
        case "−", "–", "—", "─", "━", "═": return "-"
        case "┌", "┐", "└", "┘", "├", "┤", "┬", "┴", "┼": return "+"
        case "√": return "v"
        default: return "?"
        }
    }
}
