/// Wrapping a line of text into rows of a fixed width, at word boundaries where it can.
///
/// A row breaks after the last space that fits; a word longer than a whole row is cut where the
/// row ends. Continuation rows start with `indent` (the log indents them two columns so a wrapped
/// tensor row still reads as one row). An empty line is one empty row.
///
/// ```
/// wrap("the last one sees the whole sentence", width: 16)
///   == ["the last one", "sees the whole", "sentence"]
/// ```
public enum TextWrap {
    public static func wrap(_ line: String, width: Int, indent: String = "") -> [String] {
        guard width > 0 else { return [] }
        let indent = indent.count < width ? indent : ""
        var rows: [String] = []
        var rest = Substring(line)
        var room = width
        while rest.count > room {
            let window = rest.prefix(room + 1)
            var cut = rest.index(rest.startIndex, offsetBy: room)
            // The last space in the first room + 1 characters: a row may end just before a space.
            if let space = window.lastIndex(of: " "), space > rest.startIndex {
                cut = space
            }
            var row = String(rest[..<cut])
            while row.last == " " { row.removeLast() }
            rows.append((rows.isEmpty ? "" : indent) + row)
            rest = rest[cut...].drop { $0 == " " }
            room = width - indent.count
        }
        if rows.isEmpty || !rest.isEmpty { rows.append((rows.isEmpty ? "" : indent) + String(rest)) }
        return rows
    }

    /// Every line of `lines` wrapped, in order.
    public static func wrap(lines: [String], width: Int, indent: String = "") -> [String] {
        lines.flatMap { wrap($0, width: width, indent: indent) }
    }
}
