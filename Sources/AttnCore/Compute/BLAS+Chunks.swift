/// Matrix products split into bands of rows, so a long one can be cancelled.
extension BLAS {
    /// About how many multiply-adds one band holds: 2^26 is a few ms of
    /// sgemm on this class of machine, so Ctrl-C waits at most one band.
    static let bandWork = 1 << 26

    /// C [m, n] = A·B (A not transposed), computed one band of rows at a
    /// time with `cancellation.check()` before each band.
    static func sgemmInBands(
        m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int, transB: Bool = false,
        c: UnsafeMutablePointer<Float>, ldc: Int,
        cancellation: Cancellation
    ) throws {
        let (perRow, overflow) = max(n, 1).multipliedReportingOverflow(by: max(k, 1))
        let rows = overflow ? 1 : max(1, bandWork / perRow)
        var start = 0
        repeat {
            try cancellation.check()
            let count = min(rows, m - start)
            sgemm(m: count, n: n, k: k, a: a + start * lda, lda: lda,
                  b: b, ldb: ldb, transB: transB, c: c + start * ldc, ldc: ldc)
            start += count
        } while start < m
    }
}
