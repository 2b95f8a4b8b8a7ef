import Foundation

/// The forward and backward passes of a `StackModel`.
///
/// Backward, from dL/dlogits [T, O] (δ is the gradient of the stream):
///
///     dU = x_Lᵀ·dlogits, du = Σ_rows dlogits, δ_L = dlogits·Uᵀ
///     per layer l, last first:
///       δ_r = δ + mlp_l backward(δ)              (the residual adds the identity)
///       δ_l = δ_r + attention_l backward(δ_r)
///     dE[token_i] += δ_0[i]
extension StackModel {
    /// Runs every layer on `tokens`; `dropout` holds each layer's factors (nil: none).
    public func forward(_ tokens: [Int], geometries: [AttentionGeometry], dropout: [[S]?]? = nil) -> StackForward<S> {
        forward(embedded: embed(tokens), geometries: geometries, dropout: dropout)
    }

    /// Runs every layer on the stream x₀ [T, D] (the embedded tokens, or any vectors).
    public func forward(embedded: [S], geometries: [AttentionGeometry], dropout: [[S]?]? = nil) -> StackForward<S> {
        let (d, v) = (dModel, outputs)
        let t = d > 0 ? embedded.count / d : 0
        var stream = embedded  // [T, D]
        var streams: [[S]] = []
        var passes: [AttentionPass<S>] = []
        var blocks: [MLPPass<S>] = []
        for layer in 0..<depth {
            streams.append(stream)
            let pass = AttentionPass(input: stream, weights: layers[layer], geometry: geometries[layer],
                                     dropout: dropout?[layer])
            for index in stream.indices { stream[index] += pass.out[index] }
            passes.append(pass)
            if !mlps.isEmpty {
                let block = MLPPass(input: stream, weights: mlps[layer], rows: t)
                for index in stream.indices { stream[index] += block.out[index] }
                blocks.append(block)
            }
        }
        streams.append(stream)
        var logits = MatrixProduct.multiply(stream, unembedding, m: t, inner: d, n: v)  // [T, O]
        MatrixProduct.addRow(unembeddingBias, to: &logits, n: v)
        return StackForward(streams: streams, attention: passes, mlps: blocks, logits: logits)
    }

    /// The gradients of every parameter for dL/dlogits [T, O] of `pass` on `tokens`.
    public func backward(_ pass: StackForward<S>, tokens: [Int], logitGradient dLogits: [S],
                         geometries: [AttentionGeometry], dropout: [[S]?]? = nil) -> StackModel<S> {
        let (t, d, v) = (tokens.count, dModel, outputs)
        var grads = StackModel(zerosFor: configs, mlpWidth: mlpWidth, vocabulary: vocabulary, outputs: v)
        grads.unembedding = MatrixProduct.multiplyTransposingA(pass.streams[depth], dLogits, m: d, inner: t, n: v)
        grads.unembeddingBias = MatrixProduct.columnSums(dLogits, n: v)
        var delta = MatrixProduct.multiplyTransposingB(dLogits, unembedding, m: t, inner: v, n: d)  // [T, D]
        for layer in (0..<depth).reversed() {
            if !mlps.isEmpty {
                let (dBlock, dInput) = pass.mlps[layer].backward(outputGradient: delta, weights: mlps[layer])
                grads.mlps[layer] = dBlock
                for index in delta.indices { delta[index] += dInput[index] }
            }
            let (dLayer, dInput) = pass.attention[layer].backward(outputGradient: delta, weights: layers[layer],
                                                                  geometry: geometries[layer], dropout: dropout?[layer])
            grads.layers[layer] = dLayer
            for index in delta.indices { delta[index] += dInput[index] }
        }
        for (i, token) in tokens.enumerated() {
            for c in 0..<d { grads.embedding[token * d + c] += delta[i * d + c] }
        }
        return grads
    }

    /// The mean cross-entropy over every target of `batch` and its gradient;
    /// example n's layer l draws its dropout from `dropoutSeed + n·L + l`.
    public func lossAndGradients(_ batch: [TrainingExample], geometries: [AttentionGeometry],
                                 dropoutSeed: UInt64 = 0) -> (loss: Double, gradients: StackModel<S>) {
        var gradients = StackModel(zerosFor: configs, mlpWidth: mlpWidth, vocabulary: vocabulary, outputs: outputs)
        let count = batch.reduce(0) { $0 + $1.targets.compactMap { $0 }.count }
        guard count > 0 else { return (0, gradients) }
        var total = 0.0
        var sums = gradients.arrays
        for (n, example) in batch.enumerated() {
            let base = dropoutSeed &+ UInt64(n) &* UInt64(depth)
            let dropout: [[S]?] = geometries.enumerated().map { layer, geometry in
                geometry.dropoutFactors(seed: base &+ UInt64(layer))
            }
            let pass = forward(example.tokens, geometries: geometries, dropout: dropout)
            let (loss, dLogits) = CrossEntropy.gradient(logits: pass.logits, targets: example.targets,
                                                        vocabulary: outputs, count: count)
            total += loss
            let grads = backward(pass, tokens: example.tokens, logitGradient: dLogits, geometries: geometries,
                                 dropout: dropout)
            for (array, values) in grads.arrays.enumerated() {
                for index in values.indices { sums[array][index] += values[index] }
            }
        }
        gradients.arrays = sums
        return (total / Double(count), gradients)
    }

    /// Loss and accuracy over `examples` without dropout (held-out evaluation).
    public func score(_ examples: [TrainingExample], geometries: [AttentionGeometry]) -> TrainingScore {
        CrossEntropy.score(examples, vocabulary: outputs) { forward($0, geometries: geometries).logits }
    }
}
