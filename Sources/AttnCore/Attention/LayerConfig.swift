/// The settings of one attention layer (docs/reference.md §3.1): its dimensions, how its
/// weights start, and the options that change the forward pass.
///
/// Dimensions: D = `dModel`, H = `heads`, K = `dHead`, G = `kvHeads`.
/// The weights are `NAME.Wq` [D, H·K], `NAME.Wk` [D, G·K], `NAME.Wv` [D, G·K],
/// `NAME.Wo` [H·K, D] (see `LayerWeights`). Build one with `make(...)`, which
/// validates; after changing a `var` setting call `validate()`.
public struct LayerConfig: Sendable, Equatable {
    /// How `LayerWeights.initialise` fills the weight matrices.
    public enum InitScheme: String, Sendable, Equatable, CaseIterable {
        case xavier, normal, identity, zeros
    }

    /// The layer's name, the prefix of its tensors (`attn.Wq`, `attn.P`).
    public var name: String
    /// D, the width of a token vector.
    public private(set) var dModel: Int
    /// H, the number of query heads.
    public private(set) var heads: Int
    /// K, the width of one head.
    public private(set) var dHead: Int
    /// G, the number of key/value heads; query head h uses kv head h / (H / G).
    public private(set) var kvHeads: Int
    /// Whether K was given (`d_head=`) rather than derived as D / H.
    public private(set) var dHeadIsExplicit: Bool
    /// Whether G was given (`kv_heads=`) rather than defaulting to H.
    public private(set) var kvHeadsIsExplicit: Bool
    /// Whether the projections have biases `bq`, `bk`, `bv`, `bo`.
    public var bias: Bool
    public var initScheme: InitScheme
    /// Seeds weight initialisation and dropout; nil uses the global generator
    /// for weights and seed 0 for dropout.
    public var seed: UInt64?
    /// Divides the scaled scores (stage 6); must be positive.
    public var temperature: Float
    /// Multiplies the scores (stage 6); nil means 1/sqrt(K).
    public var scale: Float?
    /// Probability of zeroing an attention weight at stage 8, in [0, 1).
    public var dropout: Float
    public var posenc: PositionalEncoding
    /// The RoPE base: pair i of a head vector turns by p · base^(−2i/K).
    public var ropeBase: Double
    /// The masks in force, combined by AND; empty means every key is allowed.
    public var masks: [MaskSpec]
    /// Query heads whose output Z is forced to zero (`ablate`).
    public var ablated: Set<Int>

    /// The scale actually applied at stage 6: `scale`, or 1/sqrt(K).
    public var effectiveScale: Float {
        scale ?? Float(1.0 / Double(dHead).squareRoot())
    }

    /// How many query heads share one kv head: H / G.
    public var headsPerKVHead: Int { heads / kvHeads }

    /// The kv head that query head `h` reads: floor(h / (H / G)).
    public func kvHead(forQueryHead h: Int) -> Int { h / headsPerKVHead }

    /// Makes a validated configuration; K defaults to D / H and G to H.
    public static func make(
        name: String = "attn", dModel: Int, heads: Int, dHead: Int? = nil, kvHeads: Int? = nil,
        bias: Bool = false, initScheme: InitScheme = .xavier, seed: UInt64? = nil,
        temperature: Float = 1, scale: Float? = nil, dropout: Float = 0,
        posenc: PositionalEncoding = .none, ropeBase: Double = 10000,
        masks: [MaskSpec] = [], ablated: Set<Int> = []
    ) throws -> LayerConfig {
        guard dModel > 0 else { throw TensorError("d_model must be positive, got \(dModel)") }
        guard heads > 0 else { throw TensorError("heads must be positive, got \(heads)") }
        let resolvedHead: Int
        if let dHead {
            guard dHead > 0 else { throw TensorError("d_head must be positive, got \(dHead)") }
            resolvedHead = dHead
        } else {
            guard dModel % heads == 0 else {
                throw TensorError("heads=\(heads) does not divide d_model=\(dModel); pick heads that divide it or give d_head=")
            }
            resolvedHead = dModel / heads
        }
        if let kvHeads, kvHeads <= 0 { throw TensorError("kv_heads must be positive, got \(kvHeads)") }
        let config = LayerConfig(
            name: name, dModel: dModel, heads: heads, dHead: resolvedHead, kvHeads: kvHeads ?? heads,
            dHeadIsExplicit: dHead != nil, kvHeadsIsExplicit: kvHeads != nil,
            bias: bias, initScheme: initScheme, seed: seed, temperature: temperature, scale: scale,
            dropout: dropout, posenc: posenc, ropeBase: ropeBase, masks: masks, ablated: ablated)
        try config.validate()
        return config
    }

    /// Checks every setting, throwing a sentence that names the first bad one.
    public func validate() throws {
        guard !name.isEmpty else { throw TensorError("a layer needs a name") }
        guard dModel > 0, heads > 0, dHead > 0, kvHeads > 0 else {
            throw TensorError("d_model, heads, d_head and kv_heads must all be positive")
        }
        guard heads % kvHeads == 0 else {
            throw TensorError("kv_heads=\(kvHeads) does not divide heads=\(heads); heads must be a multiple of kv_heads")
        }
        // H·K and D·H·K must not overflow when the weights are sized.
        let (width, overflow) = heads.multipliedReportingOverflow(by: dHead)
        guard !overflow, !width.multipliedReportingOverflow(by: dModel).overflow else {
            throw TensorError("heads=\(heads) × d_head=\(dHead) × d_model=\(dModel) is too large")
        }
        guard temperature.isFinite, temperature > 0 else {
            throw TensorError("temperature must be a positive finite number, got \(temperature)")
        }
        if let scale, !scale.isFinite {
            throw TensorError("scale must be a finite number, got \(scale)")
        }
        guard dropout >= 0, dropout < 1 else {
            throw TensorError("dropout must be in [0, 1), got \(dropout)")
        }
        guard ropeBase.isFinite, ropeBase > 0 else {
            throw TensorError("rope_base must be a positive finite number, got \(ropeBase)")
        }
        if let bad = ablated.sorted().first(where: { $0 < 0 || $0 >= heads }) {
            throw TensorError("head \(bad) is ablated but the layer has heads 0..\(heads - 1); use `ablate none` first")
        }
    }

    /// The same layer with `newHeads` query heads over the same weights when
    /// possible (docs/reference.md §3.1: `set heads=H2` keeps the matrices, only the split
    /// changes). K is re-derived as D / H2 unless it was given explicitly,
    /// and G follows H unless it was given explicitly.
    ///
    /// Example: D = 8, H = 2 → 4 keeps Wq [8, 8] with K going from 4 to 2.
    /// Use `hasSameWeightShapes(as:)` to learn whether the weights survive.
    public func resplit(heads newHeads: Int) throws -> LayerConfig {
        var copy = try LayerConfig.make(
            name: name, dModel: dModel, heads: newHeads,
            dHead: dHeadIsExplicit ? dHead : nil,
            kvHeads: kvHeadsIsExplicit ? kvHeads : nil,
            bias: bias, initScheme: initScheme, seed: seed, temperature: temperature, scale: scale,
            dropout: dropout, posenc: posenc, ropeBase: ropeBase, masks: masks, ablated: [])
        copy.ablated = ablated
        try copy.validate()
        return copy
    }

    /// The same settings with other dimensions (for `set d_model=`, `set
    /// d_head=`, `set kv_heads=`); nil keeps an explicit value and re-derives
    /// a derived one.
    public func redimensioned(dModel newD: Int? = nil, heads newH: Int? = nil,
                              dHead newK: Int? = nil, kvHeads newG: Int? = nil) throws -> LayerConfig {
        try LayerConfig.make(
            name: name, dModel: newD ?? dModel, heads: newH ?? heads,
            dHead: newK ?? (dHeadIsExplicit ? dHead : nil),
            kvHeads: newG ?? (kvHeadsIsExplicit ? kvHeads : nil),
            bias: bias, initScheme: initScheme, seed: seed, temperature: temperature, scale: scale,
            dropout: dropout, posenc: posenc, ropeBase: ropeBase, masks: masks, ablated: ablated)
    }

    /// Whether every weight of this layer has the same shape as in `other`,
    /// so that existing weight tensors can be kept across a change.
    public func hasSameWeightShapes(as other: LayerConfig) -> Bool {
        bias == other.bias && LayerWeights.names(for: self).map { LayerWeights.expectedShape(of: $0, config: self) }
            == LayerWeights.names(for: other).map { LayerWeights.expectedShape(of: $0, config: other) }
    }
}
