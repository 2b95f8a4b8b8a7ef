import Foundation

/// The tiny model `train` fits: a token embedding, one attention layer and a
/// linear readout, with cross-entropy at every position that has a target.
///
///     X      = E[tokens]                    [T, D]    E [V, D]
///     out    = attention(X) (AttentionPass) [T, D]    positions per the layer's posenc
///     logits = out·R + r                    [T, V]    R [D, V], r [V]
///     loss   = mean over targets of −log softmax(logits[i])[target_i]
///
/// There is no residual path: what the readout sees is exactly what the
/// heads gathered, so a trained head's pattern is the whole story. The same
/// type holds gradients (each array shaped as its parameter).
public struct TinyModel<S: TrainingScalar>: Sendable {
    public let config: LayerConfig
    /// V, the number of distinct tokens.
    public let vocabulary: Int
    /// [V, D]
    public var embedding: [S]
    public var layer: AttentionWeights<S>
    /// [D, V]
    public var readout: [S]
    /// [V]
    public var readoutBias: [S]

    /// All zeros (the start of a gradient sum).
    public init(zerosFor config: LayerConfig, vocabulary: Int) {
        self.config = config
        self.vocabulary = vocabulary
        embedding = [S](repeating: 0, count: vocabulary * config.dModel)
        layer = AttentionWeights(zerosFor: config)
        readout = [S](repeating: 0, count: config.dModel * vocabulary)
        readoutBias = [S](repeating: 0, count: vocabulary)
    }

    /// Every parameter array: embedding, the layer's (Wq, Wk, Wv, Wo, biases), readout, readout bias.
    public var arrays: [[S]] {
        get { [embedding] + layer.arrays + [readout, readoutBias] }
        set {
            embedding = newValue[0]
            layer.arrays = Array(newValue[1..<(newValue.count - 2)])
            readout = newValue[newValue.count - 2]
            readoutBias = newValue[newValue.count - 1]
        }
    }

    /// The same numbers in another precision.
    public func converted<T: TrainingScalar>(to: T.Type = T.self) -> TinyModel<T> {
        var copy = TinyModel<T>(zerosFor: config, vocabulary: vocabulary)
        copy.arrays = arrays.map { $0.map { T($0) } }
        return copy
    }

    /// The embedded tokens X [T, D].
    public func embed(_ tokens: [Int]) -> [S] {
        let d = config.dModel
        return tokens.flatMap { embedding[($0 * d)..<(($0 + 1) * d)] }
    }

    /// The attention pass and the logits [T, V] for one sequence.
    public func forward(_ tokens: [Int], geometry: AttentionGeometry, dropout: [S]? = nil)
        -> (pass: AttentionPass<S>, logits: [S]) {
        let pass = AttentionPass(input: embed(tokens), weights: layer, geometry: geometry, dropout: dropout)
        var logits = MatrixProduct.multiply(pass.out, readout, m: tokens.count, inner: config.dModel, n: vocabulary)
        MatrixProduct.addRow(readoutBias, to: &logits, n: vocabulary)
        return (pass, logits)
    }

    /// The mean cross-entropy over every target of `batch` and its gradient
    /// with respect to every parameter; `dropoutSeed` (when the layer has
    /// dropout) seeds example n's dropout with `dropoutSeed + n`.
    public func lossAndGradients(_ batch: [TrainingExample], geometry: AttentionGeometry,
                                 dropoutSeed: UInt64 = 0) -> (loss: Double, gradients: TinyModel<S>) {
        let (d, v) = (config.dModel, vocabulary)
        var gradients = TinyModel(zerosFor: config, vocabulary: v)
        let count = batch.reduce(0) { $0 + $1.targets.compactMap { $0 }.count }
        guard count > 0 else { return (0, gradients) }
        var total = 0.0
        for (n, example) in batch.enumerated() {
            let t = example.tokens.count
            let dropout: [S]? = geometry.dropoutFactors(seed: dropoutSeed &+ UInt64(n))
            let (pass, logits) = forward(example.tokens, geometry: geometry, dropout: dropout)
            // dL/dlogits = (softmax − onehot) / count at positions with a target.
            var dLogits = [S](repeating: 0, count: t * v)  // [T, V]
            for (i, target) in example.targets.enumerated() {
                guard let target else { continue }
                let probabilities = TinyModel.softmax(logits[(i * v)..<((i + 1) * v)])
                total -= Foundation.log(max(probabilities[target], .leastNormalMagnitude))
                for c in 0..<v {
                    let indicator = c == target ? 1.0 : 0.0
                    dLogits[i * v + c] = S((probabilities[c] - indicator) / Double(count))
                }
            }
            let dReadout = MatrixProduct.multiplyTransposingA(pass.out, dLogits, m: d, inner: t, n: v)
            let dBias = MatrixProduct.columnSums(dLogits, n: v)
            for index in dReadout.indices { gradients.readout[index] += dReadout[index] }
            for index in dBias.indices { gradients.readoutBias[index] += dBias[index] }
            let dOut = MatrixProduct.multiplyTransposingB(dLogits, readout, m: t, inner: v, n: d)  // [T, D]
            let (dLayer, dInput) = pass.backward(outputGradient: dOut, weights: layer, geometry: geometry, dropout: dropout)
            var layerArrays = gradients.layer.arrays
            for (array, values) in dLayer.arrays.enumerated() {
                for index in values.indices { layerArrays[array][index] += values[index] }
            }
            gradients.layer.arrays = layerArrays
            // Each position's dX row goes back to the embedding row of its token.
            for (i, token) in example.tokens.enumerated() {
                for c in 0..<d { gradients.embedding[token * d + c] += dInput[i * d + c] }
            }
        }
        return (total / Double(count), gradients)
    }

    /// Loss and accuracy over `examples` without dropout (held-out evaluation).
    public func score(_ examples: [TrainingExample], geometry: AttentionGeometry) -> TrainingScore {
        var total = 0.0
        var correct = 0
        var counted = 0
        let v = vocabulary
        for example in examples {
            let logits = forward(example.tokens, geometry: geometry).logits
            for (i, target) in example.targets.enumerated() {
                guard let target else { continue }
                let row = logits[(i * v)..<((i + 1) * v)]
                let probabilities = TinyModel.softmax(row)
                total -= Foundation.log(max(probabilities[target], .leastNormalMagnitude))
                // The first maximum wins a tie (argmax as numpy takes it).
                var predicted = 0
                for c in 1..<v where row[row.startIndex + c] > row[row.startIndex + predicted] { predicted = c }
                if predicted == target { correct += 1 }
                counted += 1
            }
        }
        return TrainingScore(loss: counted > 0 ? total / Double(counted) : 0, correct: correct, counted: counted)
    }

    /// Softmax of one row of logits, in Double: p[c] = exp(l[c] − max) / Σ exp(l − max),
    /// by `RowSoftmax` and its policy for special rows.
    static func softmax(_ row: ArraySlice<S>) -> [Double] {
        var values = row.map { Double($0) }
        _ = RowSoftmax.apply(&values)
        return values
    }
}

extension TinyModel where S == Float {
    /// Fresh parameters, all drawn from `RandomSource(seed:)` in this order:
    /// the embedding N(0, 1); the layer's matrices Glorot-uniform as
    /// `LayerWeights.initialise` draws them for `init=xavier` (biases zero);
    /// the readout Glorot-uniform, its bias zero.
    public static func initial(config: LayerConfig, vocabulary: Int, seed: UInt64) throws -> TinyModel<Float> {
        var random = RandomSource(seed: seed)
        var model = TinyModel(zerosFor: config, vocabulary: vocabulary)
        try MemoryLimit.check(elements: vocabulary.multipliedReportingOverflow(by: config.dModel).partialValue)
        model.embedding = model.embedding.map { _ in random.nextNormal() }
        var xavier = config
        xavier.initScheme = .xavier
        let named = Dictionary(uniqueKeysWithValues: try LayerWeights.initialise(xavier, using: &random).map { ($0.name, $0.tensor) })
        model.layer = try AttentionWeights(config: config) { name in
            guard let tensor = named[name] else { throw TensorError("no initial value for \(name)") }
            return tensor
        }
        let bound = Float((6.0 / Double(config.dModel + vocabulary)).squareRoot())
        model.readout = model.readout.map { _ in (2 * random.nextUniform() - 1) * bound }
        return model
    }
}
