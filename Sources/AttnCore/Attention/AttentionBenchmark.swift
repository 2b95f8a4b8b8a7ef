#if canImport(Glibc)
import Glibc
#endif

/// The built-in benchmark of the forward pass (`attnsh bench`, docs/reference.md §12): the
/// same pass `run` makes, timed, with the figures `bench/attention_numpy.py`
/// prints for numpy so the two can be read side by side.
///
/// Inputs are fixed by seed 0: X [T, D] standard normal, then Xavier-uniform
/// Wq, Wk, Wv, Wo drawn in that order. One warm-up run, then `repeats` timed
/// runs of `AttentionFastPath.forward` (every stage `run` keeps: X, Q, K, V,
/// P, Z, concat, out and the mask).
public struct AttentionBenchmark: Sendable {
    public var seq: Int
    public var dModel: Int
    public var heads: Int
    /// G; nil means G = H.
    public var kvHeads: Int?
    public var causal: Bool
    public var repeats: Int

    public init(seq: Int, dModel: Int, heads: Int, kvHeads: Int? = nil, causal: Bool = false, repeats: Int = 5) {
        self.seq = seq
        self.dModel = dModel
        self.heads = heads
        self.kvHeads = kvHeads
        self.causal = causal
        self.repeats = repeats
    }

    /// The figures of one benchmark.
    public struct Result: Sendable {
        public var config: LayerConfig
        public var seq: Int
        public var causal: Bool
        /// Every timed run in milliseconds, sorted.
        public var milliseconds: [Double]
        /// Floating-point operations of one pass (see `flops`).
        public var flops: Double
        /// Peak resident memory of the process, in bytes.
        public var peakBytes: Int
        /// CPU time and page faults of the process over the timed runs (all of them).
        public var usage: ProcessUsage
        /// The same BLAS at the pass's sizes, when measured (`measureSgemm`).
        public var sgemm: SgemmBound?

        /// The middle run (the mean of the two middle ones for an even count).
        public var medianMilliseconds: Double {
            let n = milliseconds.count
            guard n > 0 else { return 0 }
            return n % 2 == 1 ? milliseconds[n / 2] : (milliseconds[n / 2 - 1] + milliseconds[n / 2]) / 2
        }

        public var minimumMilliseconds: Double { milliseconds.first ?? 0 }

        /// GFLOP/s at the median time.
        public var gigaflopsPerSecond: Double {
            medianMilliseconds > 0 ? flops / medianMilliseconds / 1e6 : 0
        }

        /// Two lines in the numpy script's format.
        public var report: String {
            let c = config
            return "attnsh forward  T=\(seq) D=\(c.dModel) H=\(c.heads) G=\(c.kvHeads) K=\(c.dHead)\(causal ? " causal" : "")\n"
                + "median \(AttentionBenchmark.fixed(medianMilliseconds, 3)) ms  min \(AttentionBenchmark.fixed(minimumMilliseconds, 3)) ms  "
                + "\(AttentionBenchmark.fixed(gigaflopsPerSecond, 2)) GFLOP/s  peak \(AttentionBenchmark.fixed(Double(peakBytes) / 1_048_576, 1)) MiB"
                + "\n" + usageLine + (sgemm.map { "\n" + $0.report(medianMilliseconds: medianMilliseconds) } ?? "")
        }

        /// Per timed run: system and user time, minor and major page faults.
        public var usageLine: String {
            let runs = Double(max(milliseconds.count, 1))
            return "per run: system \(AttentionBenchmark.fixed(usage.systemSeconds * 1e3 / runs, 2)) ms  "
                + "user \(AttentionBenchmark.fixed(usage.userSeconds * 1e3 / runs, 2)) ms  "
                + "minor faults \(AttentionBenchmark.fixed(Double(usage.minorFaults) / runs, 1))  "
                + "major faults \(AttentionBenchmark.fixed(Double(usage.majorFaults) / runs, 1))  "
                + "row kernel \(RowKernels.active.name), "
                + (!AttentionFastPath.runsSerially(config, tq: seq, tk: seq) ? "every core"
                   : AttentionBenchmark.coreCount > 1 ? "caller and quick helper" : "one thread")
        }
    }

    /// FLOPs of one pass, as the numpy script counts them: 2·Tq·D·H·K for
    /// Q, 2·2·Tk·D·G·K for K and V, 2·H·Tq·Tk·K for the scores and again for
    /// P·V, 2·Tq·H·K·D for the output. Masked blocks count too, so a causal
    /// run that skips them shows a higher rate.
    public static func flops(_ config: LayerConfig, tq: Int, tk: Int) -> Double {
        let (d, h, g, k) = (Double(config.dModel), Double(config.heads), Double(config.kvHeads), Double(config.dHead))
        let (q, t) = (Double(tq), Double(tk))
        return 2 * q * d * h * k + 4 * t * d * g * k + 4 * h * q * t * k + 2 * q * h * k * d
    }

    /// What one pass reads: the layer, X [T, D] and the weights by name.
    public struct Inputs: Sendable {
        public var config: LayerConfig
        public var input: Tensor
        public var weights: [String: Tensor]
    }

    /// The inputs fixed by seed 0: X standard normal, then Wq, Wk, Wv, Wo.
    public func inputs() throws -> Inputs {
        guard seq > 0 else { throw TensorError("--seq must be a positive number of tokens, got \(seq)") }
        guard repeats > 0 else { throw TensorError("--repeat must be at least 1, got \(repeats)") }
        let config = try LayerConfig.make(name: "bench", dModel: dModel, heads: heads, kvHeads: kvHeads,
                                          masks: causal ? [.causal] : [])
        var random = RandomSource(seed: 0)
        let input = try Tensor.randn([seq, dModel], using: &random)  // [T, D]
        let width = config.heads * config.dHead
        let kvWidth = config.kvHeads * config.dHead
        let weights = [
            "bench.Wq": try Tensor.xavier(dModel, width, using: &random),
            "bench.Wk": try Tensor.xavier(dModel, kvWidth, using: &random),
            "bench.Wv": try Tensor.xavier(dModel, kvWidth, using: &random),
            "bench.Wo": try Tensor.xavier(width, dModel, using: &random),
        ]
        return Inputs(config: config, input: input, weights: weights)
    }

    /// Builds the inputs, warms up, and times `AttentionFastPath.forward` directly.
    public func run() throws -> Result {
        let inputs = try inputs()
        let weights = inputs.weights
        let read: (String) throws -> Tensor = { name in
            guard let tensor = weights[name] else { throw TensorError("the benchmark has no tensor \(name)") }
            return tensor
        }
        return try run(inputs) {
            // The result is dropped before the next run, as `run` replaces a trace.
            _ = try AttentionFastPath.forward(config: inputs.config, read: read, input: inputs.input, kv: nil)
        }
    }

    /// `warmUps` untimed passes, then `repeats` timed ones, with the
    /// process's system time and page faults over the timed ones.
    public func run(_ inputs: Inputs, warmUps: Int = 1, pass: () throws -> Void) throws -> Result {
        for _ in 0..<warmUps { try pass() }
        var times: [Double] = []
        let clock = ContinuousClock()
        let before = ProcessUsage.now()
        for _ in 0..<repeats {
            let start = clock.now
            try pass()
            let elapsed = clock.now - start
            times.append(Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) * 1e-15)
        }
        let usage = ProcessUsage.now().since(before)
        return Result(config: inputs.config, seq: seq, causal: causal, milliseconds: times.sorted(),
                      flops: AttentionBenchmark.flops(inputs.config, tq: seq, tk: seq),
                      peakBytes: AttentionBenchmark.peakResidentBytes(), usage: usage)
    }

    /// The rate of a plain n×n×n sgemm through the same BLAS the forward
    /// pass uses, in GFLOP/s (median of `repeats` after a warm-up): the
    /// machine's ceiling, to set beside the forward pass's rate.
    public static func sgemmRate(size n: Int = 2048, repeats: Int = 5) throws -> Double {
        guard n > 0, repeats > 0 else { throw TensorError("the sgemm size and repeat count must be positive") }
        var random = RandomSource(seed: 1)
        let a = try Tensor.randn([n, n], using: &random)
        let b = try Tensor.randn([n, n], using: &random)
        var times: [Double] = []
        let clock = ContinuousClock()
        for round in 0...repeats {
            let start = clock.now
            _ = try Tensor.matmul(a, b)
            let elapsed = clock.now - start
            if round > 0 {
                times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
            }
        }
        times.sort()
        return 2 * Double(n) * Double(n) * Double(n) / times[times.count / 2] / 1e9
    }

    /// The process's peak resident memory (getrusage's ru_maxrss, KiB on Linux).
    public static func peakResidentBytes() -> Int {
        #if canImport(Glibc)
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
        return usage.ru_maxrss * 1024
        #else
        return 0
        #endif
    }
}

extension AttentionBenchmark {
    /// `value` with `digits` digits after the point (no Foundation needed).
    public static func fixed(_ value: Double, _ digits: Int) -> String {
    guard value.isFinite else { return String(value) }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = (abs(value) * scale).rounded()
    guard scaled < 9e15 else { return String(value) }
    let whole = Int(scaled) / Int(scale)
    let fraction = String(Int(scaled) % Int(scale))
    let padded = String(repeating: "0", count: digits - fraction.count) + fraction
    return (value < 0 ? "-" : "") + String(whole) + (digits > 0 ? "." + padded : "")
    }
}
