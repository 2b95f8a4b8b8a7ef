import AttnCore
import Glibc

/// What `train` reports beyond its progress lines: the tensors it leaves for `expect` and
/// arithmetic, the head-count table with its cost, and the pace of the live chart
/// (docs/reference.md §7.2.1).
///
/// DECISIONS:
/// - One entry per run, in the order of `heads=` (one run without a list): `train.heads` the
///   query heads, `train.steps` the first evaluated step at the 99% target (`inf` when it was
///   not reached, so `train.steps[1] < train.steps[0]` reads "two heads got there first"),
///   `train.accuracy` the final held-out accuracy (0 to 1), `train.flops` the attention FLOPs
///   of one forward pass over a sequence of the task's T tokens, every layer counted as `cost`
///   counts it (`AttentionCost`). `train.loss` is the last run's training loss per step.
/// - The FLOPs are the attention layers' only: the embedding, the MLP and the unembedding cost
///   the same whatever the head count, so they would hide nothing but dilute the comparison.
extension Interpreter {
    /// One run's figures: a row of the head-count table and an entry of each `train.*` tensor.
    struct RunFigures {
        var heads: Int
        var dHead: Int
        var stepsToTarget: Int?
        var finalAccuracy: Double
        var attentionFlops: Int
        var parameters: Int
    }

    /// The figures of `run`, whose model has `depth` layers shaped like `run.config`.
    func figures<Model>(_ run: TrainingRun<Model>, depth: Int) -> RunFigures {
        let cost = try? AttentionCost(config: run.config, tq: run.settings.length)
        return RunFigures(heads: run.config.heads, dHead: run.config.dHead, stepsToTarget: run.firstStepAtTarget,
                          finalAccuracy: run.evaluations.last?.score.accuracy ?? 0,
                          attentionFlops: (cost?.totalFlops ?? 0) * depth, parameters: (cost?.parameters ?? 0) * depth)
    }

    /// Stores `train.heads`, `train.steps`, `train.accuracy`, `train.flops` and `train.loss`.
    mutating func storeTrainingFigures(_ runs: [RunFigures], losses: [Float]) {
        func vector(_ values: [Float]) -> Tensor { Tensor(unchecked: [values.count], scalars: values) }
        state.workspace.set("train.heads", vector(runs.map { Float($0.heads) }))
        state.workspace.set("train.steps", vector(runs.map { $0.stepsToTarget.map(Float.init) ?? .infinity }))
        state.workspace.set("train.accuracy", vector(runs.map { Float($0.finalAccuracy) }))
        state.workspace.set("train.flops", vector(runs.map { Float($0.attentionFlops) }))
        state.workspace.set("train.loss", vector(losses))
    }

    /// The head-count table: per head count the steps to the target, the final held-out
    /// accuracy, and what a forward pass costs (attention FLOPs for T tokens, parameters), with a
    /// closing line on how the FLOPs grew from the fewest heads to the most.
    func headCountTable(_ runs: [RunFigures], target: Double, length: Int) -> String {
        var rows = [["heads", "d_head", "steps to \(percent(target))", "final held-out acc",
                     "attention FLOPs (T=\(length))", "parameters"]]
        for run in runs {
            rows.append([String(run.heads), String(run.dHead), run.stepsToTarget.map(String.init) ?? "not reached",
                         percent(run.finalAccuracy), String(run.attentionFlops), String(run.parameters)])
        }
        var lines = Interpreter.aligned(rows, rightAligned: [0, 1, 4, 5])
        if let fewest = runs.min(by: { $0.heads < $1.heads }), let most = runs.max(by: { $0.heads < $1.heads }),
           most.heads > fewest.heads, fewest.attentionFlops > 0 {
            let growth = Double(most.attentionFlops) / Double(fewest.attentionFlops)
            let parameters = most.parameters == fewest.parameters ? "the same parameters"
                : "\(StageFormatter.fixed(Float(most.parameters) / Float(max(1, fewest.parameters)), precision: 2))× the parameters"
            lines.append("\(most.heads)× the heads of \(fewest.heads): \(StageFormatter.fixed(Float(growth), precision: 2))× the attention FLOPs, \(parameters)"
                         + " (the projections are D×D whatever H; the scaling and softmax, H·T² each, grow)")
        }
        return lines.joined(separator: "\n")
    }

    /// `watch=MS`, checked: 0 to 10000 milliseconds (default 0).
    func watchMilliseconds(_ command: CommandInvocation) throws -> Int {
        let watch = command.integerOption("watch") ?? 0
        guard (0...10_000).contains(watch) else {
            throw LangError("watch must be between 0 and 10000 milliseconds, got \(watch)", at: command.options["watch"]?.range ?? command.nameRange)
        }
        return watch
    }

    /// Hands `progress` to the host and, where it draws the chart live, holds it there `watch`
    /// milliseconds (in slices of 10, so Ctrl-C still stops at once); elsewhere `watch` costs nothing.
    static func show(_ progress: TrainingProgress, on host: SessionHost?, watch: Int) {
        host?.trainingProgressed(progress)
        guard watch > 0, host?.drawsTrainingLive == true else { return }
        var left = watch
        while left > 0, !Cancellation.current.isRequested {
            usleep(useconds_t(min(left, 10) * 1000))
            left -= 10
        }
    }
}
