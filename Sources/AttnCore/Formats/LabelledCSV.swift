/// A tensor as a labelled CSV table for spreadsheets and slides (`export csv`).
///
/// - rank 0 and 1: one line of values, as `CSVFormat.encode`;
/// - rank 2 [R, C]: a header `,c0,c1,...` with the column labels, then one
///   line per row starting with its label;
/// - rank 3 [P, R, C]: the same with a first column naming the panel
///   (`head 0`, ...), header `head,,c0,c1,...`; panels follow one another.
///
/// Values print in their shortest exact form (`CSVFormat.format`); labels
/// containing a comma, quote or line break are quoted, quotes doubled. Unlike
/// `save x.csv`, the labels make this a table to read, not to load back.
public enum LabelledCSV {
    public static func encode(_ tensor: Tensor, rowLabels: [String] = [], columnLabels: [String] = [],
                              panelLabel: String = "head") throws -> String {
        var text = ""
        try encode(tensor, rowLabels: rowLabels, columnLabels: columnLabels, panelLabel: panelLabel) { text += $0 }
        return text
    }

    /// The same text handed to `body` in pieces of about 64 KiB, so that
    /// `export csv` of a large tensor never builds its whole text.
    public static func encode(_ tensor: Tensor, rowLabels: [String] = [], columnLabels: [String] = [],
                              panelLabel: String = "head", in body: (String) throws -> Void) throws {
        guard tensor.rank >= 2 else { return try CSVFormat.encode(tensor, in: body) }
        guard tensor.rank == 3 || tensor.rank == 2 else {
            throw TensorError("export csv takes a tensor of rank 0 to 3, got shape \(Tensor.describe(tensor.shape)); reshape it first")
        }
        let panels = tensor.rank == 3 ? tensor.shape[0] : 1
        let (rows, columns) = (tensor.shape[tensor.rank - 2], tensor.shape[tensor.rank - 1])
        let rowNames = rowLabels.count == rows ? rowLabels : (0..<rows).map(String.init)
        let columnNames = columnLabels.count == columns ? columnLabels : (0..<columns).map(String.init)
        let lead = tensor.rank == 3 ? [panelLabel, ""] : [""]
        var piece = (lead + columnNames.map(field)).joined(separator: ",") + "\n"
        let cancellation = Cancellation.current
        for p in 0..<panels {
            for i in 0..<rows {
                let start = (p * rows + i) * columns
                piece += tensor.rank == 3 ? "\(panelLabel) \(p),\(field(rowNames[i]))" : field(rowNames[i])
                for j in 0..<columns {
                    piece += ","
                    piece += CSVFormat.format(tensor.scalars[start + j])
                    if piece.utf8.count >= CSVFormat.chunkBytes {
                        try cancellation.check()
                        try body(piece)
                        piece = ""
                    }
                }
                piece += "\n"
            }
        }
        if !piece.isEmpty { try body(piece) }
    }

    /// A label as a CSV field, quoted when it must be.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        var quoted = "\""
        for c in text { quoted += c == "\"" ? "\"\"" : String(c) }
        return quoted + "\""
    }
}
