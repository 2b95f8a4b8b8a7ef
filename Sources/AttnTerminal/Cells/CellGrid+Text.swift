/// Plain-text views of a cell grid, for golden tests and plain output.
extension CellGrid {
    /// The characters, one line per row, trailing spaces trimmed.
    public var text: String {
        var lines: [String] = []
        lines.reserveCapacity(height)
        for row in 0..<height {
            var line = String(cells[(row * width)..<(row * width + width)].map(\.character))
            while line.last == " " { line.removeLast() }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// One letter per cell naming its style, then a key saying what each letter means.
    ///
    /// `.` is the plain style (default colours, no attributes). Other styles get
    /// `a`–`z`, `A`–`Z`, `0`–`9` in order of first appearance, reading row by
    /// row, so the map does not depend on how styles are stored; the key lists
    /// colours and attributes, e.g. `a = fg 231 bg 61 bold`. Trailing `.` are
    /// trimmed like spaces in `text`.
    public var styleMap: String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var letters: [CellStyle: Character] = [:]
        var order: [CellStyle] = []
        var lines: [String] = []
        for row in 0..<height {
            var line = ""
            for column in 0..<width {
                let style = cells[row * width + column].style
                if style == .plain {
                    line.append(".")
                    continue
                }
                if let letter = letters[style] {
                    line.append(letter)
                } else {
                    let letter: Character = order.count < alphabet.count ? alphabet[order.count] : "?"
                    letters[style] = letter
                    order.append(style)
                    line.append(letter)
                }
            }
            while line.last == "." { line.removeLast() }
            lines.append(line)
        }
        lines.append("")
        for style in order {
            lines.append("\(letters[style] ?? "?") = \(CellGrid.describe(style))")
        }
        return lines.joined(separator: "\n")
    }

    /// A style in words: `fg 231 bg 61 bold`.
    static func describe(_ style: CellStyle) -> String {
        func name(_ color: CellColor) -> String {
            switch color {
            case .default: return "default"
            case .indexed(let index): return String(index)
            }
        }
        var words = ["fg \(name(style.foreground))", "bg \(name(style.background))"]
        if style.bold { words.append("bold") }
        if style.reverse { words.append("reverse") }
        if style.underline { words.append("underline") }
        return words.joined(separator: " ")
    }
}
