/// The forward pass of the encoder, layer by layer.
extension BertEncoder {
    /// The layer name the encoder gives its attention layers when it runs them.
    static let internalLayerName = "bert"

    /// Encodes one sentence of token ids, keeping each layer's input and
    /// attention weights.
    public func encode(_ ids: [Int]) throws -> BertEncoding {
        let trace = try trace(ids)
        return BertEncoding(ids: ids, layerInputs: trace.layerInputs, attention: trace.attention)
    }

    /// x⁰ = LayerNorm(E_word[t] + E_pos[0..<T] + E_type[0])  // [T, D]
    public func embed(_ ids: [Int]) throws -> Tensor {
        guard !ids.isEmpty else { throw TensorError("the encoder needs at least one token") }
        guard ids.count <= config.maxPositions else {
            throw TensorError("\(ids.count) tokens are more than the model's \(config.maxPositions) positions")
        }
        if let bad = ids.first(where: { $0 < 0 || $0 >= vocabularySize }) {
            throw TensorError("token id \(bad) is outside the vocabulary (0..\(vocabularySize - 1))")
        }
        var x = try weights.rows(prefix + BertEncoder.anchorName, ids)  // [T, D]
        let d = config.hiddenSize
        for t in 0..<ids.count {
            for j in 0..<d {
                x.scalars[t * d + j] += positionEmbeddings.scalars[t * d + j] + tokenTypeEmbedding.scalars[j]
            }
        }
        return BertEncoder.layerNorm(x, scale: embeddingNormScale, shift: embeddingNormShift,
                                     epsilon: config.layerNormEpsilon)
    }

    /// One encoder layer: returns its output [T, D] and attention P [H, T, T].
    public func layer(_ index: Int, _ x: Tensor) throws -> (output: Tensor, attention: Tensor) {
        let traced = try layer(index, x, interventions: .none)
        return (traced.output, traced.attention)
    }

    /// One encoder layer with the interventions of layer `index` applied to its head
    /// outputs: its output [T, D], P [H, T, T], V [H, T, K] and Z [H, T, K] as computed
    /// (before the interventions).
    func layer(_ index: Int, _ x: Tensor, interventions: HeadInterventions) throws
        -> (output: Tensor, attention: Tensor, values: Tensor, headOutputs: Tensor) {
        guard layers.indices.contains(index) else {
            throw TensorError("layer \(index) does not exist; the model has layers 0..\(layers.count - 1)")
        }
        let weights = layers[index]
        let attentionLayer = try attentionConfig(name: BertEncoder.internalLayerName)
        let named = Dictionary(uniqueKeysWithValues: weights.attentionTensors(layer: attentionLayer.name).map { ($0.name, $0.tensor) })
        let read: (String) throws -> Tensor = { name in
            guard let tensor = named[name] else { throw TensorError("the encoder has no tensor `\(name)`") }
            return tensor
        }
        let forward = try AttentionFastPath.forward(config: attentionLayer, read: read, input: x, kv: nil)
        guard var attended = forward.stages[.out], let probabilities = forward.stages[.p],
              let values = forward.stages[.v], let z = forward.stages[.z] else {
            throw TensorError("the attention of layer \(index) did not finish")
        }
        if interventions.touches(layer: index) {
            var changed = z
            try interventions.apply(layer: index, to: &changed)
            var computed: [String: Tensor] = [AttentionStage.z.tensorName(layer: attentionLayer.name): changed]
            for stage in [AttentionStage.concat, .out] {
                let output = try AttentionEngine.compute(stage, config: attentionLayer, read: { name in
                    try computed[name] ?? read(name)
                }, input: x, kv: nil)
                computed[stage.tensorName(layer: attentionLayer.name)] = output.tensor
                attended = output.tensor
            }
        }
        let epsilon = config.layerNormEpsilon
        let h = BertEncoder.layerNorm(try Tensor.binary(.add, x, attended),  // [T, D]
                                      scale: weights.attentionNormScale, shift: weights.attentionNormShift, epsilon: epsilon)
        let inner = try BertEncoder.linear(h, weights.feedForwardIn, weights.feedForwardInBias).map(.gelu)  // [T, I]
        let fed = try BertEncoder.linear(inner, weights.feedForwardOut, weights.feedForwardOutBias)  // [T, D]
        let out = BertEncoder.layerNorm(try Tensor.binary(.add, h, fed),
                                        scale: weights.outputNormScale, shift: weights.outputNormShift, epsilon: epsilon)
        return (out, probabilities, values, z)
    }

    /// x · W + b for x [T, in], W [in, out], b [out].
    static func linear(_ x: Tensor, _ w: Tensor, _ b: Tensor) throws -> Tensor {
        var y = try Tensor.matmul(x, w)  // [T, out]
        let width = b.count
        for row in 0..<(y.count / max(width, 1)) {
            for j in 0..<width { y.scalars[row * width + j] += b.scalars[j] }
        }
        return y
    }

    /// LayerNorm over the last axis: γ · (v − mean) / √(var + ε) + β, with
    /// the biased variance (mean of squared deviations), as PyTorch.
    // Accumulated in Double: with ε as small as 1e-12 nothing else guards a
    // row of near-equal values, and float sums over 384+ terms drift.
    static func layerNorm(_ x: Tensor, scale: Tensor, shift: Tensor, epsilon: Float) -> Tensor {
        let width = scale.count
        guard width > 0 else { return x }
        var y = x
        for row in 0..<(x.count / width) {
            let base = row * width
            var sum = 0.0
            for j in 0..<width { sum += Double(x.scalars[base + j]) }
            let mean = sum / Double(width)
            var squares = 0.0
            for j in 0..<width {
                let deviation = Double(x.scalars[base + j]) - mean
                squares += deviation * deviation
            }
            let inverse = 1 / (squares / Double(width) + Double(epsilon)).squareRoot()
            for j in 0..<width {
                let normalised = (Double(x.scalars[base + j]) - mean) * inverse
                y.scalars[base + j] = Float(normalised * Double(scale.scalars[j]) + Double(shift.scalars[j]))
            }
        }
        return y
    }
}
