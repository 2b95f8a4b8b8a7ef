/// Matrix products split into bands of rows, so a long one can be cancelled.
extension BLAS {
    /// About how many multiply-adds one band holds: 2^26 is a few ms of
    /// sgemm on this class of machine, so Ctrl-C usually waits one band.
    static let bandWork = 1 << 26
    /// The fewest rows a band holds (unless C has fewer). sgemm packs all of
    /// B at every call, so bands of one or two rows turn a large product into
    /// matrix-vector products that reread B per row: an 8000² product cut
    /// into single rows ran ten times slower than in one call. 64 rows keep
    /// a band of 8000² under about 0.1 s.
    static let minimumBandRows = 64

    /// C [m, n] = A·B (A not transposed), computed one band of rows at a
    /// time with `cancellation.check()` before each band.
    ///
    /// Every band sums over the whole of k with the whole of B, so it agrees
    /// with one call to rounding; the last bits can differ where a band's
    /// short remainder runs through another BLAS micro-kernel.
    static func sgemmInBands(
        m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int, transB: Bool = false,
        c: UnsafeMutablePointer<Float>, ldc: Int,
        cancellation: Cancellation, work: Int = bandWork
    ) throws {
        let rows = bandRows(n: n, k: k, work: work)
        var start = 0
        repeat {
            try cancellation.check()
            let count = min(rows, m - start)
            sgemm(m: count, n: n, k: k, a: a + start * lda, lda: lda,
                  b: b, ldb: ldb, transB: transB, c: c + start * ldc, ldc: ldc)
            start += count
        } while start < m
    }

    /// The rows of one band for a product with n columns and a sum of length k.
    static func bandRows(n: Int, k: Int, work: Int = bandWork) -> Int {
        let (perRow, overflow) = max(n, 1).multipliedReportingOverflow(by: max(k, 1))
        return overflow ? minimumBandRows : max(minimumBandRows, work / perRow)
    }
}
