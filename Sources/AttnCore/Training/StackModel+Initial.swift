/// Fresh parameters for a `StackModel`.
extension StackModel where S == Float {
    /// Parameters drawn from `RandomSource(seed:)` in this order: the
    /// embedding N(0, 1); per layer, the attention matrices Glorot-uniform as
    /// `LayerWeights.initialise` draws them for `init=xavier` (biases zero),
    /// then the MLP's W1 and W2 Glorot-uniform (biases zero); the
    /// unembedding Glorot-uniform, its bias zero.
    public static func initial(configs: [LayerConfig], mlpWidth: Int, vocabulary: Int, outputs: Int? = nil,
                               seed: UInt64) throws -> StackModel<Float> {
        guard let first = configs.first else { throw TensorError("a model needs at least one layer") }
        let d = first.dModel
        guard configs.allSatisfy({ $0.dModel == d }) else { throw TensorError("every layer of a model must have the same d_model") }
        var random = RandomSource(seed: seed)
        var model = StackModel(zerosFor: configs, mlpWidth: mlpWidth, vocabulary: vocabulary, outputs: outputs)
        try MemoryLimit.check(elements: vocabulary.multipliedReportingOverflow(by: d).partialValue)
        model.embedding = model.embedding.map { _ in random.nextNormal() }
        func glorot(_ count: Int, fanIn: Int, fanOut: Int) -> [Float] {
            let bound = Float((6.0 / Double(fanIn + fanOut)).squareRoot())
            return (0..<count).map { _ in (2 * random.nextUniform() - 1) * bound }
        }
        for layer in configs.indices {
            var xavier = configs[layer]
            xavier.initScheme = .xavier
            let named = Dictionary(uniqueKeysWithValues: try LayerWeights.initialise(xavier, using: &random).map { ($0.name, $0.tensor) })
            model.layers[layer] = try AttentionWeights(config: configs[layer]) { name in
                guard let tensor = named[name] else { throw TensorError("no initial value for \(name)") }
                return tensor
            }
            if mlpWidth > 0 {
                model.mlps[layer].w1 = glorot(d * mlpWidth, fanIn: d, fanOut: mlpWidth)
                model.mlps[layer].w2 = glorot(mlpWidth * d, fanIn: mlpWidth, fanOut: d)
            }
        }
        model.unembedding = glorot(d * model.outputs, fanIn: d, fanOut: model.outputs)
        return model
    }
}
