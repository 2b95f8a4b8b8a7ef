/// The positions a numpy basic index selects: one list of positions per axis
/// of the tensor, and the shape of the selection (axes taken by `.at` removed).
struct IndexSelection {
    /// positions[axis] are the selected positions along that axis, in order.
    let positions: [[Int]]
    /// The shape of the selected region as the user sees it.
    let shape: [Int]

    init(_ items: [TensorIndex], shape tensorShape: [Int]) throws {
        guard items.count <= tensorShape.count else {
            throw TensorError("too many indices: \(items.count) for a tensor of rank \(tensorShape.count) (shape \(Tensor.describe(tensorShape)))")
        }
        var positions: [[Int]] = []
        var shape: [Int] = []
        for axis in 0..<tensorShape.count {
            let extent = tensorShape[axis]
            let item = axis < items.count ? items[axis] : TensorIndex.all
            switch item {
            case .at(let index):
                // Adding a non-negative extent to a negative index cannot overflow.
                let resolved = index < 0 ? index + extent : index
                guard resolved >= 0 && resolved < extent else {
                    throw TensorError("index \(index) is out of range for axis \(axis) with extent \(extent)")
                }
                positions.append([resolved])
            case .slice(let start, let stop, let step):
                let selected = try IndexSelection.slicePositions(start: start, stop: stop, step: step, extent: extent)
                positions.append(selected)
                shape.append(selected.count)
            }
        }
        self.positions = positions
        self.shape = shape
    }

    /// The positions of `start:stop:step` on an axis of `extent`, as Python
    /// slices them: negative bounds count from the end, bounds are clamped,
    /// a negative step walks backwards (defaults then run from the end to
    /// before the start).
    static func slicePositions(start: Int?, stop: Int?, step: Int?, extent: Int) throws -> [Int] {
        // -Int.min would overflow; a step that large selects at most one element anyway.
        let step = Swift.max(step ?? 1, -Int.max)
        guard step != 0 else { throw TensorError("slice step cannot be zero") }
        func resolve(_ bound: Int?, default value: Int, low: Int, high: Int) -> Int {
            guard let bound else { return value }
            let shifted = bound < 0 ? bound + extent : bound
            return Swift.min(Swift.max(shifted, low), high)
        }
        if step > 0 {
            let first = resolve(start, default: 0, low: 0, high: extent)
            let end = resolve(stop, default: extent, low: 0, high: extent)
            return walk(from: first, to: end, by: step)
        } else {
            let first = resolve(start, default: extent - 1, low: -1, high: extent - 1)
            let end = resolve(stop, default: -1, low: -1, high: extent - 1)
            return walk(from: first, to: end, by: step)
        }
    }

    /// first, first + step, ... while short of `end`, stopping (instead of
    /// trapping) where a huge step would overflow.
    private static func walk(from first: Int, to end: Int, by step: Int) -> [Int] {
        var result: [Int] = []
        var current = first
        while step > 0 ? current < end : current > end {
            result.append(current)
            let (next, overflow) = current.addingReportingOverflow(step)
            if overflow { break }
            current = next
        }
        return result
    }

    /// Visits every selected element in row-major order of the selection,
    /// passing its flat position in the selection and its offset in the tensor.
    func forEach(strides: [Int], _ body: (_ position: Int, _ offset: Int) -> Void) {
        // Pad to rank 4 with a single position so four loops cover every rank.
        let pad = Tensor.maxRank - positions.count
        let lists = [[Int]](repeating: [0], count: pad) + positions
        let steps = [Int](repeating: 0, count: pad) + strides
        var position = 0
        for i0 in lists[0] {
            for i1 in lists[1] {
                for i2 in lists[2] {
                    for i3 in lists[3] {
                        body(position, i0 * steps[0] + i1 * steps[1] + i2 * steps[2] + i3 * steps[3])
                        position += 1
                    }
                }
            }
        }
    }
}

extension Tensor {
    /// numpy basic indexing: `.at` picks one position and removes the axis,
    /// `.slice` keeps it; missing trailing items mean `:`. An out-of-range
    /// `.at` names the index, axis and extent; more items than axes is an error.
    public func indexed(_ items: [TensorIndex]) throws -> Tensor {
        let selection = try IndexSelection(items, shape: shape)
        let count = try Tensor.elementCount(of: selection.shape)
        try MemoryLimit.check(shape: selection.shape)
        var out = [Float](repeating: 0, count: count)
        let source = scalars
        selection.forEach(strides: strides) { position, offset in
            out[position] = source[offset]
        }
        return Tensor(unchecked: selection.shape, scalars: out)
    }

    /// `x[items] = value`: writes `value`, broadcast to the selected region's
    /// shape, into that region. On error nothing is changed.
    public mutating func assign(_ items: [TensorIndex], _ value: Tensor) throws {
        let selection = try IndexSelection(items, shape: shape)
        // Writing into a tensor the workspace also holds copies all of it.
        try MemoryLimit.check(shape: shape)
        let filled: Tensor
        do {
            filled = try value.broadcast(to: selection.shape)
        } catch {
            throw TensorError("cannot assign a value of shape \(Tensor.describe(value.shape)) to a region of shape \(Tensor.describe(selection.shape))")
        }
        let values = filled.scalars
        let ownStrides = strides
        scalars.withUnsafeMutableBufferPointer { target in
            selection.forEach(strides: ownStrides) { position, offset in
                target[offset] = values[position]
            }
        }
    }
}
