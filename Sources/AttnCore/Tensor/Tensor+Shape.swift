extension Tensor {
    /// `.T`: the last two axes swapped ([..., a, b] becomes [..., b, a]);
    /// a tensor of rank below 2 is returned unchanged.
    public var transposedLast: Tensor {
        guard rank >= 2 else { return self }
        var axes = Array(0..<rank)
        axes.swapAt(rank - 2, rank - 1)
        return reordered(axes)
    }

    /// `transpose(x, a, b)`: axes `axisA` and `axisB` swapped (negative
    /// axes count from the end).
    public func transposed(_ axisA: Int, _ axisB: Int) throws -> Tensor {
        guard rank > 0 else { throw TensorError("cannot transpose a scalar (rank 0)") }
        let first = try Tensor.normalizeAxis(axisA, rank: rank)
        let second = try Tensor.normalizeAxis(axisB, rank: rank)
        var axes = Array(0..<rank)
        axes.swapAt(first, second)
        try MemoryLimit.check(shape: shape)
        return reordered(axes)
    }

    /// The tensor with its axes reordered (numpy `transpose(x, axes)`):
    /// result axis i is axis `axes[i]` of self; negative axes count from the end.
    /// Splitting heads, for example: [T, H, K].permuted([1, 0, 2]) is [H, T, K].
    public func permuted(_ axes: [Int]) throws -> Tensor {
        let normalized = try axes.map { try Tensor.normalizeAxis($0, rank: rank) }
        guard normalized.count == rank, Set(normalized).count == rank else {
            throw TensorError("axes \(Tensor.describe(axes)) are not a permutation of the \(rank) axes of shape \(Tensor.describe(shape))")
        }
        try MemoryLimit.check(shape: shape)
        return reordered(normalized)
    }

    /// The tensor with its axes reordered; `axes` is a permutation of 0..<rank.
    private func reordered(_ axes: [Int]) -> Tensor {
        if axes == Array(0..<rank) { return self }
        let newShape = axes.map { shape[$0] }
        let own = strides
        // Reading self through permuted strides walks the result in order.
        let readStrides = axes.map { own[$0] }
        var out = [Float](repeating: 0, count: count)
        let source = scalars
        Tensor.forEachBroadcast(newShape, [readStrides]) { position, offsets in
            out[position] = source[offsets[0]]
        }
        return Tensor(unchecked: newShape, scalars: out)
    }

    /// The same elements in a new shape; one extent may be -1, meaning
    /// whatever makes the element counts agree.
    public func reshaped(_ shape: [Int]) throws -> Tensor {
        let unknown = shape.indices.filter { shape[$0] == -1 }
        guard unknown.count <= 1 else {
            throw TensorError("reshape to \(Tensor.describe(shape)): only one extent may be -1")
        }
        var resolved = shape
        if let axis = unknown.first {
            var known = shape
            known[axis] = 1
            let knownCount = try Tensor.elementCount(of: known)
            guard knownCount > 0, count % knownCount == 0 else {
                throw TensorError("cannot reshape \(Tensor.describe(self.shape)) (\(count) values) to \(Tensor.describe(shape))")
            }
            resolved[axis] = count / knownCount
        }
        var result = self
        try result.reshapeInPlace(resolved)
        return result
    }

    /// The tensors joined along an existing axis `dim` (negative allowed);
    /// all other extents must agree.
    public static func concat(_ tensors: [Tensor], dim: Int) throws -> Tensor {
        guard let first = tensors.first else { throw TensorError("concat needs at least one tensor") }
        guard first.rank > 0 else { throw TensorError("cannot concat scalars (rank 0); use stack") }
        let axis = try normalizeAxis(dim, rank: first.rank)
        var total = 0
        for tensor in tensors {
            guard tensor.rank == first.rank else {
                throw TensorError("concat needs tensors of the same rank: \(describe(first.shape)) and \(describe(tensor.shape))")
            }
            for other in 0..<first.rank where other != axis && tensor.shape[other] != first.shape[other] {
                throw TensorError("shape mismatch in concat along dim \(dim): \(describe(first.shape)) and \(describe(tensor.shape))")
            }
            let (sum, overflow) = total.addingReportingOverflow(tensor.shape[axis])
            guard !overflow else { throw TensorError("concat result is too large") }
            total = sum
        }
        var shape = first.shape
        shape[axis] = total
        let outCount = try elementCount(of: shape)
        try MemoryLimit.check(shape: shape)
        // Row-major: each tensor contributes a contiguous block of
        // extent[axis] · inner values for every outer index.
        let outer = first.shape[..<axis].reduce(1, *)
        let inner = first.shape[(axis + 1)...].reduce(1, *)
        var out: [Float] = []
        out.reserveCapacity(outCount)
        for o in 0..<outer {
            for tensor in tensors {
                let block = tensor.shape[axis] * inner
                out.append(contentsOf: tensor.scalars[(o * block)..<((o + 1) * block)])
            }
        }
        return Tensor(unchecked: shape, scalars: out)
    }

    /// The tensors, all of one shape, joined along a new axis `dim`
    /// (0...rank; negative counts from rank + 1, as numpy).
    public static func stack(_ tensors: [Tensor], dim: Int) throws -> Tensor {
        guard let first = tensors.first else { throw TensorError("stack needs at least one tensor") }
        for tensor in tensors where tensor.shape != first.shape {
            throw TensorError.shapeMismatch("stack", first.shape, tensor.shape)
        }
        guard first.rank < maxRank else {
            throw TensorError("stack of rank-\(first.rank) tensors would exceed the maximum rank of \(maxRank)")
        }
        let axis = try normalizeAxis(dim, rank: first.rank + 1)
        var expanded = first.shape
        expanded.insert(1, at: axis)
        let pieces = try tensors.map { try $0.reshaped(expanded) }
        return try concat(pieces, dim: axis)
    }
}
