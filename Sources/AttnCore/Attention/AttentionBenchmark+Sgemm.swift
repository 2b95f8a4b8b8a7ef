import Dispatch
#if canImport(Glibc)
import Glibc
#endif

extension AttentionBenchmark {
    /// The rate of the same BLAS at the sizes one pass multiplies, and the
    /// time the pass would take if it did nothing but those products.
    ///
    /// Two kinds of product make up the FLOPs `flops` counts: the four
    /// projections ([T, D]·[D, H·K] and the like, one multi-threaded sgemm
    /// each) and, per head and block of `AttentionEngine.rowBlock` query rows,
    /// the scores [B, K]·[K, T] and P·V [B, T]·[T, K], one thread per block
    /// with the blocks spread over the cores, as the fast path runs them.
    public struct SgemmBound: Sendable {
        /// GFLOP/s of one [T, D]·[D, H·K] product.
        public var projectionRate: Double
        /// GFLOP/s of the block products, every core busy.
        public var blockRate: Double
        /// FLOPs of the projections and of the block products in one pass.
        public var projectionFlops: Double
        public var blockFlops: Double

        /// Milliseconds of one pass at those rates.
        public var boundMilliseconds: Double {
            (projectionFlops / projectionRate + blockFlops / blockRate) / 1e6
        }

        /// One line: the rates, the bound and the pass's share of it.
        public func report(medianMilliseconds: Double) -> String {
            let share = medianMilliseconds > 0 ? boundMilliseconds / medianMilliseconds * 100 : 0
            return "sgemm at these sizes: projections \(AttentionBenchmark.fixed(projectionRate, 1)) GFLOP/s  "
                + "blocks \(AttentionBenchmark.fixed(blockRate, 1)) GFLOP/s  "
                + "bound \(AttentionBenchmark.fixed(boundMilliseconds, 3)) ms  pass at \(AttentionBenchmark.fixed(share, 1))% of it"
        }
    }

    /// Times the pass's products alone (median of `rounds` after a warm-up).
    public func measureSgemm(rounds: Int = 3) throws -> SgemmBound {
        let config = try inputs().config
        let (t, d, h, k) = (seq, config.dModel, config.heads, config.dHead)
        var random = RandomSource(seed: 2)
        let x = try Tensor.randn([t, d], using: &random)
        let w = try Tensor.randn([d, h * k], using: &random)
        let projection = try median(rounds) { _ = try Tensor.matmul(x, w) }
        let keys = try Tensor.randn([t, k], using: &random)
        let queries = try Tensor.randn([AttentionEngine.rowBlock, k], using: &random)
        let blocks = h * ((t + AttentionEngine.rowBlock - 1) / AttentionEngine.rowBlock)
        let block = try median(rounds) { AttentionBenchmark.blockProducts(queries, keys, blocks: blocks) }
        let flops = AttentionBenchmark.flops(config, tq: t, tk: t)
        let blockFlops = 4 * Double(h) * Double(t) * Double(t) * Double(k)
        // Q, K, V and the output: the same [T, D]·[D, H·K] shape when G = H.
        let projectionFlops = flops - blockFlops
        let rowsTimed = Double(blocks * AttentionEngine.rowBlock)
        return SgemmBound(projectionRate: 2 * Double(t) * Double(d) * Double(h * k) / projection / 1e9,
                          blockRate: 4 * rowsTimed * Double(t) * Double(k) / block / 1e9,
                          projectionFlops: projectionFlops, blockFlops: blockFlops)
    }

    /// `blocks` score and P·V products of one block each, over the cores,
    /// BLAS on one thread per call (the fast path's arrangement).
    private static func blockProducts(_ queries: Tensor, _ keys: Tensor, blocks: Int) {
        let (b, t, k) = (queries.shape[0], keys.shape[0], keys.shape[1])
        let workers = max(1, min(blocks, AttentionBenchmark.coreCount))
        BLAS.onOneThread {
            queries.scalars.withUnsafeBufferPointer { q in
                keys.scalars.withUnsafeBufferPointer { kv in
                    let shared = SharedInputs(q: q.baseAddress!, kv: kv.baseAddress!)
                    DispatchQueue.concurrentPerform(iterations: workers) { worker in
                        var scores = [Float](repeating: 0, count: b * t)
                        var z = [Float](repeating: 0, count: b * k)
                        scores.withUnsafeMutableBufferPointer { s in
                            z.withUnsafeMutableBufferPointer { out in
                                for _ in stride(from: worker, to: blocks, by: workers) {
                                    BLAS.sgemm(m: b, n: t, k: k, a: shared.q, lda: k, b: shared.kv, ldb: k,
                                               transB: true, c: s.baseAddress!, ldc: t)
                                    BLAS.sgemm(m: b, n: k, k: t, a: s.baseAddress!, lda: t, b: shared.kv, ldb: k,
                                               c: out.baseAddress!, ldc: k)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The cores online when first asked (sysconf), at least 1.
    // Read once: glibc answers `_SC_NPROCESSORS_ONLN` by opening and reading
    // /sys/devices/system/cpu/online, some 6 µs a call, and a pass at T = 128
    // asked seven times (every split product and every job of the quick helper).
    static let coreCount: Int = {
        #if canImport(Glibc)
        return max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #else
        return 1
        #endif
    }()

    /// Read-only inputs shared by the timing threads.
    private struct SharedInputs: @unchecked Sendable {
        let q: UnsafePointer<Float>
        let kv: UnsafePointer<Float>
    }

    /// The median seconds of `rounds` runs of `body` after one warm-up.
    private func median(_ rounds: Int, _ body: () throws -> Void) throws -> Double {
        let clock = ContinuousClock()
        var times: [Double] = []
        for round in 0...max(rounds, 1) {
            let start = clock.now
            try body()
            let elapsed = clock.now - start
            if round > 0 { times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18) }
        }
        times.sort()
        return times[times.count / 2]
    }
}
