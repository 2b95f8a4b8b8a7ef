/// The grid's numbers and mask, unpacked once per render for fast cell-by-cell reading.
///
/// Reading through `Tensor` per cell would recompute shapes (and allocate
/// arrays to compare them) tens of thousands of times a frame; this keeps
/// plain arrays and sizes instead. Whatever needs the whole tensor (its range,
/// whether anything is blocked, aggregated blocks) comes from the model's
/// `GridAggregates`, computed once and shared, so a redraw reads only the
/// cells it draws.
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
    /// The whole-tensor reads, shared with every other render of the same tensor and mask.
    let aggregates: GridAggregates

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
        aggregates = model.shared.aggregates
            ?? GridAggregates(heads: heads, rows: rows, columns: columns, scalars: scalars, mask: mask,
                              maskPerHead: maskPerHead)
    }

    @inline(__always)
    func isAllowed(head: Int, row: Int, column: Int) -> Bool {
        if mask.isEmpty { return true }
        let plane = maskPerHead ? head * rows * columns : 0
        return mask[plane + row * columns + column] != 0
    }

    /// The drawn value of the block of `block`×`block` cells whose top-left is (row, column) in
    /// `head`: the cell itself for block 1, else the block's entry in the aggregated view (its
    /// maximum, or its value of largest magnitude for a signed tensor; see `GridAggregates`).
    ///
    /// A cell counts as blocked when the mask says so or when it holds −inf
    /// (stage 7 writes −inf where the mask blocks). NaN and +inf are
    /// `invalid` unless some other cell of the block has a real value. A block view whose
    /// computation was cancelled (Ctrl-C) draws as invalid.
    func drawn(head: Int, row: Int, column: Int, block: Int) -> Drawn {
        guard row >= 0, row < rows, column >= 0, column < columns, head >= 0, head < heads else { return .masked }
        if block <= 1 {
            guard isAllowed(head: head, row: row, column: column) else { return .masked }
            let value = scalars[(head * rows + row) * columns + column]
            if value.isFinite { return .value(value) }
            return value == -.infinity ? .masked : .invalid
        }
        guard let view = aggregates.view(block: block) else { return .invalid }
        let blockRows = (rows + block - 1) / block, blockColumns = (columns + block - 1) / block
        let value = view[(head * blockRows + row / block) * blockColumns + column / block]
        if value.isFinite { return .value(value) }
        return value.isNaN ? .invalid : .masked
    }

    /// Whether the drawn block of `block`×`block` cells at (row, column) of `head` mixes blocked
    /// and allowed cells (always false for single cells, or while the view is not computed).
    func isPartlyMasked(head: Int, row: Int, column: Int, block: Int) -> Bool {
        guard block > 1, row >= 0, row < rows, column >= 0, column < columns, head >= 0, head < heads,
              let view = aggregates.blockView(block: block) else { return false }
        let blockRows = (rows + block - 1) / block, blockColumns = (columns + block - 1) / block
        return view.partlyBlocked[(head * blockRows + row / block) * blockColumns + column / block]
    }

    /// The range of the finite, allowed values over every head; nil when there are none (or the
    /// pass was cancelled).
    func finiteRange() -> (min: Float, max: Float)? {
        aggregates.summary()?.range
    }

    /// Whether any cell is blocked, by the mask or by a −inf value.
    func hasMaskedCells() -> Bool {
        aggregates.summary()?.hasBlocked ?? !mask.isEmpty
    }

    /// Whether blocks show their value of largest magnitude (the tensor has negative values)
    /// rather than their maximum.
    var aggregatesByMagnitude: Bool {
        aggregates.summary()?.aggregatesByMagnitude ?? false
    }
}
