import Dispatch
import Foundation
import Testing
@testable import AttnCore

/// The quick helper thread: every item of a job runs exactly once, whichever thread takes it,
/// also when the helper is asleep, busy with another caller's job, or asked from inside a job.
struct QuickHelperTests {
    /// Counts of how often each item ran.
    final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        private var counts: [Int]
        init(_ count: Int) { counts = Array(repeating: 0, count: count) }
        func hit(_ item: Int) { lock.withLock { counts[item] += 1 } }
        var values: [Int] { lock.withLock { counts } }
    }

    @Test func everyItemRunsOnceInManyJobsInARow() {
        for size in [2, 3, 8, 61] {
            for _ in 0..<200 {
                let tally = Tally(size)
                QuickHelper.shared.perform(iterations: size) { tally.hit($0) }
                #expect(tally.values == Array(repeating: 1, count: size))
            }
        }
    }

    @Test func aJobAfterTheHelperFellAsleepStillRunsEveryItem() {
        // Longer than the helper's spin: it sleeps, and the next job wakes it (or is taken back).
        for _ in 0..<3 {
            usleep(UInt32(QuickHelper.spinLimit / 1000) * 3)
            let tally = Tally(16)
            QuickHelper.shared.perform(iterations: 16) { item in
                usleep(200)
                tally.hit(item)
            }
            #expect(tally.values == Array(repeating: 1, count: 16))
        }
    }

    @Test func bothThreadsTakeItemsWhenTheItemsAreSlow() {
        guard AttentionBenchmark.coreCount > 1 else { return }
        final class Callers: @unchecked Sendable {
            let lock = NSLock()
            var names: Set<String> = []
        }
        let callers = Callers()
        let caller = pthread_self()
        // Another suite's pass may hold the helper for a moment (this job then runs on its
        // caller alone): a few tries.
        for _ in 0..<50 where callers.lock.withLock({ callers.names.count }) < 2 {
            QuickHelper.shared.perform(iterations: 8) { _ in
                usleep(2000)
                let name = pthread_equal(pthread_self(), caller) != 0 ? "caller" : "helper"
                callers.lock.withLock { _ = callers.names.insert(name) }
            }
        }
        #expect(callers.lock.withLock { callers.names } == ["helper", "caller"], "the helper did part of the job")
    }

    @Test func aJobInsideAJobAndJobsFromManyThreadsRunOnTheirCaller() {
        let outer = Tally(4)
        let inner = Tally(4 * 5)
        QuickHelper.shared.perform(iterations: 4) { item in
            QuickHelper.shared.perform(iterations: 5) { inner.hit(item * 5 + $0) }
            outer.hit(item)
        }
        #expect(outer.values == Array(repeating: 1, count: 4))
        #expect(inner.values == Array(repeating: 1, count: 20))
        let many = Tally(6 * 40)
        DispatchQueue.concurrentPerform(iterations: 6) { caller in
            for job in 0..<10 {
                QuickHelper.shared.perform(iterations: 4) { many.hit(caller * 40 + job * 4 + $0) }
            }
        }
        #expect(many.values == Array(repeating: 1, count: 240))
    }

    @Test func severalProductsAtOnceGiveTheBitsOfEachAlone() throws {
        // Three projections of T = 128, D = 128 (2^21 multiply-adds each: two bands apiece).
        let (m, n, k) = (128, 128, 128)
        var generator = RandomSource(seed: 5)
        let a = (0..<(m * k)).map { _ in generator.nextNormal() }
        let bs = (0..<3).map { _ in (0..<(k * n)).map { _ in generator.nextNormal() } }
        #expect(BLAS.parallelBandRows(m: m, n: n, k: k) == 64)
        var alone = [[Float]](repeating: [Float](repeating: 0, count: m * n), count: 3)
        for index in 0..<3 {
            try a.withUnsafeBufferPointer { a in
                try bs[index].withUnsafeBufferPointer { b in
                    try alone[index].withUnsafeMutableBufferPointer { c in
                        try BLAS.sgemmInParallelBands(m: m, n: n, k: k, a: a.baseAddress!, lda: k, b: b.baseAddress!,
                                                      ldb: n, c: c.baseAddress!, ldc: n, cancellation: Cancellation())
                    }
                }
            }
        }
        var together = [Float](repeating: .nan, count: 3 * m * n)
        try a.withUnsafeBufferPointer { a in
            try bs[0].withUnsafeBufferPointer { b0 in
                try bs[1].withUnsafeBufferPointer { b1 in
                    try bs[2].withUnsafeBufferPointer { b2 in
                        try together.withUnsafeMutableBufferPointer { c in
                            let products = [b0, b1, b2].enumerated().map { index, b in
                                BLAS.BandedProduct(m: m, n: n, k: k, a: a.baseAddress!, lda: k, b: b.baseAddress!,
                                                   ldb: n, c: c.baseAddress! + index * m * n, ldc: n)
                            }
                            try BLAS.sgemmsInParallelBands(products, cancellation: Cancellation())
                        }
                    }
                }
            }
        }
        for index in 0..<3 {
            #expect(Array(together[(index * m * n)..<((index + 1) * m * n)]) == alone[index],
                    "product \(index) has the bits it has alone")
        }
    }

    @Test func aCancelledJobOfProductsThrows() {
        let (m, n, k) = (256, 64, 64)
        let a = [Float](repeating: 1, count: m * k), b = [Float](repeating: 1, count: k * n)
        var c = [Float](repeating: 0, count: m * n)
        let cancellation = Cancellation()
        cancellation.request()
        #expect(throws: TensorError.self) {
            try a.withUnsafeBufferPointer { a in
                try b.withUnsafeBufferPointer { b in
                    try c.withUnsafeMutableBufferPointer { c in
                        try BLAS.sgemmsInParallelBands([BLAS.BandedProduct(m: m, n: n, k: k, a: a.baseAddress!, lda: k,
                                                                           b: b.baseAddress!, ldb: n,
                                                                           c: c.baseAddress!, ldc: n)],
                                                       cancellation: cancellation)
                    }
                }
            }
        }
    }
}
