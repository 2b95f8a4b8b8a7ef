import Foundation
import Testing
@testable import AttnCore

/// Head pattern scores and tensor statistics against numpy fixtures
/// (`Fixtures/analysis/make_analysis_fixtures.py`), and the attention cost
/// against hand-computed formulas.
struct AnalysisCoreTests {
    @Test func headPatternScoresMatchNumpy() throws {
        let p = try Fixture.tensor("analysis/patterns_p")  // [3, 5, 5], causal
        let mask = try Fixture.tensor("analysis/patterns_mask")
        let expected = try Fixture.tensor("analysis/patterns_scores")  // [3, 5]
        let labels = ["the", "cat", "the", "dog", "cat"]
        let results = try HeadPatternScores.detect(weights: p, queryLabels: labels, keyLabels: labels, allowed: mask)
        #expect(results.count == 3)
        for result in results {
            for (n, pattern) in HeadPattern.allCases.enumerated() {
                let want = expected.scalars[result.head * 5 + n]
                #expect(abs(result.score(pattern) - want) < 1e-5, "head \(result.head) \(pattern): \(result.score(pattern)) vs \(want)")
            }
        }
    }

    /// Weights [Tq, Tk] with `peak` at (i, key(i)) and the rest shared evenly.
    static func peaked(_ t: Int, peak: Float, key: (Int) -> Int) -> [Float] {
        var values = [Float](repeating: (1 - peak) / Float(t - 1), count: t * t)
        for i in 0..<t { values[i * t + key(i)] = peak }
        return values
    }

    @Test func handBuiltHeadsAreNamedAndRandomIsNot() throws {
        let t = 6
        var random = RandomSource(seed: 11)
        let logits = try Tensor(shape: [t, t], scalars: (0..<(t * t)).map { _ in random.nextUniform() * 2 })
        let randomHead = try Tensor.softmax(logits, dim: -1)
        let scalars = HandBuilt.heads(t) + randomHead.scalars
        let weights = try Tensor(shape: [4, t, t], scalars: scalars)
        let results = try HeadPatternScores.detect(weights: weights)
        #expect(results[0].name == "prev" && results[0].score(.prev) > 0.9)
        #expect(results[1].name == "first" && results[1].score(.first) > 0.9)
        #expect(results[2].name == "diagonal" && results[2].score(.diagonal) > 0.9)
        for pattern in [HeadPattern.prev, .first, .diagonal, .same] {
            #expect(results[3].score(pattern) < 0.5, "random head scores \(pattern) \(results[3].score(pattern))")
        }
        #expect(results[3].name == "broad")
    }

    @Test func sameTokenNeedsRepeatedLabels() throws {
        // Query 2 ("a" again) puts 0.8 on key 0, the earlier "a".
        let weights = try Tensor(shape: [3, 3], scalars: [1, 0, 0, 0, 1, 0, 0.8, 0.1, 0.1])
        let labelled = try HeadPatternScores.detect(weights: weights, queryLabels: ["a", "b", "a"], keyLabels: ["a", "b", "a"])
        // Queries 0 and 2 have a same-label key: (0 + 0.8) / 2.
        #expect(abs(labelled[0].score(.same) - 0.4) < 1e-6)
        let unlabelled = try HeadPatternScores.detect(weights: weights)
        #expect(unlabelled[0].score(.same) == 0)
        #expect(throws: TensorError.self) { try HeadPatternScores.detect(weights: Tensor([1, 2])) }
    }

    @Test func statsMatchNumpy() throws {
        let x = try Fixture.tensor("analysis/stats_x")
        let want = try Fixture.tensor("analysis/stats_expected").scalars
        let stats = TensorStats(x)
        #expect(abs(stats.min - want[0]) < 1e-6 && abs(stats.max - want[1]) < 1e-6)
        #expect(abs(stats.mean - want[2]) < 1e-5 && abs(stats.std - want[3]) < 1e-5)
        #expect(stats.nanCount == Int(want[4]) && stats.positiveInfinityCount == Int(want[5]))
        #expect(stats.negativeInfinityCount == Int(want[6]) && stats.finiteCount == x.count - 4)
        #expect(TensorStats(Tensor([Float.nan])).mean.isNaN)
    }

    /// (D, H, G, T) cases: H = 1, 4, 8, and grouped-query settings.
    @Test(arguments: [(16, 1, 1, 10), (16, 4, 4, 7), (32, 8, 8, 5), (32, 8, 2, 9), (32, 8, 1, 3), (24, 4, 2, 12)])
    func costMatchesHandFormulas(_ d: Int, _ h: Int, _ g: Int, _ t: Int) throws {
        let config = try LayerConfig.make(dModel: d, heads: h, kvHeads: g)
        let k = d / h
        let cost = try AttentionCost(config: config, tq: t)
        #expect(cost.weightParameters == d * h * k + 2 * d * g * k + h * k * d)
        #expect(cost.biasParameters == 0)
        let flops = cost.stages.map(\.flops)
        // X, Q, K, V, scores, scaled, masked, P, Z, concat, out
        let want = [0, 2 * t * d * h * k, 2 * t * d * g * k, 2 * t * d * g * k, 2 * h * t * t * k,
                    2 * h * t * t, 0, 5 * h * t * t, 2 * h * t * t * k, 0, 2 * t * h * k * d]
        #expect(flops == want)
        #expect(cost.totalFlops == want.reduce(0, +))
        let bytes = cost.stages.map(\.bytes)
        #expect(bytes == [t * d, h * t * k, g * t * k, g * t * k, h * t * t, h * t * t, h * t * t, h * t * t,
                          h * t * k, t * h * k, t * d].map { $0 * 4 })
        #expect(cost.kvCacheFloatsPerToken == 2 * g * k)
        #expect(cost.kvCacheFloatsPerTokenWithoutSharing == 2 * h * k)
    }

    @Test func costCountsBiasesPositionsAndDropout() throws {
        var config = try LayerConfig.make(dModel: 8, heads: 2, kvHeads: 1, bias: true, posenc: .rope)
        config.dropout = 0.1
        let (d, h, g, k, t) = (8, 2, 1, 4, 5)
        let cost = try AttentionCost(config: config, tq: t)
        #expect(cost.biasParameters == h * k + 2 * g * k + d)
        let flops = cost.stages.map(\.flops)
        #expect(flops[1] == 2 * t * d * h * k + t * h * k + 3 * t * h * k)
        #expect(flops[2] == 2 * t * d * g * k + t * g * k + 3 * t * g * k)
        #expect(flops[3] == 2 * t * d * g * k + t * g * k)
        #expect(flops[7] == 6 * h * t * t)
        #expect(flops[10] == 2 * t * h * k * d + t * d)
        config.posenc = .alibi
        #expect(try AttentionCost(config: config, tq: t).stages[5].flops == 3 * h * t * t)
        #expect(throws: TensorError.self) { try AttentionCost(config: config, tq: Int.max / 2) }
        #expect(throws: TensorError.self) { try AttentionCost(config: config, tq: 0) }
    }

    @Test func labelledCSVHasHeaderAndQuotedLabels() throws {
        let grid = try Tensor(shape: [2, 1, 2], scalars: [0.5, 0.25, 1, 0])
        let text = try LabelledCSV.encode(grid, rowLabels: ["a,b"], columnLabels: ["x", "y\"z"])
        #expect(text == "head,,x,\"y\"\"z\"\nhead 0,\"a,b\",0.5,0.25\nhead 1,\"a,b\",1.0,0.0\n")
    }
}

/// Hand-built attention weights for pattern tests.
enum HandBuilt {
    /// Three heads [3, T, T]: previous token (0.96 on key i−1; query 0 on
    /// itself), first token (0.96 on key 0), diagonal (0.96 on key i).
    static func heads(_ t: Int) -> [Float] {
        AnalysisCoreTests.peaked(t, peak: 0.96) { max($0 - 1, 0) }
            + AnalysisCoreTests.peaked(t, peak: 0.96) { _ in 0 }
            + AnalysisCoreTests.peaked(t, peak: 0.96) { $0 }
    }
}
