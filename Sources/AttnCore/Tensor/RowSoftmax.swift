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
/// eight-lane vectors in fixed lane order for Float, so that any aligned
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

    /// e^x for each lane of x ≤ 0 (−inf gives 0), within 2 ulp of `expf`.
    ///
    /// Cephes' method: x = n·ln 2 + r with n = round(x / ln 2) and
    /// |r| ≤ ln 2 / 2, e^r by a degree-6 polynomial, times 2^n built from its
    /// exponent bits.
    // Arguments below −87.3 would need a subnormal 2^n; e^x is below the
    // smallest normal float there, and becomes 0 (expf keeps a subnormal,
    // a difference of less than 1.2e-38).
    @inline(__always)
    static func exponential(_ x: Lanes) -> Lanes {
        let lowest: Float = -87.33654
        let tooSmall = x .< Lanes(repeating: lowest)
        let clamped = x.replacing(with: lowest, where: tooSmall)
        // Adding 1.5·2^23 rounds to an integer (to nearest even) and leaves
        // that integer in the low mantissa bits.
        let magic = Lanes(repeating: 12_582_912)
        let shifted = clamped * Lanes(repeating: 1.442_695_04) + magic
        let n = shifted - magic
        // ln 2 in two parts, so that n·ln2_hi is exact and r keeps its digits.
        var r = clamped - n * Lanes(repeating: 0.693_359_375)
        r = r + n * Lanes(repeating: 2.121_944_4e-4)
        var poly = Lanes(repeating: 1.987_569_15e-4)
        poly = poly * r + Lanes(repeating: 1.398_199_95e-3)
        poly = poly * r + Lanes(repeating: 8.333_451_9e-3)
        poly = poly * r + Lanes(repeating: 4.166_579_59e-2)
        poly = poly * r + Lanes(repeating: 1.666_666_55e-1)
        poly = poly * r + Lanes(repeating: 5.000_000_1e-1)
        let er = poly * (r * r) + r + Lanes(repeating: 1)
        let nBits = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- 0x4B40_0000
        let scale = unsafeBitCast((nBits &+ 127) &<< 23, to: Lanes.self)
        return (er * scale).replacing(with: 0, where: tooSmall)
    }

    @inline(__always)
    static func load(_ pointer: UnsafePointer<Float>) -> Lanes {
        UnsafeRawPointer(pointer).loadUnaligned(as: Lanes.self)
    }

    @inline(__always)
    static func load(_ pointer: UnsafeMutablePointer<Float>) -> Lanes {
        UnsafeRawPointer(pointer).loadUnaligned(as: Lanes.self)
    }

    @inline(__always)
    static func store(_ value: Lanes, _ pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: Lanes.self)
    }
}
