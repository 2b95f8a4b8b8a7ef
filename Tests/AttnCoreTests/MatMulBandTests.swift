import Testing
@testable import AttnCore

/// Long matrix products run in bands of rows (for Ctrl-C); the bands must
/// agree with one sgemm call to rounding and stay tall enough to be fast.
struct MatMulBandTests {
    @Test func largeProductsKeepBandsOfAtLeast64Rows() {
        #expect(BLAS.bandRows(n: 8000, k: 8000) == 64)
        #expect(BLAS.bandRows(n: 12000, k: 12000) == 64)
        #expect(BLAS.bandRows(n: Int.max / 2, k: 4) == 64)
        #expect(BLAS.bandRows(n: 64, k: 64) == (1 << 26) / 4096)
    }

    @Test(arguments: [false, true])
    func bandsAgreeWithOneCall(transB: Bool) throws {
        let (m, n, k) = (300, 130, 90)
        var generator = RandomSource(seed: 7)
        let a = (0..<(m * k)).map { _ in generator.nextNormal() }
        let b = (0..<(k * n)).map { _ in generator.nextNormal() }
        let ldb = transB ? k : n
        // A band's work of 64 rows makes 5 bands here, the last one short.
        let work = 64 * n * k
        #expect(BLAS.bandRows(n: n, k: k, work: work) == 64)
        var whole = [Float](repeating: 0, count: m * n)
        var banded = [Float](repeating: .nan, count: m * n)
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                whole.withUnsafeMutableBufferPointer { c in
                    BLAS.sgemm(m: m, n: n, k: k, a: a.baseAddress!, lda: k, b: b.baseAddress!, ldb: ldb,
                               transB: transB, c: c.baseAddress!, ldc: n)
                }
            }
        }
        try a.withUnsafeBufferPointer { a in
            try b.withUnsafeBufferPointer { b in
                try banded.withUnsafeMutableBufferPointer { c in
                    try BLAS.sgemmInBands(m: m, n: n, k: k, a: a.baseAddress!, lda: k, b: b.baseAddress!, ldb: ldb,
                                          transB: transB, c: c.baseAddress!, ldc: n,
                                          cancellation: Cancellation(), work: work)
                }
            }
        }
        // Sums of 90 normal products: |c| is about 10; float32 rounding over 90 terms stays below 1e-4.
        let worst = zip(whole, banded).map { abs($0 - $1) }.max() ?? .nan
        #expect(worst <= 1e-4, "largest difference from one sgemm call: \(worst)")
        #expect(!banded.contains { $0.isNaN }, "every band was written")
    }
}
