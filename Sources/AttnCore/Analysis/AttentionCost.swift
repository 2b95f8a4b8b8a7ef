/// The price of one attention layer for Tq queries and Tk keys: parameters,
/// floating-point operations and memory, split by stage (docs/reference.md §4.5, `cost`).
///
/// With D = d_model, H heads, G kv heads, K = d_head:
///
/// - parameters: weights D·H·K (Wq) + 2·D·G·K (Wk, Wv) + H·K·D (Wo);
///   biases H·K + 2·G·K + D when the layer has them.
/// - FLOPs: a matrix product [m, n]·[n, p] costs 2·m·n·p (one multiply and
///   one add per term). Per stage:
///   1 X: Tq·D additions with posenc=sinusoidal, else 0;
///   2 Q: 2·Tq·D·H·K, + Tq·H·K for bq, + 3·Tq·H·K for RoPE (each rotated
///   element is x·cos − y·sin: two multiplies and one add);
///   3 K: 2·Tk·D·G·K, + Tk·G·K for bk, + 3·Tk·G·K for RoPE;
///   4 V: 2·Tk·D·G·K, + Tk·G·K for bv;
///   5 scores: 2·H·Tq·Tk·K;
///   6 scaled: 2·H·Tq·Tk (× scale, ÷ temperature), + H·Tq·Tk for the ALiBi add;
///   7 masked: 0 (a selection, no arithmetic);
///   8 P: softmax counted as 5 per element (max compare, subtract, exp,
///   sum, divide), 5·H·Tq·Tk, + H·Tq·Tk for dropout's rescale when p > 0;
///   9 Z: 2·H·Tq·Tk·K; 10 concat: 0 (a copy);
///   11 out: 2·Tq·H·K·D, + Tq·D for bo.
/// - memory: every stage tensor is float32, 4 bytes per element of its shape
///   (docs/reference.md §3.2), plus 4 bytes per parameter.
/// - key/value cache: a decoder keeps K and V of every past token, 2·G·K
///   floats per token; with G = H it would be 2·H·K, so grouped-query
///   attention saves 2·(H − G)·K floats per token, a fraction 1 − G/H.
///
/// Every count is checked for overflow: a huge T is an error, not a trap.
public struct AttentionCost: Sendable, Equatable {
    /// The FLOPs and bytes of one stage.
    public struct StageCost: Sendable, Equatable {
        public let stage: AttentionStage
        public let flops: Int
        /// Bytes of the stage tensor (float32).
        public let bytes: Int
    }

    public let tq: Int
    public let tk: Int
    public let weightParameters: Int
    public let biasParameters: Int
    public let stages: [StageCost]
    /// Floats of key/value cache per token: 2·G·K.
    public let kvCacheFloatsPerToken: Int
    /// The same with G = H: 2·H·K.
    public let kvCacheFloatsPerTokenWithoutSharing: Int

    public var parameters: Int { weightParameters + biasParameters }
    public var parameterBytes: Int { parameters * 4 }
    public var totalFlops: Int { stages.reduce(0) { $0 + $1.flops } }
    public var totalStageBytes: Int { stages.reduce(0) { $0 + $1.bytes } }

    /// The cost of `config` for `tq` queries and `tk` keys (tk = tq for self attention).
    public init(config: LayerConfig, tq: Int, tk: Int? = nil) throws {
        let tk = tk ?? tq
        guard tq > 0, tk > 0 else { throw TensorError("cost needs a positive number of tokens, got T=\(min(tq, tk))") }
        let (d, h, g, k) = (config.dModel, config.heads, config.kvHeads, config.dHead)
        let bias = config.bias ? 1 : 0
        let rope = config.posenc == .rope ? 1 : 0
        self.tq = tq
        self.tk = tk
        weightParameters = try Count.sum(Count.product(d, h, k), Count.product(2, d, g, k), Count.product(h, k, d))
        biasParameters = bias * (try Count.sum(h * k, 2 * g * k, d))
        _ = try Count.product(weightParameters + biasParameters, 4)

        let grid = try Count.product(h, tq, tk)
        var rows: [StageCost] = []
        for stage in AttentionStage.allCases {
            let flops: Int
            switch stage {
            case .x: flops = config.posenc == .sinusoidal ? try Count.product(tq, d) : 0
            case .q:
                flops = try Count.sum(Count.product(2, tq, d, h, k), Count.product(bias + 3 * rope, tq, h, k))
            case .k:
                flops = try Count.sum(Count.product(2, tk, d, g, k), Count.product(bias + 3 * rope, tk, g, k))
            case .v: flops = try Count.sum(Count.product(2, tk, d, g, k), Count.product(bias, tk, g, k))
            case .scores, .z: flops = try Count.product(2, grid, k)
            case .scaled: flops = try Count.product(config.posenc == .alibi ? 3 : 2, grid)
            case .masked, .concat: flops = 0
            case .p: flops = try Count.product(config.dropout > 0 ? 6 : 5, grid)
            case .out: flops = try Count.sum(Count.product(2, tq, h, k, d), Count.product(bias, tq, d))
            }
            let elements = try Count.product(stage.shape(config, tq: tq, tk: tk))
            rows.append(StageCost(stage: stage, flops: flops, bytes: try Count.product(elements, 4)))
        }
        stages = rows
        _ = try Count.sum(rows.map(\.flops))
        _ = try Count.sum(rows.map(\.bytes))
        kvCacheFloatsPerToken = 2 * g * k
        kvCacheFloatsPerTokenWithoutSharing = 2 * h * k
    }
}

/// Overflow-checked products and sums for cost figures.
enum Count {
    static func product(_ factors: Int...) throws -> Int { try product(factors) }

    static func product(_ factors: [Int]) throws -> Int {
        var result = 1
        for factor in factors {
            let (next, overflow) = result.multipliedReportingOverflow(by: factor)
            guard !overflow else { throw tooLarge }
            result = next
        }
        return result
    }

    static func sum(_ terms: Int...) throws -> Int { try sum(terms) }

    static func sum(_ terms: [Int]) throws -> Int {
        var result = 0
        for term in terms {
            let (next, overflow) = result.addingReportingOverflow(term)
            guard !overflow else { throw tooLarge }
            result = next
        }
        return result
    }

    static let tooLarge = TensorError("the cost is too large to count (more than 2^63); use a smaller T")
}
