import AttnCore

/// The printed form of a comparison: what plain-mode `view A vs B` shows.
extension TraceComparison {
    /// The name of the difference grid, `Δ = attn − before`.
    public var differenceTitle: String { "Δ = \(request.after) − \(request.before)" }

    /// The title line: `before vs attn · stage 8/11 P [2, 4, 4] · Δ = attn − before`.
    public var title: String {
        "\(request.before) vs \(request.after) · stage \(stage.number)/\(AttentionStage.allCases.count) \(stage.name) \(Tensor.describe(after.shape)) · \(differenceTitle)"
    }

    /// Labelled tables at `precision` digits: for each head A's, B's and the difference's (one
    /// of each for a rank-2 stage), then a line saying what changed.
    public func text(precision: Int) -> String {
        var lines = [title]
        let parts: [(String, Tensor)] = [(request.before, before), (request.after, after), ("Δ", difference)]
        if after.rank == 3, after.count <= TensorFormatter.summaryThreshold {
            for head in 0..<after.shape[0] {
                let headLabels = (try? labels.indexed([.at(head)], shape: after.shape)) ?? AxisLabels([nil, nil])
                let headName = labels.axes.first??[head] ?? "head \(head)"
                for (name, tensor) in parts {
                    guard let slice = try? tensor.indexed([.at(head)]) else { continue }
                    lines.append("\(name) · \(headName)")
                    lines.append(StageFormatter.grids(slice, labels: headLabels, precision: precision))
                }
            }
        } else {
            for (name, tensor) in parts {
                lines.append(name)
                lines.append(StageFormatter.grids(tensor, labels: labels, precision: precision))
            }
        }
        lines.append(changeSummary(precision: precision))
        return lines.joined(separator: "\n")
    }

    /// `changed: 4 of 32 values, in 1 row (head 0 sat); largest |Δ| 0.3000 at head 0, sat → cat`,
    /// or `unchanged: every value of P is equal`.
    public func changeSummary(precision: Int) -> String {
        let values = difference.scalars
        let changed = values.indices.filter { values[$0] != 0 }
        guard let largest = changed.max(by: { abs(values[$0]) < abs(values[$1]) || (abs(values[$0]) == abs(values[$1]) && $0 > $1) }) else {
            return "unchanged: every value of \(stage.name) is equal"
        }
        let shape = difference.shape
        let columns = shape.last ?? 1
        let rowNames = Set(changed.map { $0 / columns }).sorted().map { rowName(flatRow: $0) }
        let listed = rowNames.prefix(6).joined(separator: ", ") + (rowNames.count > 6 ? ", …" : "")
        let where_ = cellName(flat: largest)
        let size = StageFormatter.fixed(abs(values[largest]), precision: precision)
        return "changed: \(changed.count) of \(values.count) values, in \(rowNames.count) row\(rowNames.count == 1 ? "" : "s") (\(listed)); largest |Δ| \(size) at \(where_)"
    }

    /// `head 0 sat`: the head and query of a row of the flattened [..., Tk] difference.
    func rowName(flatRow: Int) -> String {
        let shape = difference.shape
        guard shape.count >= 2 else { return "row \(flatRow)" }
        let rows = shape[shape.count - 2]
        let rowLabel = label(axis: shape.count - 2, flatRow % rows)
        guard shape.count == 3 else { return rowLabel }
        return "\(label(axis: 0, flatRow / rows)) \(rowLabel)"
    }

    /// `head 0, sat → cat`: where one element of the difference is.
    func cellName(flat: Int) -> String {
        let shape = difference.shape
        let columns = shape.last ?? 1
        let column = label(axis: shape.count - 1, flat % columns)
        return shape.count >= 2 ? "\(rowName(flatRow: flat / columns)) → \(column)" : column
    }

    private func label(axis: Int, _ position: Int) -> String {
        guard axis < labels.axes.count, let names = labels.axes[axis], position < names.count else { return String(position) }
        return names[position]
    }
}
