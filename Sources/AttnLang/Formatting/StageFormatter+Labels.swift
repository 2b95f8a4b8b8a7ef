import AttnCore

/// Tables of any labelled tensor (a slice of a stage, a snapshot's stage), and the summary
/// lines `step` prints for a stage too large to print whole.
extension StageFormatter {
    /// Most summary lines `step` prints for one stage; the rest are counted.
    public static let summaryLineLimit = 24

    /// `tensor` as labelled tables at `precision` digits: one table per position of the leading
    /// axis of a rank-3 tensor (its label in the corner), one table for rank 2, one row for
    /// rank 1; a plain number for rank 0, and numpy's form above
    /// `TensorFormatter.summaryThreshold` elements or for rank 4.
    public static func grids(_ tensor: Tensor, labels: AxisLabels, precision: Int) -> String {
        guard tensor.rank >= 1, tensor.rank <= 3, tensor.count <= TensorFormatter.summaryThreshold,
              !tensor.shape.contains(0) else {
            return TensorFormatter.format(tensor, precision: precision)
        }
        let (rows, columns) = labels.gridLabels
        if tensor.rank == 1 {
            // One row and no row label: the column before the first cell is dropped.
            let row = table(tensor.scalars, height: 1, width: tensor.count, rows: [""], columns: columns,
                            precision: precision, corner: "")
            return row.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.hasPrefix(" ") ? String($0.dropFirst()) : String($0) }.joined(separator: "\n")
        }
        let matrices = tensor.rank == 3 ? tensor.shape[0] : 1
        let (height, width) = (tensor.shape[tensor.rank - 2], tensor.shape[tensor.rank - 1])
        let leading = tensor.rank == 3 ? labels.axes.first ?? nil : nil
        var tables: [String] = []
        for m in 0..<matrices {
            let base = m * height * width
            let corner = tensor.rank == 3 ? (leading.map { m < $0.count ? $0[m] : String(m) } ?? String(m)) : ""
            tables.append(table(Array(tensor.scalars[base..<(base + height * width)]), height: height, width: width,
                                rows: rows, columns: columns, precision: precision, corner: corner))
        }
        return tables.joined(separator: "\n")
    }

    /// What `step` prints for a stage of more than `TensorFormatter.summaryThreshold` values
    /// (the real model's Q is [12, T, 64]): one line of min, max, mean and std per head (per
    /// token row for a rank-2 stage), and how to print one head in full.
    ///
    /// ```
    /// 6144 values: one line per head; `show bert0.Q[0]` prints head 0 in full
    /// head 0   min -2.1234  max 3.4567  mean 0.0123  std 0.9876
    /// ```
    static func summary(_ tensor: Tensor, name: String, labels: AxisLabels, precision: Int) -> String {
        guard tensor.rank >= 2, let extent = tensor.shape.first, extent > 0 else {
            return TensorFormatter.format(tensor, precision: precision)
        }
        let per = tensor.count / extent
        let names = (labels.axes.first ?? nil) ?? (0..<extent).map { tensor.rank == 3 ? "head \($0)" : String($0) }
        let what = tensor.rank == 3 ? "head" : "row"
        var lines = ["\(tensor.count) values: one line per \(what); `show \(name)[0]` prints \(what) 0 in full"]
        let width = min(names.map(\.count).max() ?? 0, 12)
        func number(_ value: Float) -> String { fixed(value, precision: precision) }
        for index in 0..<min(extent, summaryLineLimit) {
            let part = Tensor(unchecked: [per], scalars: Array(tensor.scalars[(index * per)..<((index + 1) * per)]))
            let stats = TensorStats(part)
            let label = index < names.count ? names[index] : String(index)
            let padded = label.count >= width ? String(label.prefix(width)) : label + String(repeating: " ", count: width - label.count)
            lines.append("\(padded)  min \(number(stats.min))  max \(number(stats.max))  mean \(number(stats.mean))  std \(number(stats.std))")
        }
        if extent > summaryLineLimit {
            lines.append("… \(extent - summaryLineLimit) more \(what)s")
        }
        return lines.joined(separator: "\n")
    }
}
