/// The Float row arithmetic in Swift's eight-lane vectors: the definition
/// every C kernel (`RowKernels`) reproduces bit for bit, and what the tests
/// hold them to. The softmax itself runs the kernels.
///
/// Lane = column mod 8 on chunks aligned to absolute column numbers; no fused
/// multiply-add (Swift does not contract `a * b + c`); the eight lane sums
/// added in one fixed pairwise order.
extension RowSoftmax {
    /// Eight lanes at a time on chunks aligned to absolute column numbers
    /// (lane = j mod 8); `range.lowerBound` must be a multiple of 8.
    static func lanesScan(_ row: UnsafePointer<Float>, _ range: Range<Int>) -> (maximum: Float, sawNaN: Bool) {
        typealias Lanes = RowSoftmax.Lanes
        var maxLanes = Lanes(repeating: -.infinity)
        var nanLanes = SIMDMask<SIMD8<Int32>>(repeating: false)
        var column = range.lowerBound
        // Masks and replacing rather than pointwiseMax, which the compiler
        // leaves as a call per chunk; NaN lanes never win a comparison and
        // are caught by `nanLanes`.
        while column + RowSoftmax.width <= range.upperBound {
            let v = RowSoftmax.load(row + column)
            nanLanes = nanLanes .| (v .!= v)
            maxLanes.replace(with: v, where: v .> maxLanes)
            column += RowSoftmax.width
        }
        var sawNaN = any(nanLanes)
        while column < range.upperBound {
            let v = row[column]
            sawNaN = sawNaN || v.isNaN
            maxLanes[0] = Swift.max(maxLanes[0], v)
            column += 1
        }
        return (maxLanes.max(), sawNaN)
    }

    /// The eight lane sums are added in one fixed pairwise order at the end.
    /// Because blocked entries contribute exact zeros, any aligned range of
    /// columns that covers every open entry gives the same lane sums, and
    /// therefore the same bits.
    static func lanesExponentiate(_ row: UnsafeMutablePointer<Float>, _ range: Range<Int>,
                                        maximum: Float) -> Float {
        typealias Lanes = RowSoftmax.Lanes
        let maxVector = Lanes(repeating: maximum)
        var sums = Lanes(repeating: 0)
        var column = range.lowerBound
        while column + RowSoftmax.width <= range.upperBound {
            let e = RowSoftmax.exponential(RowSoftmax.load(row + column) - maxVector)
            RowSoftmax.store(e, row + column)
            sums += e
            column += RowSoftmax.width
        }
        let tail = range.upperBound - column
        if tail > 0 {
            // The last partial chunk, padded with −inf whose exponential is 0.
            var v = Lanes(repeating: -.infinity)
            for lane in 0..<tail { v[lane] = row[column + lane] }
            let e = RowSoftmax.exponential(v - maxVector)
            for lane in 0..<tail { row[column + lane] = e[lane] }
            sums += e
        }
        // A fixed pairwise order, independent of where the range starts.
        let halves = sums.lowHalf + sums.highHalf
        let quarters = halves.lowHalf + halves.highHalf
        return quarters[0] + quarters[1]
    }

    static func lanesScale(_ row: UnsafeMutablePointer<Float>, _ range: Range<Int>, by factor: Float) {
        let factorVector = RowSoftmax.Lanes(repeating: factor)
        var column = range.lowerBound
        while column + RowSoftmax.width <= range.upperBound {
            RowSoftmax.store(RowSoftmax.load(row + column) * factorVector, row + column)
            column += RowSoftmax.width
        }
        while column < range.upperBound {
            row[column] *= factor
            column += 1
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
