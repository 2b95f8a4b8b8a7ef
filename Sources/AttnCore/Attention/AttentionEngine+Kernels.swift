import Foundation

/// The inner loops of the engine: matrix products through BLAS, the
/// row softmax, and dropout.
extension AttentionEngine {
    /// C [m, n] = A·B with A the m×inner matrix starting at `aOffset` in `a`
    /// and B the inner×n matrix at `bOffset` in `b` (or, with `transposeB`,
    /// the n×inner matrix whose transpose is used). All row-major, contiguous.
    static func gemm(_ a: [Float], _ aOffset: Int, _ b: [Float], _ bOffset: Int,
                     m: Int, n: Int, inner: Int, transposeB: Bool = false) throws -> [Float] {
        // Not zero-filled first: with beta = 0 sgemm writes every cell of C
        // (BLAS.sgemm too when the inner size is 0).
        let cancellation = Cancellation.current
        return try [Float](unsafeUninitializedCapacity: m * n) { cBuffer, initialized in
            // Every cell counts as written even when cancelled: the caller throws the buffer away.
            initialized = m * n
            try a.withUnsafeBufferPointer { aBuffer in
                try b.withUnsafeBufferPointer { bBuffer in
                    guard let aBase = aBuffer.baseAddress, let bBase = bBuffer.baseAddress,
                          let cBase = cBuffer.baseAddress else {
                        // An empty operand: the product is zero (or empty).
                        cBuffer.initialize(repeating: 0)
                        return
                    }
                    try BLAS.sgemmInParallelBands(m: m, n: n, k: inner,
                                                  a: aBase + aOffset, lda: inner,
                                                  b: bBase + bOffset, ldb: transposeB ? inner : n, transB: transposeB,
                                                  c: cBase, ldc: n, cancellation: cancellation)
                }
            }
        }
    }

    /// Softmax of one row of `x` in place (`tk` entries from `start`), by
    /// `RowSoftmax` and its policy for NaN, all-blocked and +inf rows; the
    /// fused fast path runs the same kernel, so `run` and `step` give the
    /// same bits.
    static func softmaxRow(_ x: inout [Float], start: Int, count: Int) -> RowSoftmax.Outcome {
        precondition(start >= 0 && count >= 0 && start + count <= x.count, "softmax row \(start)..<\(start + count) outside \(x.count) scalars")
        guard count > 0 else { return .normal }
        return x.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else {
                preconditionFailure("a buffer holding a softmax row of \(count) entries has no base address")
            }
            return RowSoftmax.apply(base + start, count: count, active: 0..<count)
        }
    }

    /// Inverted dropout on P [H, Tq, Tk], in place.
    ///
    /// DECISION (docs/reference.md §3.7): a fresh
    /// `RandomSource(seed: seed)` (the layer's `seed=`, or 0) for every
    /// computation of stage 8, one `nextUniform()` u per weight in row-major
    /// [H, Tq, Tk] order; the weight is kept when u ≥ rate and then scaled
    /// by 1/(1 − rate), else set to 0. So the same layer and input always
    /// drop the same weights, and `step` agrees with `run`.
    static func applyDropout(to weights: inout [Float], rate: Float, seed: UInt64) {
        var random = RandomSource(seed: seed)
        let keepScale = 1 / (1 - rate)
        for index in weights.indices {
            let u = random.nextUniform()
            weights[index] = u >= rate ? weights[index] * keepScale : 0
        }
    }
}
