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
        // Above `parallelWork` multiply-adds, so the bands run over the cores at once.
        let (m, n, k) = (600, 130, 90)
        var generator = RandomSource(seed: 7)
        let a = (0..<(m * k)).map { _ in generator.nextNormal() }
        let b = (0..<(k * n)).map { _ in generator.nextNormal() }
        let ldb = transB ? k : n
        // A band's work of 64 rows makes 10 bands here, the last one short.
        let work = 64 * n * k
        #expect(BLAS.parallelBandRows(m: m, n: n, k: k, work: work) == 64)
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
                    try BLAS.sgemmInParallelBands(m: m, n: n, k: k, a: a.baseAddress!, lda: k, b: b.baseAddress!,
                                                  ldb: ldb, transB: transB, c: c.baseAddress!, ldc: n,
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

/// Products of expressions run in tiles of C: rows and, for large ones, columns too.
struct MatMulTileTests {
    @Test func an8000SquareProductIsCutIntoTilesOf256Rows() {
        let tile = BLAS.tileShape(m: 8000, n: 8000, k: 8000)
        #expect(tile.rows == 256)
        #expect(tile.columns >= 256 && tile.columns < 8000)
        #expect(tile.rows * tile.columns * 8000 <= 2 * BLAS.tileWork)
    }

    @Test func smallProductsAreOneTile() {
        let tile = BLAS.tileShape(m: 64, n: 100, k: 64)
        #expect(tile.rows == 64 && tile.columns == 100)
    }

    @Test func tilesInBothDirectionsAgreeWithOneCall() throws {
        let (m, n, k) = (600, 530, 200)
        var generator = RandomSource(seed: 11)
        let a = (0..<(m * k)).map { _ in generator.nextNormal() }
        let b = (0..<(k * n)).map { _ in generator.nextNormal() }
        let work = 256 * 256 * k
        let tile = BLAS.tileShape(m: m, n: n, k: k, work: work)
        #expect(tile.rows == 256 && tile.columns == 256, "3 × 3 tiles, the last ones short")
        var whole = [Float](repeating: 0, count: m * n)
        var tiled = [Float](repeating: .nan, count: m * n)
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                whole.withUnsafeMutableBufferPointer { c in
                    BLAS.sgemm(m: m, n: n, k: k, a: a.baseAddress!, lda: k, b: b.baseAddress!, ldb: n,
                               c: c.baseAddress!, ldc: n)
                }
            }
        }
        try a.withUnsafeBufferPointer { a in
            try b.withUnsafeBufferPointer { b in
                try tiled.withUnsafeMutableBufferPointer { c in
                    try BLAS.sgemmInTiles(m: m, n: n, k: k, a: a.baseAddress!, lda: k, b: b.baseAddress!, ldb: n,
                                          c: c.baseAddress!, ldc: n, cancellation: Cancellation(), work: work)
                }
            }
        }
        let worst = zip(whole, tiled).map { abs($0 - $1) }.max() ?? .nan
        #expect(worst <= 1e-4, "largest difference from one sgemm call: \(worst)")
        #expect(!tiled.contains { $0.isNaN }, "every tile was written")
    }

    @Test func aCancelledProductStopsBeforeTheNextTile() throws {
        let (m, n, k) = (512, 512, 8)
        let a = [Float](repeating: 1, count: m * k)
        let b = [Float](repeating: 1, count: k * n)
        var c = [Float](repeating: -1, count: m * n)
        let cancellation = Cancellation()
        cancellation.request()
        #expect(throws: TensorError.self) {
            try a.withUnsafeBufferPointer { a in
                try b.withUnsafeBufferPointer { b in
                    try c.withUnsafeMutableBufferPointer { c in
                        try BLAS.sgemmInTiles(m: m, n: n, k: k, a: a.baseAddress!, lda: k, b: b.baseAddress!, ldb: n,
                                              c: c.baseAddress!, ldc: n, cancellation: cancellation, work: 256 * 256 * k)
                    }
                }
            }
        }
        #expect(c.allSatisfy { $0 == -1 }, "no tile ran after the request")
    }
}
