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
        guard tensor.rank >= 2 else { return try CSVFormat.encode(tensor) }
        guard tensor.rank == 3 || tensor.rank == 2 else {
            throw TensorError("export csv takes a tensor of rank 0 to 3, got shape \(Tensor.describe(tensor.shape)); reshape it first")
        }
        let panels = tensor.rank == 3 ? tensor.shape[0] : 1
        let (rows, columns) = (tensor.shape[tensor.rank - 2], tensor.shape[tensor.rank - 1])
        let rowNames = rowLabels.count == rows ? rowLabels : (0..<rows).map(String.init)
        let columnNames = columnLabels.count == columns ? columnLabels : (0..<columns).map(String.init)
        let lead = tensor.rank == 3 ? [panelLabel, ""] : [""]
        var lines = [(lead + columnNames.map(field)).joined(separator: ",")]
        for p in 0..<panels {
            for i in 0..<rows {
                let start = (p * rows + i) * columns
                let numbers = tensor.scalars[start..<(start + columns)].map(CSVFormat.format)
                let prefix = tensor.rank == 3 ? ["\(panelLabel) \(p)", field(rowNames[i])] : [field(rowNames[i])]
                lines.append((prefix + numbers).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A label as a CSV field, quoted when it must be.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        var quoted = "\""
        for c in text { quoted += c == "\"" ? "\"\"" : String(c) }
        return quoted + "\""
    }
}
