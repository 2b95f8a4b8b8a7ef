import CBLAS

/// The one doorway to the system BLAS (OpenBLAS); no other file imports CBLAS.
///
/// Matrices are row-major. The attention engine and `Tensor.matmul` call
/// `sgemm` with pointers into tensor storage.
public enum BLAS {
    /// Single-precision general matrix product, row-major:
    /// C = alpha · op(A) · op(B) + beta · C, with op(A) [m, k], op(B) [k, n], C [m, n].
    ///
    /// `lda`, `ldb`, `ldc` are the row strides of A, B, C as stored (for a
    /// transposed operand, the stride of the stored, untransposed matrix).
    /// When any of m, n, k is zero nothing is passed to BLAS: an empty C is
    /// left alone, and for k = 0 the product is zero so C becomes beta · C.
    public static func sgemm(
        m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, lda: Int, transA: Bool = false,
        b: UnsafePointer<Float>, ldb: Int, transB: Bool = false,
        c: UnsafeMutablePointer<Float>, ldc: Int,
        alpha: Float = 1, beta: Float = 0
    ) {
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            // BLAS rejects lda < 1, which a zero inner dimension would give;
            // the empty sum is zero, so only the beta scaling remains.
            for row in 0..<m {
                for column in 0..<n {
                    let index = row * ldc + column
                    c[index] = beta == 0 ? 0 : beta * c[index]
                }
            }
            return
        }
        guard fits(m, n, k, lda, ldb, ldc) else {
            // Past Int32 the C interface cannot express the sizes; a plain
            // loop is slow but correct (and such sizes are rare here).
            for row in 0..<m {
                for column in 0..<n {
                    var sum: Float = 0
                    for inner in 0..<k {
                        let left = transA ? a[inner * lda + row] : a[row * lda + inner]
                        let right = transB ? b[column * ldb + inner] : b[inner * ldb + column]
                        sum += left * right
                    }
                    let index = row * ldc + column
                    c[index] = alpha * sum + (beta == 0 ? 0 : beta * c[index])
                }
            }
            return
        }
        cblas_sgemm(
            CblasRowMajor,
            transA ? CblasTrans : CblasNoTrans,
            transB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k),
            alpha, a, Int32(max(lda, 1)),
            b, Int32(max(ldb, 1)),
            beta, c, Int32(max(ldc, 1)))
    }

    /// The number of threads OpenBLAS splits one call over (process-wide).
    ///
    /// The fast path sets it to 1 while it runs its own threads, each calling
    /// BLAS on a block, and restores it after (`onOneThread`). OpenBLAS splits
    /// a product by rows and columns, never along the sum, but the last bits
    /// can still differ where a split's edge takes another micro-kernel, so
    /// the engine's products never depend on this count.
    public static var threadCount: Int {
        get { Int(openblas_get_num_threads()) }
        set { openblas_set_num_threads(Int32(clamping: newValue)) }
    }

    /// Whether the sizes fit BLAS's 32-bit integers.
    public static func fits(_ sizes: Int...) -> Bool {
        sizes.allSatisfy { $0 <= Int(Int32.max) }
    }
}
