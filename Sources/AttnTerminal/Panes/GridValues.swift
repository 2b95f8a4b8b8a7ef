/// The grid's numbers and mask, unpacked once per render for fast cell-by-cell reading.
///
/// Reading through `Tensor` per cell would recompute shapes (and allocate
/// arrays to compare them) tens of thousands of times a frame; this keeps
/// plain arrays and sizes instead.
struct GridValues {
    /// What one drawn cell holds: a value, a blocked cell, or nothing valid.
    enum Drawn: Equatable {
        case value(Float)
        case masked
        case invalid
    }

    let heads: Int
    let rows: Int
    let columns: Int
    let scalars: [Float]
    /// The mask's elements, or empty when nothing is masked (or the mask's shape does not fit).
    let mask: [Float]
    /// Whether the mask has one [Tq, Tk] plane per head (else one shared plane).
    let maskPerHead: Bool

    init(_ model: GridPaneModel) {
        heads = model.headCount
        rows = model.rowCount
        columns = model.columnCount
        scalars = heads > 0 ? model.tensor.scalars : []
        let shape = model.mask?.shape ?? []
        if shape.count == 2 && shape[0] == rows && shape[1] == columns {
            mask = model.mask?.scalars ?? []
            maskPerHead = false
        } else if shape.count == 3 && shape[0] == heads && shape[1] == rows && shape[2] == columns {
            mask = model.mask?.scalars ?? []
            maskPerHead = true
        } else {
            mask = []
            maskPerHead = false
        }
    }

    @inline(__always)
    func isAllowed(head: Int, row: Int, column: Int) -> Bool {
        if mask.isEmpty { return true }
        let plane = maskPerHead ? head * rows * columns : 0
        return mask[plane + row * columns + column] != 0
    }

    /// The drawn value of the block of `block`×`block` cells whose top-left is
    /// (row, column) in `head`: the maximum of its allowed, finite values.
    ///
    /// A cell counts as blocked when the mask says so or when it holds −inf
    /// (stage 7 writes −inf where the mask blocks). NaN and +inf are
    /// `invalid` unless some other cell of the block has a real value.
    func drawn(head: Int, row: Int, column: Int, block: Int) -> Drawn {
        let base = head * rows * columns
        var best = -Float.infinity
        var sawInvalid = false
        var sawValue = false
        let rowEnd = min(rows, row + block), columnEnd = min(columns, column + block)
        var r = max(0, row)
        while r < rowEnd {
            var c = max(0, column)
            while c < columnEnd {
                if isAllowed(head: head, row: r, column: c) {
                    let value = scalars[base + r * columns + c]
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
        var low = Float.infinity, high = -Float.infinity
        for head in 0..<heads {
            for row in 0..<rows {
                for column in 0..<columns where isAllowed(head: head, row: row, column: column) {
                    let value = scalars[(head * rows + row) * columns + column]
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
        mask.contains(0) || scalars.contains(-Float.infinity)
    }
}
