import ArgumentParser
import AttnCore
import AttnLang

/// `attnsh bench`: times the attention forward pass (docs/reference.md §12) and prints the
/// figures `bench/attention_numpy.py` prints for numpy, for a side-by-side
/// comparison on one machine.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attnsh bench",
        abstract: "Time the attention forward pass (every stage `run` keeps).",
        discussion: """
            Inputs come from seed 0 (X standard normal, Xavier weights). Each run is `run X` in one \
            session, replacing the trace before it, as a user repeats it. After one warm-up run, \
            prints the median and minimum milliseconds of the timed runs, GFLOP/s at the median \
            (2·T·D·H·K + 4·T·D·G·K + 4·H·T²·K + 2·T·H·K·D, masked blocks included), the peak \
            resident memory, system and user time and page faults per run, and the rate of the \
            same BLAS at the pass's sizes with the pass's share of it. \
            Compare with: python3 bench/compare.py, or bench/attention_numpy.py (same options).
            """)

    @Option(help: "Sequence length T.")
    var seq: Int

    @Option(help: "Model width D.")
    var dModel: Int

    @Option(help: "Query heads H.")
    var heads: Int

    @Option(help: "Key/value heads G (default H).")
    var kvHeads: Int?

    @Flag(help: "Apply a causal mask.")
    var causal = false

    @Option(name: .customLong("repeat"), help: "Timed runs.")
    var repeats = 5

    @Option(help: "Also time a plain N×N×N sgemm through the same BLAS.")
    var sgemm: Int?

    func run() throws {
        let bench = AttentionBenchmark(seq: seq, dModel: dModel, heads: heads, kvHeads: kvHeads,
                                       causal: causal, repeats: repeats)
        do {
            if let size = sgemm {
                let rate = try AttentionBenchmark.sgemmRate(size: size)
                print("plain sgemm \(size)x\(size)x\(size): \(AttentionBenchmark.fixed(rate, 1)) GFLOP/s")
            }
            var result = try RepeatedRunBenchmark(bench: bench).run()
            result.sgemm = try bench.measureSgemm()
            print(result.report)
        } catch let error as TensorError {
            throw ValidationError(error.message)
        }
    }
}
