/// How a numpy-style matrix product splits into per-batch [m, k] · [k, n] products.
///
/// 1-D operands are promoted (a [k] to [1, k], b [k] to [k, 1]) and the added
/// axis is removed from the result; the batch axes (all but the last two) of
/// both operands broadcast against each other.
struct MatMulPlan {
    let m: Int
    let n: Int
    let k: Int
    /// The result shape, with promoted axes already removed.
    let resultShape: [Int]
    /// Offsets (in elements) of each batch's matrix in a, b and the result.
    let aOffsets: [Int]
    let bOffsets: [Int]
    let batchCount: Int

    init(_ aShape: [Int], _ bShape: [Int]) throws {
        guard !aShape.isEmpty, !bShape.isEmpty else {
            throw TensorError("`@` needs operands of rank 1 or more, got shapes \(Tensor.describe(aShape)) and \(Tensor.describe(bShape))")
        }
        let a = aShape.count == 1 ? [1] + aShape : aShape
        let b = bShape.count == 1 ? bShape + [1] : bShape
        m = a[a.count - 2]
        k = a[a.count - 1]
        n = b[b.count - 1]
        guard b[b.count - 2] == k else {
            throw TensorError("\(TensorError.shapeMismatch("`@`", aShape, bShape).message) (inner dimensions \(k) and \(b[b.count - 2]) differ)")
        }
        let aBatch = Array(a.dropLast(2))
        let bBatch = Array(b.dropLast(2))
        let batch = try Tensor.broadcastShape(aBatch, bBatch, operation: "`@` (batch axes)")
        var shape = batch
        if aShape.count > 1 { shape.append(m) }
        if bShape.count > 1 { shape.append(n) }
        resultShape = shape
        // Also bounds the batch loop below when the result is empty.
        try MemoryLimit.check(shape: batch + [m, n])

        // Each batch index maps to a matrix of a and of b through broadcast
        // strides counted in whole matrices.
        let aStrides = Tensor.broadcastStrides(aBatch, to: batch)
        let bStrides = Tensor.broadcastStrides(bBatch, to: batch)
        var aOffsets: [Int] = []
        var bOffsets: [Int] = []
        let aMatrix = m * k, bMatrix = k * n
        Tensor.forEachBroadcast(batch, [aStrides, bStrides]) { _, offsets in
            aOffsets.append(offsets[0] * aMatrix)
            bOffsets.append(offsets[1] * bMatrix)
        }
        self.aOffsets = aOffsets
        self.bOffsets = bOffsets
        batchCount = aOffsets.count
    }

    /// True when every batch uses the same matrix of b and consecutive
    /// matrices of a, so the whole product is one [batch·m, k] · [k, n] call.
    var foldsIntoOneProduct: Bool {
        guard batchCount > 1 else { return false }
        for batch in 0..<batchCount where bOffsets[batch] != 0 || aOffsets[batch] != batch * m * k {
            return false
        }
        return true
    }
}

extension Tensor {
    /// The matrix product `a @ b` with numpy `matmul` semantics, through BLAS.
    ///
    /// C[..., i, j] = Σ_p A[..., i, p] · B[..., p, j]. 1-D operands are promoted
    /// and the added axis removed (two 1-D operands give a rank-0 dot
    /// product); batch axes broadcast. An inner-dimension mismatch names both
    /// shapes. Each batch matrix is one `cblas_sgemm` call, or the whole
    /// product is one call when b has no batch of its own; a large one is
    /// cut into tiles that Ctrl-C can stop between (`BLAS.sgemmInTiles`).
    public static func matmul(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let plan = try MatMulPlan(a.shape, b.shape)
        let count = plan.batchCount * plan.m * plan.n
        try MemoryLimit.check(elements: count)
        var out = [Float](repeating: 0, count: count)
        let (m, n, k) = (plan.m, plan.n, plan.k)
        let cancellation = Cancellation.current
        try a.scalars.withUnsafeBufferPointer { aBuffer in
            try b.scalars.withUnsafeBufferPointer { bBuffer in
                try out.withUnsafeMutableBufferPointer { cBuffer in
                    guard let aBase = aBuffer.baseAddress, let bBase = bBuffer.baseAddress,
                          let cBase = cBuffer.baseAddress else { return }
                    if plan.foldsIntoOneProduct {
                        // [batch, m, k] · [k, n] is [batch·m, k] · [k, n] in row-major storage.
                        try BLAS.sgemmInTiles(m: plan.batchCount * m, n: n, k: k, a: aBase, lda: k,
                                              b: bBase, ldb: n, c: cBase, ldc: n, cancellation: cancellation)
                        return
                    }
                    for batch in 0..<plan.batchCount {
                        try BLAS.sgemmInTiles(m: m, n: n, k: k,
                                              a: aBase + plan.aOffsets[batch], lda: k,
                                              b: bBase + plan.bOffsets[batch], ldb: n,
                                              c: cBase + batch * m * n, ldc: n, cancellation: cancellation)
                    }
                }
            }
        }
        return Tensor(unchecked: plan.resultShape, scalars: out)
    }

    /// The same product as `matmul` by a plain Swift triple loop, kept as
    /// the readable reference the BLAS path is tested against.
    public static func matmulReference(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let plan = try MatMulPlan(a.shape, b.shape)
        let count = plan.batchCount * plan.m * plan.n
        try MemoryLimit.check(elements: count)
        var out = [Float](repeating: 0, count: count)
        let x = a.scalars, y = b.scalars
        for batch in 0..<plan.batchCount {
            let aBase = plan.aOffsets[batch], bBase = plan.bOffsets[batch]
            let cBase = batch * plan.m * plan.n
            for i in 0..<plan.m {
                for j in 0..<plan.n {
                    var sum: Float = 0
                    for p in 0..<plan.k {
                        sum += x[aBase + i * plan.k + p] * y[bBase + p * plan.n + j]
                    }
                    out[cBase + i * plan.n + j] = sum
                }
            }
        }
        return Tensor(unchecked: plan.resultShape, scalars: out)
    }
}
