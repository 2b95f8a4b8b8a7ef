/// A stack of attention layers on a residual stream: the toy model of
/// `model new` and of `train layers=L` (docs/reference.md §7.3).
///
///     x₀     = E[tokens]                         [T, D]    E [V, D]
///     r_l    = x_l + attention_l(x_l)            [T, D]    AttentionPass, layer l's positions and mask
///     x_l+1  = r_l + mlp_l(r_l)                  [T, D]    MLPBlock (ReLU), only when N > 0
///     logits = x_L·U + u                         [T, O]    U [D, O], u [O] (O = V but for `pair`)
///
/// Every layer reads and writes the same stream, so a head of layer 1 can
/// read what a head of layer 0 wrote there (a previous-token head composed
/// with an induction head). The same type holds gradients.
public struct StackModel<S: TrainingScalar>: Sendable {
    /// Each layer's attention settings (masks, positions, ablation per layer).
    public var configs: [LayerConfig]
    /// N, the width of each layer's MLP; 0: attention only.
    public let mlpWidth: Int
    /// V, the number of distinct tokens.
    public let vocabulary: Int
    /// O, the number of output classes: V for next-token tasks, V² for `pair`.
    public let outputs: Int
    /// [V, D]
    public var embedding: [S]
    public var layers: [AttentionWeights<S>]
    /// One per layer when N > 0, else empty.
    public var mlps: [MLPWeights<S>]
    /// [D, O]
    public var unembedding: [S]
    /// [O]
    public var unembeddingBias: [S]

    /// L, the number of layers.
    public var depth: Int { configs.count }
    /// D, the width of the residual stream.
    public var dModel: Int { configs.first?.dModel ?? 0 }

    /// All zeros (the start of a gradient sum).
    public init(zerosFor configs: [LayerConfig], mlpWidth: Int, vocabulary: Int, outputs: Int? = nil) {
        let d = configs.first?.dModel ?? 0
        self.configs = configs
        self.mlpWidth = mlpWidth
        self.vocabulary = vocabulary
        let outputs = outputs ?? vocabulary
        self.outputs = outputs
        embedding = [S](repeating: 0, count: vocabulary * d)
        layers = configs.map { AttentionWeights(zerosFor: $0) }
        mlps = mlpWidth > 0 ? configs.map { _ in MLPWeights(zerosFor: d, width: mlpWidth) } : []
        unembedding = [S](repeating: 0, count: d * outputs)
        unembeddingBias = [S](repeating: 0, count: outputs)
    }

    /// Every parameter array: the embedding, then per layer its attention
    /// weights and its MLP's, then the unembedding and its bias.
    public var arrays: [[S]] {
        get {
            var all = [embedding]
            for layer in 0..<depth {
                all += layers[layer].arrays
                if !mlps.isEmpty { all += mlps[layer].arrays }
            }
            return all + [unembedding, unembeddingBias]
        }
        set {
            var next = 0
            func take(_ count: Int) -> [[S]] {
                defer { next += count }
                return Array(newValue[next..<(next + count)])
            }
            embedding = take(1)[0]
            for layer in 0..<depth {
                layers[layer].arrays = take(layers[layer].arrays.count)
                if !mlps.isEmpty { mlps[layer].arrays = take(4) }
            }
            unembedding = take(1)[0]
            unembeddingBias = take(1)[0]
        }
    }

    /// A name for each of `arrays`: `E`, `0.Wq`, ..., `0.W1`, ..., `U`, `u`.
    public var arrayNames: [String] {
        var names = ["E"]
        for layer in 0..<depth {
            names += AttentionWeights<S>.suffixes(for: configs[layer]).map { "\(layer).\($0)" }
            if !mlps.isEmpty { names += MLPWeights<S>.suffixes.map { "\(layer).\($0)" } }
        }
        return names + ["U", "u"]
    }

    /// The same numbers in another precision.
    public func converted<T: TrainingScalar>(to: T.Type = T.self) -> StackModel<T> {
        var copy = StackModel<T>(zerosFor: configs, mlpWidth: mlpWidth, vocabulary: vocabulary, outputs: outputs)
        copy.arrays = arrays.map { $0.map { T($0) } }
        return copy
    }

    /// The embedded tokens x₀ [T, D].
    public func embed(_ tokens: [Int]) -> [S] {
        let d = dModel
        return tokens.flatMap { embedding[($0 * d)..<(($0 + 1) * d)] }
    }

    /// The constants of every layer's pass over T positions (tensor masks read through `read`).
    public func geometries(length: Int, read: (String) throws -> Tensor = { name in
        throw TensorError("mask tensor `\(name)` is not available here")
    }) throws -> [AttentionGeometry] {
        try configs.map { try AttentionGeometry(config: $0, length: length, read: read) }
    }
}

/// What one forward pass of a `StackModel` keeps: each layer's input and
/// passes, and the logits.
public struct StackForward<S: TrainingScalar>: Sendable {
    /// x_l for every layer l, then x_L (the stream the unembedding reads). [L + 1][T, D]
    public let streams: [[S]]
    public let attention: [AttentionPass<S>]
    /// Empty when the model has no MLPs.
    public let mlps: [MLPPass<S>]
    /// [T, V]
    public let logits: [S]
}
