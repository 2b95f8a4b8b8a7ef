/// A model the training loop can fit: flat parameter arrays, the loss and
/// its gradients on a batch, and a held-out score.
///
/// `TinyModel` (one layer, no residual stream) and `StackModel` (layers on
/// a residual stream) both conform; `Trainer.fit` runs either.
public protocol TrainableModel: Sendable {
    /// The constants of a pass (masks, positions) that are not trained.
    associatedtype Geometry: Sendable
    /// Every parameter, in a fixed order.
    var arrays: [[Float]] { get set }
    /// Mean cross-entropy over the targets of `batch` and its gradient, one array per parameter.
    func lossAndGradientArrays(_ batch: [TrainingExample], geometry: Geometry, dropoutSeed: UInt64) -> (loss: Double, gradients: [[Float]])
    /// Loss and accuracy without dropout.
    func heldOutScore(_ examples: [TrainingExample], geometry: Geometry) -> TrainingScore
    /// Every head's `CircuitScores`, [layer][head], over `examples` without dropout.
    func circuitScores(_ examples: [TrainingExample], geometry: Geometry) -> [[CircuitScores]]
}

extension TinyModel: TrainableModel where S == Float {
    public func lossAndGradientArrays(_ batch: [TrainingExample], geometry: AttentionGeometry,
                                      dropoutSeed: UInt64) -> (loss: Double, gradients: [[Float]]) {
        let (loss, gradients) = lossAndGradients(batch, geometry: geometry, dropoutSeed: dropoutSeed)
        return (loss, gradients.arrays)
    }

    public func heldOutScore(_ examples: [TrainingExample], geometry: AttentionGeometry) -> TrainingScore {
        score(examples, geometry: geometry)
    }

    public func circuitScores(_ examples: [TrainingExample], geometry: AttentionGeometry) -> [[CircuitScores]] {
        var scores = [CircuitScores](repeating: CircuitScores(), count: config.heads)
        for example in examples {
            let t = example.tokens.count
            let p = forward(example.tokens, geometry: geometry).pass.p
            for head in 0..<config.heads {
                scores[head].add(weights: p[(head * t * t)..<((head + 1) * t * t)], tokens: example.tokens)
            }
        }
        return [scores]
    }
}

extension StackModel: TrainableModel where S == Float {
    public func lossAndGradientArrays(_ batch: [TrainingExample], geometry: [AttentionGeometry],
                                      dropoutSeed: UInt64) -> (loss: Double, gradients: [[Float]]) {
        let (loss, gradients) = lossAndGradients(batch, geometries: geometry, dropoutSeed: dropoutSeed)
        return (loss, gradients.arrays)
    }

    public func heldOutScore(_ examples: [TrainingExample], geometry: [AttentionGeometry]) -> TrainingScore {
        score(examples, geometries: geometry)
    }

    public func circuitScores(_ examples: [TrainingExample], geometry: [AttentionGeometry]) -> [[CircuitScores]] {
        circuitScores(examples, geometries: geometry)
    }
}
