import Testing
@testable import AttnCore

/// The benchmark's sgemm rates at the pass's sizes and the bound they give.
@Suite struct SgemmBoundTests {
    @Test func theBoundAddsTheProjectionAndBlockTimes() throws {
        let bound = try AttentionBenchmark(seq: 96, dModel: 32, heads: 4, repeats: 1).measureSgemm(rounds: 1)
        #expect(bound.projectionRate > 0 && bound.blockRate > 0)
        let config = try LayerConfig.make(name: "bench", dModel: 32, heads: 4)
        #expect(bound.projectionFlops + bound.blockFlops == AttentionBenchmark.flops(config, tq: 96, tk: 96))
        let expected = (bound.projectionFlops / bound.projectionRate + bound.blockFlops / bound.blockRate) / 1e6
        #expect(abs(bound.boundMilliseconds - expected) <= 1e-12 * max(1, expected))
        let line = bound.report(medianMilliseconds: bound.boundMilliseconds * 2)
        #expect(line.hasPrefix("sgemm at these sizes: projections ") && line.hasSuffix("pass at 50.0% of it"))
    }

    @Test func usageDifferencesCountForward() {
        let before = ProcessUsage.now()
        var sink: [Float] = []
        for i in 0..<200_000 { sink.append(Float(i)) }
        let after = ProcessUsage.now().since(before)
        #expect(sink.count == 200_000)
        #expect(after.minorFaults >= 0 && after.majorFaults >= 0 && after.userSeconds >= 0)
        #expect(after.peakBytes > 0)
    }
}
