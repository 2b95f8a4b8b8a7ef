import Foundation

/// A floating-point type the row softmax runs in: `Float` for attention and
/// training, `Double` for training's gradient-check twin and the loss.
///
/// Each type supplies the three loops that touch every entry of a row (the
/// scan for the maximum, the exponentials and their sum, the scaling), so
/// `Float` can run its vector kernels (`RowKernels`); what a row of special values gives
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
    /// By the active C kernel (`RowKernels`), which gives the bits of
    /// `RowSoftmax.lanesScan`; `range.lowerBound` must be a multiple of 8.
    @inline(__always)
    public static func softmaxScan(_ row: UnsafePointer<Float>, _ range: Range<Int>) -> (maximum: Float, sawNaN: Bool) {
        RowKernels.scan(row, range)
    }

    /// By the active C kernel, with `RowSoftmax.lanesExponentiate`'s lane sums
    /// and their order: any aligned range of columns that covers every open
    /// entry gives the same bits.
    @inline(__always)
    public static func softmaxExponentiate(_ row: UnsafeMutablePointer<Float>, _ range: Range<Int>,
                                           maximum: Float) -> Float {
        RowKernels.exponentiate(row, range, maximum: maximum)
    }

    @inline(__always)
    public static func softmaxScale(_ row: UnsafeMutablePointer<Float>, _ range: Range<Int>, by factor: Float) {
        RowKernels.scale(row, range, by: factor)
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
