import Dispatch

/// Matrix products split into bands of rows that run over the cores at once.
extension BLAS {
    /// About how many multiply-adds one parallel band holds: 2^28 is some
    /// 5–10 ms of one core, so Ctrl-C waits at most a band per core.
    // Larger than `bandWork` because each band packs the whole of B again:
    // at T = 4096, D = 1024 bands of 64 rows packed the 4 MiB weight 64 times
    // per projection, bands of 256 rows 16 times.
    static let parallelBandWork = 1 << 28

    /// Above this many multiply-adds (about 20 µs of one core) a product is
    /// split over the cores.
    // At T = 128, D = 128 (2^21 multiply-adds per projection) two bands on the
    // quick helper took the pass from 0.38 to 0.32 ms.
    static let parallelWork = 1 << 20

    /// Up to this many multiply-adds in all, the bands go to the quick helper
    /// thread (`QuickHelper`), which hands work over in well under a
    /// microsecond; above it, to Dispatch, whose wake-up (some 10-50 µs) no
    /// longer counts.
    static let quickWork = 1 << 24

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

    /// One product C [m, n] = A·B (or A·Bᵀ) of `sgemmsInParallelBands`, row-major.
    struct BandedProduct: @unchecked Sendable {
        var m: Int
        var n: Int
        var k: Int
        var a: UnsafePointer<Float>
        var lda: Int
        var b: UnsafePointer<Float>
        var ldb: Int
        var transB = false
        var c: UnsafeMutablePointer<Float>
        var ldc: Int
        var work = parallelBandWork
        /// Called with each band's first row and row count right after its product, on the
        /// thread that computed it (rows another band never touches).
        var finish: (@Sendable (_ start: Int, _ count: Int) -> Void)?

        /// Rows per band and the number of bands.
        var bands: (rows: Int, count: Int) {
            let rows = max(1, parallelBandRows(m: m, n: n, k: k, work: work))
            return (rows, (m + rows - 1) / rows)
        }

        /// Multiply-adds, saturating.
        var multiplyAdds: Int {
            let (nk, overflow) = max(n, 0).multipliedReportingOverflow(by: max(k, 0))
            let (mnk, overflow2) = max(m, 0).multipliedReportingOverflow(by: nk)
            return overflow || overflow2 ? .max : mnk
        }

        /// Rows `start ..< start + count` of C.
        func band(start: Int, count: Int) {
            sgemm(m: count, n: n, k: k, a: a + start * lda, lda: lda, b: b, ldb: ldb, transB: transB,
                  c: c + start * ldc, ldc: ldc)
            finish?(start, count)
        }
    }

    /// C [m, n] = A·B (A not transposed) in bands of `parallelBandRows` rows,
    /// the bands spread over the cores with BLAS on one thread each.
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
        try sgemmsInParallelBands([BandedProduct(m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, transB: transB,
                                                 c: c, ldc: ldc, work: work)],
                                  cancellation: cancellation)
    }

    /// Several independent products at once, every band of every one an item
    /// for the cores: a band's rows and bits are those `sgemmInParallelBands`
    /// gives the product alone. Small jobs go to the quick helper, large ones
    /// to Dispatch; cancellation as `sgemmInParallelBands`.
    static func sgemmsInParallelBands(_ products: [BandedProduct], cancellation: Cancellation) throws {
        var items: [(product: Int, start: Int, count: Int)] = []
        var total = 0
        for (index, product) in products.enumerated() where product.m > 0 {
            let (rows, count) = product.bands
            for band in 0..<count {
                items.append((index, band * rows, min(rows, product.m - band * rows)))
            }
            total = total.addingReportingOverflow(product.multiplyAdds).overflow ? .max : total + product.multiplyAdds
        }
        try cancellation.check()
        let work = items
        try onOneThread {
            guard work.count > 1 else {
                if let only = work.first { products[only.product].band(start: only.start, count: only.count) }
                return
            }
            let band: @Sendable (Int) -> Void = { item in
                if cancellation.isRequested { return }
                let (product, start, count) = work[item]
                products[product].band(start: start, count: count)
            }
            if total <= quickWork {
                QuickHelper.shared.perform(iterations: work.count, band)
            } else {
                DispatchQueue.concurrentPerform(iterations: work.count, execute: band)
            }
            try cancellation.check()
        }
    }
}
