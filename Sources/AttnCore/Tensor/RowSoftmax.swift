/// The softmax of one row, and the one policy for rows of special values,
/// used by every softmax in attnsh: `softmax()` in the language
/// (`Tensor.softmax`), stage 8 (`step`), the fused fast path (`run`), the
/// reference, training (Float and Double, attention and loss) and the
/// pretrained encoder. So `softmax(attn.masked)` is `attn.P`, bit for bit.
///
///     p[j] = exp(x[j] − max) / Σ_k exp(x[k] − max)
///
/// The policy, checked in this order (see docs/reference.md, stage 8):
///
/// - a row holding a NaN is all NaN (`.undefined`); a caller that can warn
///   does (the `softmax()` function, stage 8);
/// - a row whose entries are all −inf (every key blocked) is all zeros
///   (`.allBlocked`): it has no finite maximum and 0/0 would be NaN;
/// - a row with +inf entries is the limit of the softmax: the weight split
///   equally among the +inf entries, 0 elsewhere (x − max would give
///   inf − inf = NaN for them);
/// - any other row subtracts its maximum before exp() (so no exponential
///   overflows, and the sum is at least 1), then multiplies by 1/sum.
///
/// The arithmetic over the row is the scalar type's (`SoftmaxScalar`):
/// for Float, eight lanes in fixed lane order (`RowSoftmax+Lanes.swift`), run
/// by the widest C kernel the CPU has (`RowKernels`), so that any aligned
/// range covering the open keys gives the same bits and the fast path may
/// skip key blocks a mask leaves closed.
enum RowSoftmax {
    typealias Lanes = SIMD8<Float>
    static let width = 8

    /// How a softmax row turned out.
    enum Outcome: Sendable { case normal, allBlocked, undefined }

    /// Softmax of `row[0 ..< count]` in place, looking only at
    /// `row[active]`; entries outside `active` are taken to be −inf (blocked)
    /// and are written as 0. For Float, `active.lowerBound` must be a
    /// multiple of 8 (`width`) for the lanes, and so the bits, to match a
    /// softmax over the whole row.
    @inline(__always)
    static func apply<S: SoftmaxScalar>(_ row: UnsafeMutablePointer<S>, count: Int,
                                        active: Range<Int>) -> Outcome {
        let (rowMax, sawNaN) = S.softmaxScan(row, active)
        if sawNaN {
            for j in 0..<count { row[j] = .nan }
            return .undefined
        }
        if rowMax == -.infinity {
            for j in 0..<count { row[j] = 0 }
            return .allBlocked
        }
        if rowMax == .infinity {
            var winners = 0
            for j in active where row[j] == .infinity { winners += 1 }
            let share = 1 / S(winners)
            for j in 0..<count { row[j] = active.contains(j) && row[j] == .infinity ? share : 0 }
            return .normal
        }
        for j in 0..<active.lowerBound { row[j] = 0 }
        for j in active.upperBound..<count { row[j] = 0 }
        let total = S.softmaxExponentiate(row, active, maximum: rowMax)
        // One division, then products: a vector division costs several
        // multiplications, and the reciprocal adds at most half an ulp.
        S.softmaxScale(row, active, by: 1 / total)
        return .normal
    }

    /// Softmax of a whole buffer (one row) in place.
    static func apply<S: SoftmaxScalar>(_ row: inout [S]) -> Outcome {
        let count = row.count
        return row.withUnsafeMutableBufferPointer { buffer in
            // An empty row has nothing to normalise (and no base address).
            guard let base = buffer.baseAddress else { return .normal }
            return apply(base, count: count, active: 0..<count)
        }
    }
}
