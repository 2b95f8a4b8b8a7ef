/// Reading the grid's values cell by cell or block by block, with the mask applied.
extension GridPaneModel {
    /// What one drawn cell holds: a value, a blocked cell, or nothing valid.
    enum DrawnValue: Equatable {
        case value(Float)
        case masked
        case invalid
    }

    /// The drawn value of the block of `block`×`block` cells whose top-left is
    /// (row, column) in `head`: the maximum of its allowed, finite values.
    ///
    /// A cell counts as blocked when the mask says so or when it holds −inf
    /// (stage 7 writes −inf where the mask blocks). NaN and +inf are
    /// `invalid` unless some other cell of the block has a real value.
    func drawnValue(head: Int, row: Int, column: Int, block: Int) -> DrawnValue {
        let rows = rowCount, columns = columnCount
        let base = head * rows * columns
        var best = -Float.infinity
        var sawInvalid = false
        var sawValue = false
        let rowEnd = min(rows, row + block), columnEnd = min(columns, column + block)
        var r = row
        while r < rowEnd {
            var c = column
            while c < columnEnd {
                if isAllowed(head: head, row: r, column: c) {
                    let value = tensor.scalars[base + r * columns + c]
                    if value.isFinite {
                        if !sawValue || value > best { best = value }
                        sawValue = true
                    } else if value.isNaN || value > 0 {
                        sawInvalid = true
                    }
                }
                c += 1
            }
            r += 1
        }
        if sawValue { return .value(best) }
        return sawInvalid ? .invalid : .masked
    }

    /// The range of the finite, allowed values over every head; nil when there are none.
    func finiteRange() -> (min: Float, max: Float)? {
        let heads = headCount, rows = rowCount, columns = columnCount
        var low = Float.infinity, high = -Float.infinity
        for head in 0..<heads {
            for row in 0..<rows {
                for column in 0..<columns where isAllowed(head: head, row: row, column: column) {
                    let value = tensor.scalars[(head * rows + row) * columns + column]
                    if value.isFinite {
                        low = min(low, value)
                        high = max(high, value)
                    }
                }
            }
        }
        return low <= high ? (low, high) : nil
    }

    /// Whether any cell is blocked, by the mask or by a −inf value.
    func hasMaskedCells() -> Bool {
        if let mask, mask.scalars.contains(0) { return true }
        return tensor.scalars.contains(-Float.infinity)
    }
}
