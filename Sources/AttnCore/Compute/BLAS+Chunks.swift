/// Band sizes for products split into rows, and products split into tiles so a long one can be cancelled.
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

    /// The rows of one band for a product with n columns and a sum of length k.
    static func bandRows(n: Int, k: Int, work: Int = bandWork) -> Int {
        let (perRow, overflow) = max(n, 1).multipliedReportingOverflow(by: max(k, 1))
        return overflow ? minimumBandRows : max(minimumBandRows, work / perRow)
    }

    /// About how many multiply-adds one tile of `sgemmInTiles` holds: some 10–30 ms of sgemm.
    static let tileWork = 1 << 30
    /// The narrowest edge of a tile (unless C is narrower).
    static let minimumTileEdge = 256

    /// C [m, n] = A·B (A [m, k], B [k, n], not transposed), one tile of C at a time with
    /// `cancellation.check()` before each: for the products of expressions (`a @ b`), where
    /// a tile must stay short however large the matrices are.
    ///
    /// Tiles take whole rows while `minimumTileEdge` rows fit in `work`, and split the
    /// columns too past that. Each tile packs only its own panels of A and B, so a large
    /// product is neither reread per row nor left uncancellable; the last bits can differ
    /// from one call where a tile's edge runs through another micro-kernel. The engine's
    /// stages use `sgemmInParallelBands`, which splits rows only.
    static func sgemmInTiles(
        m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        c: UnsafeMutablePointer<Float>, ldc: Int,
        cancellation: Cancellation, work: Int = tileWork
    ) throws {
        let tile = tileShape(m: m, n: n, k: k, work: work)
        var rowStart = 0
        repeat {
            let rowCount = min(tile.rows, m - rowStart)
            var columnStart = 0
            repeat {
                try cancellation.check()
                let columnCount = min(tile.columns, n - columnStart)
                sgemm(m: rowCount, n: columnCount, k: k, a: a + rowStart * lda, lda: lda,
                      b: b + columnStart, ldb: ldb, c: c + rowStart * ldc + columnStart, ldc: ldc)
                columnStart += columnCount
            } while columnStart < n
            rowStart += rowCount
        } while rowStart < m
    }

    /// The rows and columns of one tile of C for an [m, k]·[k, n] product.
    static func tileShape(m: Int, n: Int, k: Int, work: Int = tileWork) -> (rows: Int, columns: Int) {
        let (perRow, overflow) = max(n, 1).multipliedReportingOverflow(by: max(k, 1))
        let fullRows = overflow ? 0 : work / perRow
        if fullRows >= min(m, minimumTileEdge) {
            return (max(1, min(m, fullRows)), max(n, 1))
        }
        let rows = max(1, min(m, minimumTileEdge))
        let (perColumn, columnOverflow) = rows.multipliedReportingOverflow(by: max(k, 1))
        let columns = columnOverflow ? minimumTileEdge : max(minimumTileEdge, work / perColumn)
        return (rows, max(1, min(n, columns)))
    }
}
