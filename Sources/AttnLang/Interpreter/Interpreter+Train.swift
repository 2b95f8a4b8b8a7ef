import AttnCore

/// `train`: fit a tiny attention model to a toy task (issue 10) and leave
/// the trained layer in the workspace.
///
/// DECISIONS (documented in `help train` and the README):
/// - The layer starts from the current layer's settings (kv_heads, bias,
///   posenc, rope_base, temperature, scale, dropout) with `d_model=` and
///   `heads=` applied; without a current layer it is `attn` with d_model 16,
///   heads 1 and the task's positions (rope; sinusoidal for reverse, sort). The task sets the mask (causal for prev, copy
///   and induction; none for reverse and sort) and ablation is cleared.
///   Weights are drawn fresh (Glorot uniform) from `seed=`.
/// - Afterwards the layer (same name) holds the best weights by held-out
///   accuracy, then loss; `X` is the embedded first held-out sequence with
///   its tokens as labels (a, b, c, ...); `train.E`, `train.Wout`,
///   `train.bout` hold the embedding and readout, `train.loss` the curve.
/// - The trained layer is then run on `X` (as `run` would), so its trace is
///   there at once for `heads`, `explain` and `show attn.P`, in every shell.
/// - `heads=1,2,4` trains once per head count with the same seed and data
///   and leaves the last of them in the workspace.
extension Interpreter {
    /// Plain-mode report lines per run (about; the last step always reports).
    static let reportLines = 10
    /// Characters of a full-length loss sparkline.
    static let sparklineWidth = 24

    mutating func train(_ command: CommandInvocation) throws {
        let range = command.nameRange
        guard let taskWord = command.wordOption("task"), let task = TrainingTask(rawValue: taskWord) else {
            throw LangError("`train` needs task=, one of " + TrainingTask.allCases.map(\.rawValue).joined(separator: ", ") + "; usage: train task=prev", at: range)
        }
        let settings = try trainingSettings(task, command)
        // `pair` has V² output classes, which only the stack's unembedding has.
        if command.options["layers"] != nil || command.options["mlp"] != nil || trainsCurrentStack || task == .pair {
            return try trainStack(task, settings, command)
        }
        var headCounts: [Int?] = [nil]
        if let option = command.options["heads"], case .integerList(let list) = option.value {
            guard list.allSatisfy({ (1...64).contains($0) }) else {
                throw LangError("heads must be between 1 and 64, got \(list.map(String.init).joined(separator: ","))", at: option.range)
            }
            headCounts = list
        }
        let configs = try headCounts.map { try trainingConfig(task: task, heads: $0, command) }
        if let config = configs.first, config.posenc == .none {
            warn("layer \(config.name) has posenc=none: without positions the model cannot tell where a token stands, and \(task.rawValue) depends on it (try `set posenc=rope` first)", at: range)
        }
        let readMask: (String) throws -> Tensor = { [workspace = state.workspace] name in
            guard let tensor = workspace[name] else { throw TensorError("mask tensor `\(name)` is not defined") }
            return tensor
        }
        let host = self.host
        let watch = try watchMilliseconds(command)
        // Without a host, the Ctrl-C flag stops training (cleared, so the statement succeeds).
        let stop: () -> Bool = { host?.shouldStop() ?? Cancellation.current.consume() }
        // Progress lines go out as they happen when the session streams
        // output; otherwise they wait here and are printed before the summary.
        var pending: [String] = []
        let live = liveOutput
        func emit(_ line: String) {
            if let live { live(line) } else { pending.append(line) }
        }
        if configs.count == 1, let config = configs.first {
            emit(trainingHeader(task, settings, config))
            let every = reportInterval(settings)
            let outcome = try located(range) {
                try Trainer.run(config: config, settings: settings, readMask: readMask, progress: { progress in
                    Interpreter.show(progress, on: host, watch: watch)
                    guard progress.step % every == 0 || progress.step == progress.totalSteps else { return }
                    emit(progressLine(progress))
                }, shouldStop: stop)
            }
            try install(outcome, at: range)
            storeTrainingFigures([figures(outcome, depth: 1)], losses: outcome.losses)
            pending.forEach { print($0) }
            print(summary(outcome))
            try runTrainedLayer(at: range)
        } else {
            emit(comparisonHeader(task, settings, configs))
            var outcomes: [TrainingOutcome] = []
            for config in configs {
                let outcome = try located(range) {
                    try Trainer.run(config: config, settings: settings, readMask: readMask,
                                    progress: { Interpreter.show($0, on: host, watch: watch) }, shouldStop: stop)
                }
                outcomes.append(outcome)
                emit(comparisonLine(outcome, ceiling: outcomes.first?.losses.max()))
                if outcome.stopped { break }
            }
            if let last = outcomes.last {
                try install(last, at: range)
                let table = outcomes.map { figures($0, depth: 1) }
                storeTrainingFigures(table, losses: last.losses)
                pending.forEach { print($0) }
                print(headCountTable(table, target: settings.targetAccuracy, length: settings.length))
                print(comparisonSummary(outcomes))
                try runTrainedLayer(at: range)
            }
        }
    }

    /// The task's defaults with the command's options applied, validated.
    func trainingSettings(_ task: TrainingTask, _ command: CommandInvocation) throws -> TrainingSettings {
        var settings = TrainingSettings(task: task)
        if let value = command.integerOption("T") { settings.length = value }
        if let value = command.integerOption("vocab") { settings.vocabulary = value }
        if let value = command.integerOption("k") { settings.offset = value }
        if let value = command.integerOption("steps") { settings.steps = value }
        if let value = command.integerOption("batch") { settings.batchSize = value }
        if let value = command.numberOption("lr") { settings.learningRate = value }
        if let seed = try command.seedOption() { settings.seed = seed }
        try located(command.nameRange) { try settings.validate() }
        return settings
    }

    /// The layer to train: the current layer's settings (or the default
    /// layer) with d_model=/heads= applied, the task's mask, no ablation.
    func trainingConfig(task: TrainingTask, heads: Int?, _ command: CommandInvocation) throws -> LayerConfig {
        try located(command.nameRange) {
            var config: LayerConfig
            if let name = state.currentLayer, let layer = state.layers[name] {
                config = layer.config
                let dModel = command.integerOption("d_model")
                if dModel != nil || heads != nil {
                    config = try config.redimensioned(dModel: dModel, heads: heads)
                }
            } else {
                config = try LayerConfig.make(dModel: command.integerOption("d_model") ?? 16, heads: heads ?? 1,
                                              posenc: task.defaultPositions)
            }
            config.masks = task.masks
            config.ablated = []
            try config.validate()
            return config
        }
    }

    /// Steps between plain-mode report lines: a tenth of the run rounded up
    /// to whole evaluations (so at most ten lines, plus the last step's).
    func reportInterval(_ settings: TrainingSettings) -> Int {
        let every = settings.evaluateEvery
        let tenth = (settings.steps + Interpreter.reportLines - 1) / Interpreter.reportLines
        return max(every, (tenth + every - 1) / every * every)
    }

    func trainingHeader(_ task: TrainingTask, _ settings: TrainingSettings, _ config: LayerConfig) -> String {
        "train \(task.rawValue) (\(task.description)): vocab \(settings.vocabulary), T \(settings.length)"
            + (task == .copy ? ", k \(settings.offset)" : "") + ", mask \(maskText(config))\n"
            + "  layer \(layerText(config)); \(settings.steps) steps of \(settings.batchSize) sequences, Adam lr \(number(settings.learningRate)), seed \(settings.seed)"
    }

    func progressLine(_ progress: TrainingProgress) -> String {
        let perColumn = max(1, (progress.totalSteps + Interpreter.sparklineWidth - 1) / Interpreter.sparklineWidth)
        let line = Sparkline.render(progress.losses, perColumn: perColumn, ceiling: progress.losses.max(), ascii: drawsASCII)
        let stepText = String(progress.step).leftPadded(to: String(progress.totalSteps).count)
        let loss = StageFormatter.fixed(progress.losses.last ?? 0, precision: 3)
        return "step \(stepText)  loss \(loss)  \(line.padding(to: Interpreter.sparklineWidth))  held-out acc \(percent(progress.heldOut.accuracy))"
    }

    func summary(_ outcome: TrainingOutcome) -> String {
        let config = outcome.config
        let best = outcome.bestEvaluation
        var lines: [String] = []
        if outcome.stopped {
            lines.append("stopped after \(outcome.stepsRun) of \(outcome.settings.steps) steps; kept the best weights seen")
        }
        lines.append("held-out accuracy \(percent(best.score.accuracy)) (loss \(StageFormatter.fixed(Float(best.score.loss), precision: 3)), best at step \(best.step)) on \(outcome.heldOut.count) sequences drawn apart from the training stream")
        let target = percent(outcome.settings.targetAccuracy)
        lines.append(outcome.firstStepAtTarget.map { "reached \(target) at step \($0)" } ?? "did not reach \(target)")
        let tokens = outcome.heldOut.first?.tokens.map(TrainingExample.label).joined(separator: " ") ?? ""
        lines.append("\(config.name) now holds the trained layer (\(layerText(config)), mask \(maskText(config)))")
        lines.append("X = held-out sequence: \(tokens)   (train.E embedding, train.Wout/train.bout readout, train.loss curve)")
        return lines.joined(separator: "\n")
    }

    func comparisonHeader(_ task: TrainingTask, _ settings: TrainingSettings, _ configs: [LayerConfig]) -> String {
        let counts = configs.map { String($0.heads) }.joined(separator: ", ")
        return "train \(task.rawValue) (\(task.description)) with heads \(counts) at d_model \(configs.first?.dModel ?? 0): same seed \(settings.seed), same data\n"
            + "  vocab \(settings.vocabulary), T \(settings.length), mask \(configs.first.map(maskText) ?? "none"), \(settings.steps) steps of \(settings.batchSize), Adam lr \(number(settings.learningRate)); target \(percent(settings.targetAccuracy)) held-out"
    }

    func comparisonLine(_ outcome: TrainingOutcome, ceiling: Float?) -> String {
        let curve = Sparkline.render(outcome.losses, width: Interpreter.sparklineWidth, ceiling: ceiling, ascii: drawsASCII)
        let reached = outcome.firstStepAtTarget.map { "\(percent(outcome.settings.targetAccuracy)) at step \($0)" } ?? "not reached"
        let final = outcome.evaluations.last?.score
        return "heads \(String(outcome.config.heads).leftPadded(to: 2))  \(curve.padding(to: Interpreter.sparklineWidth))  loss \(StageFormatter.fixed(outcome.losses.last ?? 0, precision: 3))  acc \(percent(final?.accuracy ?? 0))  \(reached)"
    }

    func comparisonSummary(_ outcomes: [TrainingOutcome]) -> String {
        guard let last = outcomes.last else { return "" }
        var lines: [String] = []
        if last.stopped { lines.append("stopped during heads=\(last.config.heads) after \(last.stepsRun) steps") }
        lines.append("curves share one scale (the first run's highest loss); \(last.config.name) now holds the heads=\(last.config.heads) layer, X a held-out sequence")
        return lines.joined(separator: "\n")
    }

    /// Puts the best weights of `outcome` into the workspace as an ordinary layer.
    mutating func install(_ outcome: TrainingOutcome, at range: SourceRange) throws {
        let config = outcome.config
        let model = outcome.best
        if let old = state.layers[config.name] {
            for weight in LayerWeights.names(for: old.config) { state.workspace.remove(weight) }
            for traced in old.traceNames { state.workspace.remove(traced) }
        }
        for weight in model.layer.tensors(config: config) {
            state.workspace.set(weight.name, weight.tensor, origin: .layerWeight)
        }
        state.layers[config.name] = LayerState(config: config)
        state.currentLayer = config.name
        let (d, v) = (config.dModel, model.vocabulary)
        let tokens = outcome.heldOut.first?.tokens ?? []
        state.workspace.set("X", Tensor(unchecked: [tokens.count, d], scalars: model.embed(tokens)))
        state.labels["X"] = tokens.map(TrainingExample.label)
        state.workspace.set("train.E", Tensor(unchecked: [v, d], scalars: model.embedding))
        state.workspace.set("train.Wout", Tensor(unchecked: [d, v], scalars: model.readout))
        state.workspace.set("train.bout", Tensor(unchecked: [v], scalars: model.readoutBias))
    }

    /// Runs the layer just installed on the held-out sequence `X`, so `heads`, `explain` and
    /// `show NAME.P` work at once, and says what to try next.
    mutating func runTrainedLayer(at range: SourceRange) throws {
        // The layer runs as a bare `run` would: on X, with no kv=.
        guard let run = CommandSpec.named("run") else { preconditionFailure("the command table has no `run`") }
        try runLayer(CommandInvocation(spec: run, nameRange: range))
        print("next: heads, explain, show \(AttentionStage.p.tensorName(layer: state.currentLayer ?? "attn"))")
        present(.trainingFinished)
    }

    func layerText(_ config: LayerConfig) -> String {
        var parts = ["\(config.name) d_model \(config.dModel)", "heads \(config.heads)"]
        if config.kvHeads != config.heads { parts.append("kv_heads \(config.kvHeads)") }
        parts.append("posenc \(config.posenc.rawValue)")
        if config.bias { parts.append("bias") }
        if config.dropout > 0 { parts.append("dropout \(number(config.dropout))") }
        return parts.joined(separator: " ")
    }

    func maskText(_ config: LayerConfig) -> String {
        config.masks.isEmpty ? "none" : config.masks.map(\.description).joined(separator: " ")
    }

    func percent(_ fraction: Double) -> String {
        StageFormatter.fixed(Float(fraction * 100), precision: 1) + "%"
    }

    func number(_ value: Float) -> String { TensorFormatter.formatScalar(value, precision: 6) }
}

extension String {
    /// The string with spaces in front up to `width` characters.
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
