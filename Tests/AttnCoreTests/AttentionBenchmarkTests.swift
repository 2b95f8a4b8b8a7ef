import Foundation
import Testing
@testable import AttnCore

/// The benchmark's figures and its agreement with the numpy script.
@Suite struct AttentionBenchmarkTests {
    /// The FLOP formula as `bench/attention_numpy.py` writes it, read from
    /// the script itself so the two cannot drift apart unnoticed.
    @Test func flopFormulaIsTheNumpyScripts() throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("bench/attention_numpy.py")
        let text = try String(contentsOf: script, encoding: .utf8)
        let line = "flops = 2 * t * d * h * k_dim + 4 * t * d * g * k_dim + 4 * h * t * t * k_dim + 2 * t * h * k_dim * d"
        #expect(text.contains(line), "the numpy script's formula changed; change AttentionBenchmark.flops with it")
        for (t, d, h, g) in [(128, 128, 4, 4), (512, 512, 8, 2), (7, 12, 3, 1)] {
            let config = try LayerConfig.make(dModel: d, heads: h, kvHeads: g)
            let k = d / h
            let expected = Double(2 * t * d * h * k + 4 * t * d * g * k + 4 * h * t * t * k + 2 * t * h * k * d)
            #expect(AttentionBenchmark.flops(config, tq: t, tk: t) == expected)
        }
    }

    @Test func aSmallRunReportsItsFigures() throws {
        let result = try AttentionBenchmark(seq: 20, dModel: 16, heads: 4, kvHeads: 2, causal: true, repeats: 4).run()
        #expect(result.milliseconds.count == 4)
        #expect(result.milliseconds == result.milliseconds.sorted())
        #expect(result.minimumMilliseconds <= result.medianMilliseconds)
        #expect(result.medianMilliseconds == (result.milliseconds[1] + result.milliseconds[2]) / 2)
        #expect(result.gigaflopsPerSecond > 0)
        #expect(result.peakBytes > 0)
        let lines = result.report.split(separator: "\n")
        #expect(lines.first == "attnsh forward  T=20 D=16 H=4 G=2 K=4 causal")
        #expect(lines.dropFirst().first?.hasPrefix("median ") == true && lines.dropFirst().first?.contains(" GFLOP/s  peak ") == true)
        #expect(lines.last?.hasPrefix("per run: system ") == true)
        #expect(result.usage.userSeconds + result.usage.systemSeconds > 0)
    }

    @Test(arguments: [(0, 1), (4, 0)])
    func badSizesAreErrors(seq: Int, repeats: Int) {
        #expect(throws: TensorError.self) {
            try AttentionBenchmark(seq: seq, dModel: 8, heads: 2, repeats: repeats).run()
        }
    }

    @Test(arguments: [(1.5, 3, "1.500"), (0.04999, 2, "0.05"), (1234.5678, 1, "1234.6"), (-2, 1, "-2.0")])
    func fixedPointText(value: Double, digits: Int, text: String) {
        #expect(AttentionBenchmark.fixed(value, digits) == text)
    }
}
