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
        try TrainingFootprint(config: config, settings: settings).check()
        let geometry = try AttentionGeometry(config: config, length: settings.length, read: readMask)
        let model = try TinyModel<Float>.initial(config: config, vocabulary: settings.vocabulary, seed: settings.seed)
        return fit(model, geometry: geometry, config: config, settings: settings, progress: progress, shouldStop: shouldStop)
    }

    /// Trains a `StackModel` of `configs` (one per layer, the same d_model)
    /// with MLPs of width `mlpWidth` (0: none) on `settings`, from fresh
    /// weights drawn from `settings.seed`.
    public static func runStack(configs: [LayerConfig], mlpWidth: Int, settings: TrainingSettings,
                                readMask: (String) throws -> Tensor = { name in throw TensorError("mask tensor `\(name)` is not available for training") },
                                progress: (TrainingProgress) -> Void = { _ in },
                                shouldStop: () -> Bool = { false }) throws -> TrainingRun<StackModel<Float>> {
        try settings.validate()
        guard let first = configs.first else { throw TensorError("a model needs at least one layer") }
        try TrainingFootprint(configs: configs, mlpWidth: mlpWidth, settings: settings).check()
        let model = try StackModel<Float>.initial(configs: configs, mlpWidth: mlpWidth, vocabulary: settings.vocabulary,
                                                  outputs: settings.task.outputCount(vocabulary: settings.vocabulary),
                                                  seed: settings.seed)
        let geometries = try model.geometries(length: settings.length, read: readMask)
        return fit(model, geometry: geometries, config: first, settings: settings, progress: progress, shouldStop: shouldStop)
    }

    /// Trains `initial` on `settings`'s task stream: the loop `run` and
    /// `runStack` share. `config` is the attention layer reported (the
    /// first layer of a stack).
    public static func fit<Model: TrainableModel>(_ initial: Model, geometry: Model.Geometry, config: LayerConfig,
                                                  settings: TrainingSettings,
                                                  progress: (TrainingProgress) -> Void = { _ in },
                                                  shouldStop: () -> Bool = { false }) -> TrainingRun<Model> {
        let (task, t, vocabulary) = (settings.task, settings.length, settings.vocabulary)
        var model = initial
        var stream = RandomSource(seed: settings.seed &+ 1)
        var heldOutSource = RandomSource(seed: settings.seed &+ 2)
        let heldOut = (0..<settings.heldOutCount).map { _ in
            task.example(length: t, vocabulary: vocabulary, offset: settings.offset, using: &heldOutSource)
        }
        var optimizer = AdamOptimizer(learningRate: settings.learningRate)
        var losses: [Float] = []
        var evaluations: [TrainingEvaluation] = []
        var best = model
        var bestEvaluation = TrainingEvaluation(step: 0, score: model.heldOutScore(heldOut, geometry: geometry))
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
            let (loss, gradients) = model.lossAndGradientArrays(batch, geometry: geometry, dropoutSeed: dropoutSeed)
            var parameters = model.arrays
            optimizer.update(&parameters, gradients: gradients)
            model.arrays = parameters
            losses.append(Float(loss))
            guard step % settings.evaluateEvery == 0 || step == settings.steps else { continue }
            let evaluation = TrainingEvaluation(step: step, score: model.heldOutScore(heldOut, geometry: geometry))
            evaluations.append(evaluation)
            if firstStepAtTarget == nil, evaluation.score.accuracy >= settings.targetAccuracy { firstStepAtTarget = step }
            let better = evaluation.score.accuracy > bestEvaluation.score.accuracy
                || (evaluation.score.accuracy == bestEvaluation.score.accuracy && evaluation.score.loss < bestEvaluation.score.loss)
            if better {
                best = model
                bestEvaluation = evaluation
            }
            var report = TrainingProgress(heads: config.heads, step: step, totalSteps: settings.steps, losses: losses,
                                          heldOut: evaluation.score)
            if settings.tracksCircuits {
                report.circuits = model.circuitScores(Array(heldOut.prefix(settings.circuitProbeCount)), geometry: geometry)
            }
            progress(report)
        }
        return TrainingRun(settings: settings, config: config, losses: losses, evaluations: evaluations, best: best,
                               bestEvaluation: bestEvaluation, firstStepAtTarget: firstStepAtTarget, stopped: stopped,
                               heldOut: heldOut)
    }
}
