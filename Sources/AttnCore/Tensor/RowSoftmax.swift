/// The vectorised softmax of one attention row, shared by `step` (stage 8),
/// the fused fast path and the reference, so all three give the same bits.
///
///     p[j] = exp(x[j] − max) / Σ_k exp(x[k] − max)
///
/// Work is done eight lanes at a time on chunks aligned to absolute column
/// numbers (lane = j mod 8), and the eight lane sums are added in one fixed
/// order at the end. Because masked entries contribute exact zeros, any
/// aligned range of columns that covers every unmasked entry gives the same
/// lane sums, and therefore the same bits: the fast path may process only
/// the key blocks a mask leaves open and still agree with `step`, which
/// processes the whole row.
enum RowSoftmax {
    typealias Lanes = SIMD8<Float>
    static let width = 8

    /// Softmax of `row[0 ..< count]` in place, looking only at
    /// `row[active]`; entries outside `active` are taken to be −inf (blocked)
    /// and are written as 0. `active.lowerBound` must be a multiple of 8.
    ///
    /// Special rows, as docs/reference.md §3.6 and `AttentionEngine.SoftmaxRow` describe:
    /// a NaN makes the whole row NaN (`.undefined`); every entry −inf makes
    /// it all zeros (`.allBlocked`); a +inf maximum shares the weight equally
    /// among the +inf entries (the limit of the softmax).
    static func apply(_ row: UnsafeMutablePointer<Float>, count: Int,
                      active: Range<Int>) -> AttentionEngine.SoftmaxRow {
        let (start, end) = (active.lowerBound, active.upperBound)
        var maxLanes = Lanes(repeating: -.infinity)
        var nanLanes = SIMDMask<SIMD8<Int32>>(repeating: false)
        var column = start
        // Masks and replacing rather than pointwiseMax, which the compiler
        // leaves as a call per chunk; NaN lanes never win a comparison and
        // are caught by `nanLanes`.
        while column + width <= end {
            let v = load(row + column)
            nanLanes = nanLanes .| (v .!= v)
            maxLanes.replace(with: v, where: v .> maxLanes)
            column += width
        }
        var sawNaN = any(nanLanes)
        while column < end {
            let v = row[column]
            sawNaN = sawNaN || v.isNaN
            maxLanes[0] = Swift.max(maxLanes[0], v)
            column += 1
        }
        if sawNaN {
            for j in 0..<count { row[j] = .nan }
            return .undefined
        }
        let rowMax = maxLanes.max()
        if rowMax == -.infinity {
            for j in 0..<count { row[j] = 0 }
            return .allBlocked
        }
        if rowMax == .infinity {
            var winners = 0
            for j in active where row[j] == .infinity { winners += 1 }
            let share = 1 / Float(winners)
            for j in 0..<count { row[j] = active.contains(j) && row[j] == .infinity ? share : 0 }
            return .normal
        }
        for j in 0..<start { row[j] = 0 }
        for j in end..<count { row[j] = 0 }

        let maxVector = Lanes(repeating: rowMax)
        var sums = Lanes(repeating: 0)
        column = start
        while column + width <= end {
            let e = exponential(load(row + column) - maxVector)
            store(e, row + column)
            sums += e
            column += width
        }
        let tail = end - column
        if tail > 0 {
            // The last partial chunk, padded with −inf whose exponential is 0.
            var v = Lanes(repeating: -.infinity)
            for lane in 0..<tail { v[lane] = row[column + lane] }
            let e = exponential(v - maxVector)
            for lane in 0..<tail { row[column + lane] = e[lane] }
            sums += e
        }
        // A fixed pairwise order, independent of where the active range starts.
        let halves = sums.lowHalf + sums.highHalf
        let quarters = halves.lowHalf + halves.highHalf
        let total = quarters[0] + quarters[1]
        // One division, then products: a vector division costs several
        // multiplications, and the reciprocal adds at most half an ulp.
        let reciprocal = 1 / total
        let reciprocalVector = Lanes(repeating: reciprocal)
        column = start
        while column + width <= end {
            store(load(row + column) * reciprocalVector, row + column)
            column += width
        }
        while column < end {
            row[column] *= reciprocal
            column += 1
        }
        return .normal
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
