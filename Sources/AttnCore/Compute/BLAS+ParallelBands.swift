import Dispatch

/// Matrix products split into bands of rows that run over the cores at once.
extension BLAS {
    /// About how many multiply-adds one parallel band holds: 2^28 is some
    /// 5–10 ms of one core, so Ctrl-C waits at most a band per core.
    // Larger than `bandWork` because each band packs the whole of B again:
    // at T = 4096, D = 1024 bands of 64 rows packed the 4 MiB weight 64 times
    // per projection, bands of 256 rows 16 times.
    static let parallelBandWork = 1 << 28

    /// Above this many multiply-adds (about 0.1 ms of one core) a product is
    /// split over the cores.
    static let parallelWork = 1 << 22

    /// Rows per band: `bandRows`, but at most a core's share (whole multiples
    /// of `minimumBandRows`) once the product is worth splitting.
    static func parallelBandRows(m: Int, n: Int, k: Int, work: Int = parallelBandWork) -> Int {
        let rows = bandRows(n: n, k: k, work: work)
        let (nk, overflow) = max(n, 1).multipliedReportingOverflow(by: max(k, 1))
        let (mnk, overflow2) = max(m, 1).multipliedReportingOverflow(by: nk)
        guard overflow || overflow2 || mnk > parallelWork else { return max(rows, m) }
        let cores = max(1, AttentionBenchmark.coreCount)
        let share = (m + cores - 1) / cores
        let aligned = (share + minimumBandRows - 1) / minimumBandRows * minimumBandRows
        return max(minimumBandRows, min(rows, aligned))
    }

    /// Shared by the bands' threads: each band writes only its own rows of C.
    private struct Operands: @unchecked Sendable {
        let a: UnsafePointer<Float>
        let b: UnsafePointer<Float>
        let c: UnsafeMutablePointer<Float>
    }

    /// C [m, n] = A·B (A not transposed) in bands of `bandRows(n:k:work:)`
    /// rows, the bands spread over the cores with BLAS on one thread each.
    ///
    /// Every call runs on one BLAS thread (`onOneThread`), so the bits do not
    /// depend on OpenBLAS's threads; a product of more than `parallelWork`
    /// multiply-adds has at least one band per core.
    /// Once `cancellation` is requested, bands not yet started are skipped and
    /// the call throws: C is then part-filled and must be thrown away.
    static func sgemmInParallelBands(
        m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int, transB: Bool = false,
        c: UnsafeMutablePointer<Float>, ldc: Int,
        cancellation: Cancellation, work: Int = parallelBandWork
    ) throws {
        let rows = parallelBandRows(m: m, n: n, k: k, work: work)
        let bands = (m + rows - 1) / rows
        try cancellation.check()
        let operands = Operands(a: a, b: b, c: c)
        try onOneThread {
            guard bands > 1 else {
                sgemm(m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, transB: transB, c: c, ldc: ldc)
                return
            }
            DispatchQueue.concurrentPerform(iterations: bands) { band in
                if cancellation.isRequested { return }
                let start = band * rows
                sgemm(m: min(rows, m - start), n: n, k: k, a: operands.a + start * lda, lda: lda,
                      b: operands.b, ldb: ldb, transB: transB, c: operands.c + start * ldc, ldc: ldc)
            }
            try cancellation.check()
        }
    }
}
