import AttnCore

/// What the grid pane shows for `view A vs B`: two traces' tensors of one stage and their
/// difference, prepared by the caller (`SessionScreen` from a `TraceComparison`).
///
/// `before`, `after` and `difference` are [H, Tq, Tk] or [Tq, Tk], of one shape; the masks,
/// when given, are [Tq, Tk] or [H, Tq, Tk] with 1 = allowed. `cursor.head` is the head whose
/// three grids hold the cursor.
public struct CompareModel: Sendable, Equatable {
    /// A's and B's names (`before`, `attn`).
    public var beforeName: String
    public var afterName: String
    public var before: Tensor
    public var after: Tensor
    /// B − A.
    public var difference: Tensor
    public var beforeMask: Tensor?
    public var afterMask: Tensor?
    public var queryLabels: [String]
    public var keyLabels: [String]
    public var cursor: GridCursor

    public init(beforeName: String, afterName: String, before: Tensor, after: Tensor, difference: Tensor,
                beforeMask: Tensor? = nil, afterMask: Tensor? = nil, queryLabels: [String] = [],
                keyLabels: [String] = [], cursor: GridCursor = GridCursor()) {
        self.beforeName = beforeName
        self.afterName = afterName
        self.before = before
        self.after = after
        self.difference = difference
        self.beforeMask = beforeMask
        self.afterMask = afterMask
        self.queryLabels = queryLabels
        self.keyLabels = keyLabels
        self.cursor = cursor
    }

    /// H for rank 3, 1 for rank 2.
    public var headCount: Int { after.rank == 3 ? after.shape[0] : 1 }
    var rows: Int { after.rank >= 2 ? after.shape[after.rank - 2] : 0 }
    var columns: Int { after.rank >= 2 ? after.shape[after.rank - 1] : 0 }

    /// The three grids of every head as one grid model of 3H panels, [3H, Tq, Tk]: for head h,
    /// panel 3h is A, 3h + 1 is B, 3h + 2 the difference, so all of them share one colour scale.
    /// The difference's cells are masked where both traces mask them.
    func panels() -> GridPaneModel {
        let plane = rows * columns
        var scalars: [Float] = []
        scalars.reserveCapacity(3 * headCount * plane)
        for head in 0..<headCount {
            for tensor in [before, after, difference] {
                scalars += tensor.scalars[(head * plane)..<((head + 1) * plane)]
            }
        }
        let tensor = Tensor(unchecked: [3 * headCount, rows, columns], scalars: scalars)
        var mask: Tensor?
        if beforeMask != nil || afterMask != nil {
            var allowed: [Float] = []
            allowed.reserveCapacity(scalars.count)
            for head in 0..<headCount {
                let a = maskPlane(beforeMask, head: head), b = maskPlane(afterMask, head: head)
                allowed += a
                allowed += b
                allowed += zip(a, b).map { $0 != 0 || $1 != 0 ? 1 : 0 }
            }
            mask = Tensor(unchecked: tensor.shape, scalars: allowed)
        }
        let cursorHead = min(max(0, cursor.head), max(0, headCount - 1))
        return GridPaneModel(tensor: tensor, mask: mask, queryLabels: queryLabels, keyLabels: keyLabels,
                             layout: .grid, cursor: GridCursor(head: 3 * cursorHead + 2, row: cursor.row,
                                                               column: cursor.column))
    }

    /// One head's [Tq, Tk] plane of a mask (shared or per head); all allowed without one.
    private func maskPlane(_ mask: Tensor?, head: Int) -> [Float] {
        let plane = rows * columns
        guard let mask else { return Array(repeating: 1, count: plane) }
        if mask.shape == [rows, columns] { return mask.scalars }
        if mask.shape == [headCount, rows, columns] {
            return Array(mask.scalars[(head * plane)..<((head + 1) * plane)])
        }
        return Array(repeating: 1, count: plane)
    }
}
