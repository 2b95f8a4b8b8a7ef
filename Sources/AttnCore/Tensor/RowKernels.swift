import CRowKernels

#if canImport(Glibc)
import Glibc
#endif

/// The row softmax's loops over Float rows in C, compiled for each vector
/// width and chosen at run time: the one doorway to CRowKernels.
///
/// Three kernels do the same arithmetic as `RowSoftmax`'s eight Swift lanes
/// (`RowSoftmax+Lanes.swift`), bit for bit: portable C (the baseline build,
/// any CPU), AVX2 (eight lanes per instruction) and AVX-512 (sixteen columns
/// per instruction, masked tails). Every Float softmax in the process runs
/// `active`, so `step`, `run` and `softmax()` keep giving the same bits; the
/// choice changes only the speed (docs/reference.md, `attnsh bench`).
public enum RowKernels {
    /// One of the compiled widths.
    public enum Kernel: Int32, Sendable, CaseIterable {
        case portable = 0
        case avx2 = 1
        case avx512 = 2

        /// The name `ATTNSH_ROW_KERNEL` takes and `attnsh bench` prints.
        public var name: String {
            switch self {
            case .portable: "portable"
            case .avx2: "avx2"
            case .avx512: "avx512"
            }
        }

        /// Whether this CPU (and its operating system) can run the kernel.
        public var isSupported: Bool { attn_row_kernel_supported(rawValue) != 0 }
    }

    /// The widest kernel the CPU supports.
    public static var best: Kernel { Kernel(rawValue: attn_row_kernel_best()) ?? .portable }

    /// The kernel every Float row softmax runs: `ATTNSH_ROW_KERNEL` when it
    /// names a supported one (to measure one against another), else `best`.
    public static let active: Kernel = {
        if let requested = getenv("ATTNSH_ROW_KERNEL").map({ String(cString: $0) }),
           let kernel = Kernel.allCases.first(where: { $0.name == requested }), kernel.isSupported {
            return kernel
        }
        return best
    }()

    /// The largest of `row[range]` (−inf for an empty range) and whether one is NaN;
    /// `range.lowerBound` is a multiple of 8.
    @inline(__always)
    static func scan(_ row: UnsafePointer<Float>, _ range: Range<Int>,
                     kernel: Kernel = active) -> (maximum: Float, sawNaN: Bool) {
        var sawNaN: Int32 = 0
        let maximum = attn_row_scan(kernel.rawValue, row, range.lowerBound, range.upperBound, &sawNaN)
        return (maximum, sawNaN != 0)
    }

    /// e^(row[j] − maximum) over `range`, returning their sum (lane sums in `RowSoftmax`'s order).
    @inline(__always)
    static func exponentiate(_ row: UnsafeMutablePointer<Float>, _ range: Range<Int>, maximum: Float,
                             kernel: Kernel = active) -> Float {
        attn_row_exponentiate(kernel.rawValue, row, range.lowerBound, range.upperBound, maximum)
    }

    /// row[j] · factor over `range`.
    @inline(__always)
    static func scale(_ row: UnsafeMutablePointer<Float>, _ range: Range<Int>, by factor: Float,
                      kernel: Kernel = active) {
        attn_row_scale(kernel.rawValue, row, range.lowerBound, range.upperBound, factor)
    }

    /// row[j] · factor / divisor over `range` (stage 6's scale, then its temperature).
    @inline(__always)
    static func scale(_ row: UnsafeMutablePointer<Float>, _ range: Range<Int>, by factor: Float,
                      dividedBy divisor: Float, kernel: Kernel = active) {
        attn_row_scale_divide(kernel.rawValue, row, range.lowerBound, range.upperBound, factor, divisor)
    }
}
