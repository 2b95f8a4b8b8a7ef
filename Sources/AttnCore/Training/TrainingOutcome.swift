/// The result of a training run of one layer (`train` without `layers=`).
public typealias TrainingOutcome = TrainingRun<TinyModel<Float>>

/// The result of a training run; `best` is the model at the best held-out
/// evaluation (highest accuracy, then lowest loss), even when stopped early.
public struct TrainingRun<Model: TrainableModel>: Sendable {
    public let settings: TrainingSettings
    public let config: LayerConfig
    /// Training loss per step run.
    public let losses: [Float]
    public let evaluations: [TrainingEvaluation]
    public let best: Model
    public let bestEvaluation: TrainingEvaluation
    /// The first evaluated step whose held-out accuracy reached the target, if any.
    public let firstStepAtTarget: Int?
    /// True when `shouldStop` ended the loop before its last step.
    public let stopped: Bool
    public let heldOut: [TrainingExample]

    public var stepsRun: Int { losses.count }
}

/// What the training loop reports at every held-out evaluation: enough for
/// a plain sparkline line now and for a live loss pane later.
public struct TrainingProgress: Sendable {
    /// The layer's query heads (a comparison run reports each head count in turn).
    public let heads: Int
    /// Steps done so far (1-based; the evaluation follows this step's update).
    public let step: Int
    public let totalSteps: Int
    /// Training loss of every step so far (index s − 1 is step s).
    public let losses: [Float]
    /// Held-out loss and accuracy after this step.
    public let heldOut: TrainingScore
    /// Every head's induction-circuit scores, [layer][head], on held-out
    /// sequences (empty unless `TrainingSettings.tracksCircuits`).
    public var circuits: [[CircuitScores]] = []
}

/// One held-out measurement during training.
public struct TrainingEvaluation: Sendable, Equatable {
    public let step: Int
    public let score: TrainingScore
}

/// Loss and accuracy of a model on some examples.
public struct TrainingScore: Sendable, Equatable {
    /// Mean cross-entropy per target (nats).
    public let loss: Double
    public let correct: Int
    public let counted: Int

    /// correct / counted, 0 when nothing was counted.
    public var accuracy: Double { counted > 0 ? Double(correct) / Double(counted) : 0 }
}
