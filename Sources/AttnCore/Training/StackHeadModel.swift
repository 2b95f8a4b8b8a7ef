/// A toy stack (`StackModel`) as a `HeadModel`, so ablation, patching,
/// importance, pruning, rollout and sinks work on it as on the encoder.
///
/// Its output is the final residual stream x_L [T, D] (before the
/// unembedding); `ModelTrace.embedding` pools it as for the encoder.
/// A head's changed output enters the layer output through Wo:
///
///     out = concat(Z')·Wo + bo        Z' = Z with the interventions applied
public struct StackHeadModel: HeadModel {
    public let model: StackModel<Float>
    /// Every layer's constants for a sequence of T positions.
    public let geometries: @Sendable (Int) throws -> [AttentionGeometry]

    public init(model: StackModel<Float>, geometries: @escaping @Sendable (Int) throws -> [AttentionGeometry]) {
        self.model = model
        self.geometries = geometries
    }

    public var layerCount: Int { model.depth }
    public var headCount: Int { model.configs.first?.heads ?? 0 }

    public func attentionConfig(layer: Int) throws -> LayerConfig { model.configs[layer] }

    public func outputProjection(layer: Int) -> Tensor {
        let config = model.configs[layer]
        return Tensor(unchecked: [config.heads * config.dHead, config.dModel], scalars: model.layers[layer].wo)
    }

    public func trace(_ tokens: [Int], interventions: HeadInterventions, from start: ModelTrace?) throws -> ModelTrace {
        try check(interventions.ablated.union(interventions.patches.keys))
        guard !tokens.isEmpty else { throw TensorError("the model needs at least one token") }
        if let bad = tokens.first(where: { $0 < 0 || $0 >= model.vocabulary }) {
            throw TensorError("token \(bad) is outside the vocabulary (0..\(model.vocabulary - 1))")
        }
        let (t, d) = (tokens.count, model.dModel)
        let layerGeometries = try geometries(t)
        var trace = ModelTrace(tokens: tokens)
        var stream = model.embed(tokens)
        if let start, start.tokens == tokens, let last = start.layerInputs.last, start.layerInputs.count <= model.depth + 1 {
            trace = start
            trace.layerInputs.removeLast()
            stream = last.scalars
        }
        for layer in trace.attention.count..<model.depth {
            try Cancellation.check()
            trace.layerInputs.append(Tensor(unchecked: [t, d], scalars: stream))
            let config = model.configs[layer]
            let (h, g, k) = (config.heads, config.kvHeads, config.dHead)
            let pass = AttentionPass(input: stream, weights: model.layers[layer], geometry: layerGeometries[layer])
            let z = Tensor(unchecked: [h, t, k], scalars: AttentionPass.splitHeads(pass.concat, rows: t, heads: h, width: k))
            trace.attention.append(Tensor(unchecked: [h, t, t], scalars: pass.p))
            trace.values.append(Tensor(unchecked: [g, t, k], scalars: pass.v))
            trace.headOutputs.append(z)
            var out = pass.out
            if interventions.touches(layer: layer) {
                var changed = z
                try interventions.apply(layer: layer, to: &changed)
                let concat = AttentionPass.mergeHeads(changed.scalars, rows: t, heads: h, width: k)
                out = MatrixProduct.multiply(concat, model.layers[layer].wo, m: t, inner: h * k, n: d)
                MatrixProduct.addRow(model.layers[layer].bo, to: &out, n: d)
            }
            for index in stream.indices { stream[index] += out[index] }
            if !model.mlps.isEmpty {
                let block = MLPPass(input: stream, weights: model.mlps[layer], rows: t)
                for index in stream.indices { stream[index] += block.out[index] }
            }
        }
        trace.layerInputs.append(Tensor(unchecked: [t, d], scalars: stream))
        return trace
    }

    /// The logits [T, O] = x_L·U + u of a final stream x_L [T, D].
    public static func logits(_ model: StackModel<Float>, stream: [Float]) -> [Float] {
        let (d, o) = (model.dModel, model.outputs)
        var logits = MatrixProduct.multiply(stream, model.unembedding, m: stream.count / max(d, 1), inner: d, n: o)
        MatrixProduct.addRow(model.unembeddingBias, to: &logits, n: o)
        return logits
    }
}
