/// The knobs of one training run (`train` fills them from its options and the task's defaults).
public struct TrainingSettings: Sendable, Equatable {
    public var task: TrainingTask
    /// T, tokens per sequence.
    public var length: Int
    /// V, distinct tokens.
    public var vocabulary: Int
    /// k of `copy`.
    public var offset = 2
    public var steps: Int
    /// Sequences per step.
    public var batchSize = 32
    public var learningRate: Float = 3e-3
    /// Seeds the initial weights (`seed`), the training stream (`seed + 1`)
    /// and the held-out set (`seed + 2`), so equal seeds give equal data
    /// whatever the number of heads.
    public var seed: UInt64 = 0
    /// Held-out accuracy is measured every this many steps (and at the last).
    public var evaluateEvery = 10
    public var heldOutCount = 200
    /// The accuracy whose first crossing `TrainingOutcome.firstStepAtTarget` reports.
    public var targetAccuracy = 0.99

    /// The task's defaults for T, V and steps.
    public init(task: TrainingTask) {
        self.task = task
        length = task.defaultLength
        vocabulary = task.defaultVocabulary
        steps = task.defaultSteps
    }

    /// Checks every knob, throwing a sentence that names the first bad one.
    public func validate() throws {
        try task.validate(length: length, vocabulary: vocabulary, offset: offset)
        guard (1...100_000).contains(steps) else { throw TensorError("steps must be between 1 and 100000, got \(steps)") }
        guard (1...4096).contains(batchSize) else { throw TensorError("batch must be between 1 and 4096, got \(batchSize)") }
        guard learningRate.isFinite, learningRate > 0, learningRate <= 10 else {
            throw TensorError("lr must be a positive number up to 10, got \(learningRate)")
        }
        guard evaluateEvery > 0, heldOutCount > 0 else { throw TensorError("evaluation needs a positive interval and held-out count") }
        guard (0...1).contains(targetAccuracy) else { throw TensorError("the target accuracy must lie in [0, 1], got \(targetAccuracy)") }
    }
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
}

/// One held-out measurement during training.
public struct TrainingEvaluation: Sendable, Equatable {
    public let step: Int
    public let score: TrainingScore
}

/// The result of a training run; `best` is the model at the best held-out
/// evaluation (highest accuracy, then lowest loss), even when stopped early.
public struct TrainingOutcome: Sendable {
    public let settings: TrainingSettings
    public let config: LayerConfig
    /// Training loss per step run.
    public let losses: [Float]
    public let evaluations: [TrainingEvaluation]
    public let best: TinyModel<Float>
    public let bestEvaluation: TrainingEvaluation
    /// The first evaluated step whose held-out accuracy reached the target, if any.
    public let firstStepAtTarget: Int?
    /// True when `shouldStop` ended the loop before its last step.
    public let stopped: Bool
    public let heldOut: [TrainingExample]

    public var stepsRun: Int { losses.count }
}

/// The training loop: Adam on batches of a seeded task stream, with held-out
/// evaluations, the best weights kept, and a cancellation check.
public enum Trainer {
    /// Trains the tiny model with `config`'s attention layer on `settings`.
    ///
    /// `progress` is called after every held-out evaluation (a pane redraws
    /// its curve there; plain mode prints a line every so often).
    /// `shouldStop` is asked before every step; returning true ends the loop
    /// cleanly and the outcome keeps the best weights seen so far. The
    /// program's Ctrl-C handler plugs in here: it sets a flag from the signal
    /// handler and `shouldStop` reads it (see `Interpreter.shouldStop`).
    public static func run(config: LayerConfig, settings: TrainingSettings,
                           readMask: (String) throws -> Tensor = { name in throw TensorError("mask tensor `\(name)` is not available for training") },
                           progress: (TrainingProgress) -> Void = { _ in },
                           shouldStop: () -> Bool = { false }) throws -> TrainingOutcome {
        try settings.validate()
        let (task, t, vocabulary) = (settings.task, settings.length, settings.vocabulary)
        let geometry = try AttentionGeometry(config: config, length: t, read: readMask)
        var model = try TinyModel<Float>.initial(config: config, vocabulary: vocabulary, seed: settings.seed)
        var stream = RandomSource(seed: settings.seed &+ 1)
        var heldOutSource = RandomSource(seed: settings.seed &+ 2)
        let heldOut = (0..<settings.heldOutCount).map { _ in
            task.example(length: t, vocabulary: vocabulary, offset: settings.offset, using: &heldOutSource)
        }
        var optimizer = AdamOptimizer(learningRate: settings.learningRate)
        var losses: [Float] = []
        var evaluations: [TrainingEvaluation] = []
        var best = model
        var bestEvaluation = TrainingEvaluation(step: 0, score: model.score(heldOut, geometry: geometry))
        var firstStepAtTarget: Int?
        var stopped = false
        for step in 1...settings.steps {
            if shouldStop() {
                stopped = true
                break
            }
            let batch = (0..<settings.batchSize).map { _ in
                task.example(length: t, vocabulary: vocabulary, offset: settings.offset, using: &stream)
            }
            let dropoutSeed = settings.seed &+ UInt64(step) &* UInt64(settings.batchSize)
            let (loss, gradients) = model.lossAndGradients(batch, geometry: geometry, dropoutSeed: dropoutSeed)
            var parameters = model.arrays
            optimizer.update(&parameters, gradients: gradients.arrays)
            model.arrays = parameters
            losses.append(Float(loss))
            guard step % settings.evaluateEvery == 0 || step == settings.steps else { continue }
            let evaluation = TrainingEvaluation(step: step, score: model.score(heldOut, geometry: geometry))
            evaluations.append(evaluation)
            if firstStepAtTarget == nil, evaluation.score.accuracy >= settings.targetAccuracy { firstStepAtTarget = step }
            let better = evaluation.score.accuracy > bestEvaluation.score.accuracy
                || (evaluation.score.accuracy == bestEvaluation.score.accuracy && evaluation.score.loss < bestEvaluation.score.loss)
            if better {
                best = model
                bestEvaluation = evaluation
            }
            progress(TrainingProgress(heads: config.heads, step: step, totalSteps: settings.steps, losses: losses, heldOut: evaluation.score))
        }
        return TrainingOutcome(settings: settings, config: config, losses: losses, evaluations: evaluations, best: best,
                               bestEvaluation: bestEvaluation, firstStepAtTarget: firstStepAtTarget, stopped: stopped,
                               heldOut: heldOut)
    }
}
