import AttnCore

/// `train ... layers=L [mlp=N]`, or `train` while a model of several layers
/// is the current model: fit the whole stack (embedding, every layer and
/// MLP, unembedding) and leave it as the session's model.
///
/// DECISIONS (documented in docs/reference.md §7.3):
/// - The shape is the current model's (name, layers, d_model, heads,
///   kv_heads, mlp, posenc) with `layers=`, `mlp=`, `d_model=`, `heads=`
///   applied; with no model yet it is `toy` with d_model 32, heads 1, no MLP
///   and the task's positions. Every layer gets the task's mask and no
///   ablation; the vocabulary is the task's. Weights are drawn fresh from `seed=`.
/// - Every evaluation also scores each head (previous token, induction,
///   duplicate token) on 32 held-out sequences; the plain report shows the
///   best head of each layer beside the loss.
/// - Afterwards the model holds the best weights and has run on the first
///   held-out sequence, its first layer the current layer.
extension Interpreter {
    /// Whether the current layer belongs to the session's model of several layers.
    var trainsCurrentStack: Bool {
        guard state.activeModel == .stack, let stack = state.stack, let current = state.currentLayer else { return false }
        return stack.index(of: current) != nil
    }

    mutating func trainStack(_ task: TrainingTask, _ given: TrainingSettings, _ command: CommandInvocation) throws {
        let range = command.nameRange
        var settings = given
        settings.tracksCircuits = true
        let existing = trainsCurrentStack ? state.stack : nil
        let template = existing.flatMap { stack in state.layers[stack.layerName(0)]?.config }
        let depth = command.integerOption("layers") ?? existing?.depth ?? 1
        guard (1...16).contains(depth) else { throw LangError("layers must be between 1 and 16, got \(depth)", at: command.options["layers"]?.range ?? range) }
        let mlp = command.integerOption("mlp") ?? existing?.mlpWidth ?? 0
        guard (0...4096).contains(mlp) else { throw LangError("mlp must be between 1 and 4096, got \(mlp)", at: command.options["mlp"]?.range ?? range) }
        var headCounts: [Int?] = [nil]
        if let option = command.options["heads"], case .integerList(let list) = option.value {
            guard list.allSatisfy({ (1...64).contains($0) }) else {
                throw LangError("heads must be between 1 and 64, got \(list.map(String.init).joined(separator: ","))", at: option.range)
            }
            headCounts = list
        }
        var shape = StackModelState(name: existing?.name ?? "toy", depth: depth, mlpWidth: mlp, vocabulary: settings.vocabulary)
        shape.outputs = task.outputCount(vocabulary: settings.vocabulary)
        let configSets = try headCounts.map { heads in
            try located(range) {
                try shape.layerNames.map { name in
                    try LayerConfig.make(name: name, dModel: command.integerOption("d_model") ?? template?.dModel ?? 32,
                                         heads: heads ?? template?.heads ?? 1,
                                         kvHeads: heads == nil ? template?.kvHeads : nil,
                                         posenc: template?.posenc ?? task.defaultPositions, masks: task.masks)
                }
            }
        }
        let host = self.host
        let watch = try watchMilliseconds(command)
        let stop: () -> Bool = { host?.shouldStop() ?? Cancellation.current.consume() }
        var pending: [String] = []
        let live = liveOutput
        func emit(_ line: String) {
            if let live { live(line) } else { pending.append(line) }
        }
        let readMask: (String) throws -> Tensor = { [workspace = state.workspace] name in try Interpreter.read(name, from: workspace) }
        var runs: [TrainingRun<StackModel<Float>>] = []
        for configs in configSets {
            let first = configs[0]
            emit(stackTrainingHeader(task, settings, shape, first))
            let every = reportInterval(settings)
            let run = try located(range) {
                try Trainer.runStack(configs: configs, mlpWidth: mlp, settings: settings, readMask: readMask, progress: { progress in
                    Interpreter.show(progress, on: host, watch: watch)
                    guard progress.step % every == 0 || progress.step == progress.totalSteps else { return }
                    emit(progressLine(progress) + circuitText(progress.circuits))
                }, shouldStop: stop)
            }
            runs.append(run)
            emit(stackSummary(run))
            if run.stopped { break }
        }
        guard let last = runs.last else { return }
        var trained = shape
        trained.trainedLength = settings.length
        install(last.best, as: trained)
        let table = runs.map { figures($0, depth: depth) }
        storeTrainingFigures(table, losses: last.losses)
        pending.forEach { print($0) }
        if runs.count > 1 { print(headCountTable(table, target: settings.targetAccuracy, length: settings.length)) }
        let tokens = last.heldOut.first?.tokens.map(TrainingExample.label).joined(separator: " ") ?? ""
        print("model \(shape.name) now holds the trained model (\(stackText(last.best))); next: model heads, circuit \(shape.depth - 1).0")
        try runStackModel(tokens, at: range)
        present(.trainingFinished)
    }

    func stackTrainingHeader(_ task: TrainingTask, _ settings: TrainingSettings, _ shape: StackModelState, _ first: LayerConfig) -> String {
        "train \(task.rawValue) (\(task.description)): vocab \(settings.vocabulary), T \(settings.length)"
            + (task == .copy ? ", k \(settings.offset)" : "") + ", mask \(maskText(first))\n"
            + "  model \(shape.name): \(shape.depth) layer\(shape.depth == 1 ? "" : "s") on a residual stream, d_model \(first.dModel), heads \(first.heads), "
            + (shape.mlpWidth > 0 ? "ReLU MLP \(shape.mlpWidth)" : "attention only") + ", posenc \(first.posenc.rawValue); "
            + "\(settings.steps) steps of \(settings.batchSize) sequences, Adam lr \(number(settings.learningRate)), seed \(settings.seed)"
    }

    /// "  L0 previous token 0.93  L1 induction 0.81": each layer's strongest head and pattern.
    func circuitText(_ circuits: [[CircuitScores]]) -> String {
        let parts = circuits.enumerated().compactMap { layer, heads -> String? in
            var best: (head: Int, pattern: CircuitPattern, score: Float)?
            for (head, scores) in heads.enumerated() {
                for pattern in [CircuitPattern.previousToken, .induction, .duplicateToken] where scores.score(pattern) > (best?.score ?? -1) {
                    best = (head, pattern, scores.score(pattern))
                }
            }
            return best.map { "L\(layer).\($0.head) \($0.pattern.rawValue) \(StageFormatter.fixed($0.score, precision: 2))" }
        }
        return parts.isEmpty ? "" : "  " + parts.joined(separator: "  ")
    }

    func stackSummary(_ run: TrainingRun<StackModel<Float>>) -> String {
        let best = run.bestEvaluation
        var lines: [String] = []
        if run.stopped { lines.append("stopped after \(run.stepsRun) of \(run.settings.steps) steps; kept the best weights seen") }
        lines.append("held-out accuracy \(percent(best.score.accuracy)) (loss \(StageFormatter.fixed(Float(best.score.loss), precision: 3)), best at step \(best.step)) on \(run.heldOut.count) sequences drawn apart from the training stream")
        let target = percent(run.settings.targetAccuracy)
        lines.append(run.firstStepAtTarget.map { "reached \(target) at step \($0)" } ?? "did not reach \(target)")
        return lines.joined(separator: "\n")
    }
}
