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
    /// Whether every evaluation also scores each head's circuit patterns
    /// (on the first `circuitProbeCount` held-out sequences).
    public var tracksCircuits = false
    public var circuitProbeCount = 32
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
