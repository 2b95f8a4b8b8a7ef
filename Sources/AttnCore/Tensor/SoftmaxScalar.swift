import Foundation

/// A floating-point type the row softmax runs in: `Float` for attention and
/// training, `Double` for training's gradient-check twin and the loss.
///
/// Each type supplies the three loops that touch every entry of a row (the
/// scan for the maximum, the exponentials and their sum, the scaling), so
/// `Float` can keep its vectorised lanes; what a row of special values gives
/// is decided once, in `RowSoftmax.apply`, for both types.
public protocol SoftmaxScalar: BinaryFloatingPoint, Sendable {
    /// The largest of `row[range]` (−inf for an empty range) and whether any is NaN.
    static func softmaxScan(_ row: UnsafePointer<Self>, _ range: Range<Int>) -> (maximum: Self, sawNaN: Bool)

    /// Writes e^(row[j] − maximum) over `range` and returns their sum.
    ///
    /// `maximum` is finite and no entry is NaN or above it, so every
    /// argument lies in [−inf, 0]: no exponential overflows.
    static func softmaxExponentiate(_ row: UnsafeMutablePointer<Self>, _ range: Range<Int>,
                                    maximum: Self) -> Self

    /// row[j] · factor over `range`.
    static func softmaxScale(_ row: UnsafeMutablePointer<Self>, _ range: Range<Int>, by factor: Self)
}

extension Float: SoftmaxScalar {
    /// Eight lanes at a time on chunks aligned to absolute column numbers
    /// (lane = j mod 8); `range.lowerBound` must be a multiple of 8.
    public static func softmaxScan(_ row: UnsafePointer<Float>, _ range: Range<Int>) -> (maximum: Float, sawNaN: Bool) {
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
    public static func softmaxExponentiate(_ row: UnsafeMutablePointer<Float>, _ range: Range<Int>,
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

    public static func softmaxScale(_ row: UnsafeMutablePointer<Float>, _ range: Range<Int>, by factor: Float) {
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
}

extension Double: SoftmaxScalar {
    /// One entry at a time: Double rows are short (training's gradient
    /// checks and the loss over a small vocabulary).
    public static func softmaxScan(_ row: UnsafePointer<Double>, _ range: Range<Int>) -> (maximum: Double, sawNaN: Bool) {
        var maximum = -Double.infinity
        var sawNaN = false
        for j in range {
            sawNaN = sawNaN || row[j].isNaN
            maximum = Swift.max(maximum, row[j])
        }
        return (maximum, sawNaN)
    }

    public static func softmaxExponentiate(_ row: UnsafeMutablePointer<Double>, _ range: Range<Int>,
                                           maximum: Double) -> Double {
        var total = 0.0
        for j in range {
            row[j] = Foundation.exp(row[j] - maximum)
            total += row[j]
        }
        return total
    }

    public static func softmaxScale(_ row: UnsafeMutablePointer<Double>, _ range: Range<Int>, by factor: Double) {
        for j in range { row[j] *= factor }
    }
}
