import AttnCore

/// Running a layer's forward pass: `run`, `step`, `back`, `reset`.
///
/// Stage tensors are ordinary workspace tensors (`NAME.Q`, `NAME.P`, ...),
/// and every stage reads its inputs from the workspace, so an edit between
/// two `step`s flows into every later stage (docs/reference.md §3.2).
extension Interpreter {
    /// `run [X] [kv=Y]`: every stage, in the workspace.
    ///
    /// Computed by the fused fast path, which gives the same bits as eleven
    /// `step`s. scores, scaled and masked ([H, Tq, Tk] each) are not held:
    /// they are derived entries, computed from this run's Q and K the first
    /// time someone reads them, exactly as `step` would have stored them.
    mutating func runLayer(_ command: CommandInvocation) throws {
        var layer = try currentLayer(at: command.nameRange)
        let inputs = try traceInputs(command)
        releaseWeights(of: layer)
        clearTrace(&layer)
        let workspace = state.workspace
        let forward = try located(command.nameRange) {
            try AttentionFastPath.forward(config: layer.config, read: { try Interpreter.read($0, from: workspace) },
                                          input: inputs.input, kv: inputs.kv)
        }
        layer.start(inputs)
        let derived = forward.derived
        for stage in AttentionStage.allCases {
            let name = stage.tensorName(layer: layer.name)
            if stage == .p, let tensor = forward.stages[stage] {
                // Held, and recomputable, so that the next `run` can write over it.
                let entry = DerivedTensor(computed: tensor) { try derived.weights() }
                state.workspace.set(name, derived: entry, origin: .trace)
            } else if let tensor = forward.stages[stage] {
                state.workspace.set(name, tensor, origin: .trace)
            } else {
                let entry = DerivedTensor(shape: derived.shape(of: stage), recipe: { try derived.tensor(stage) },
                                          element: { index in
                                              index.count == 3 ? derived.element(stage, head: index[0], row: index[1],
                                                                                 column: index[2]) : nil
                                          })
                state.workspace.set(name, derived: entry, origin: .trace)
            }
            if stage == .masked { state.workspace.set(layer.name + ".mask", forward.mask, origin: .trace) }
        }
        storeNorms(of: layer, forward)
        for warning in forward.warnings { warn(warning, at: command.nameRange) }
        layer.computed = AttentionStage.allCases.count
        state.layers[layer.name] = layer
        let out = AttentionStage.out.tensorName(layer: layer.name)
        print("ran \(AttentionStage.allCases.count) stages: \(AttentionStage.x.tensorName(layer: layer.name)) … \(out)  \(Tensor.describe(forward.stages[.out]?.shape ?? []))")
    }

    /// `step [N]`: the next N stages (default 1), each printed.
    mutating func stepLayer(_ command: CommandInvocation) throws {
        var layer = try currentLayer(at: command.nameRange)
        var count = 1
        if case .integer(let n, let range)? = command.value("N") {
            guard n >= 1 else { throw LangError("`step` takes a positive number of stages, got \(n)", at: range) }
            count = n
        }
        let total = AttentionStage.allCases.count
        guard layer.computed + count <= total else {
            let left = total - layer.computed
            let message = left == 0
                ? "all \(total) stages of `\(layer.name)` are computed; use `back` or `reset` (or `run` again)"
                : "only \(left) stage\(left == 1 ? "" : "s") of `\(layer.name)` left to compute, not \(count)"
            throw LangError(message, at: command.nameRange)
        }
        if layer.computed == 0 {
            layer.start(try traceInputs(command))
        } else if let kvOption = command.options["kv"] {
            throw LangError("`kv=` only applies when a trace starts; `reset` first", at: kvOption.range)
        }
        guard let input = layer.input else {
            throw LangError("the trace of `\(layer.name)` has no input; `reset` and start again", at: command.nameRange)
        }
        for _ in 0..<count {
            guard let stage = AttentionStage(number: layer.computed + 1) else { break }
            let workspace = state.workspace
            let output = try located(command.nameRange) {
                try AttentionEngine.compute(stage, config: layer.config,
                                            read: { try Interpreter.read($0, from: workspace) },
                                            input: input, kv: layer.kv)
            }
            store(output, layer: &layer, at: command.nameRange)
            print(StageFormatter.stepReport(output, layer: layer, precision: state.precision))
        }
        state.layers[layer.name] = layer
    }

    /// `back [N]`: forgets the last stage (or N), removing its tensor.
    mutating func backLayer(_ command: CommandInvocation) throws {
        var layer = try currentLayer(at: command.nameRange)
        var count = 1
        if case .integer(let n, let range)? = command.value("N") {
            guard n >= 1 else { throw LangError("`back` takes a positive number of stages, got \(n)", at: range) }
            count = n
        }
        guard layer.computed >= count else {
            let message = layer.computed == 0 ? "the trace of `\(layer.name)` is empty; nothing to go back from"
                : "only \(layer.computed) stage\(layer.computed == 1 ? " is" : "s are") computed, cannot go back \(count)"
            throw LangError(message, at: command.nameRange)
        }
        for _ in 0..<count {
            guard let stage = layer.lastStage else { break }
            state.workspace.remove(stage.tensorName(layer: layer.name))
            if stage == .masked { state.workspace.remove(layer.name + ".mask") }
            layer.computed -= 1
        }
        state.layers[layer.name] = layer
        let now = layer.lastStage.map { "stage \($0.number)/11 \($0.tensorName(layer: layer.name))" } ?? "no stages"
        print("back to \(now)")
    }

    /// Lets go of the P of `layer`'s last run before a new run computes its
    /// own: every copy of the workspace still reads the same P (recomputed
    /// from that run's Q, K, V and mask if read again), so a `run` that fails
    /// or is cancelled leaves the workspace as it was, and the new run may
    /// write into the old buffer instead of mapping 1 GiB afresh (T = 4096,
    /// H = 16). A P edited since, or one that `step` stored, is not touched.
    func releaseWeights(of layer: LayerState) {
        let name = AttentionStage.p.tensorName(layer: layer.name)
        guard let entry = state.workspace.entry(name), entry.origin == .trace,
              let derived = entry.derived else { return }
        derived.release()
    }

    /// Removes every trace tensor of `layer` from the workspace.
    mutating func clearTrace(_ layer: inout LayerState) {
        for name in layer.traceNames { state.workspace.remove(name) }
        layer.computed = 0
        layer.input = nil
        layer.kv = nil
    }

    /// Stores one stage's tensors as trace tensors and reports its warnings.
    private mutating func store(_ output: StageOutput, layer: inout LayerState, at range: SourceRange) {
        state.workspace.set(output.stage.tensorName(layer: layer.name), output.tensor, origin: .trace)
        for extra in output.extras { state.workspace.set(extra.name, extra.tensor, origin: .trace) }
        for warning in output.warnings { warn(warning, at: range) }
        layer.computed = output.stage.number
    }

    /// The input X (argument, else the tensor `X`), the optional kv tensor,
    /// and their token labels.
    private mutating func traceInputs(_ command: CommandInvocation) throws -> TraceInputs {
        var inputs: TraceInputs
        if case .expression(let expr)? = command.value("X") {
            inputs = TraceInputs(input: try evaluate(expr))
            if case .name(let name, _) = expr { inputs.queryLabels = state.labels[name] ?? [] }
        } else {
            guard let x = state.workspace["X"] else {
                throw LangError("no input: create X with `tokens WORD...`, or give a tensor: `run T`", at: command.nameRange)
            }
            inputs = TraceInputs(input: x)
            inputs.queryLabels = state.labels["X"] ?? []
        }
        inputs.keyLabels = inputs.queryLabels
        if let expr = command.expressionOption("kv") {
            inputs.kv = try evaluate(expr)
            inputs.keyLabels = []
            if case .name(let name, _) = expr { inputs.keyLabels = state.labels[name] ?? [] }
        }
        // Labels only count when they match the rows they name.
        if inputs.queryLabels.count != inputs.input.shape.first { inputs.queryLabels = [] }
        if inputs.keyLabels.count != (inputs.kv ?? inputs.input).shape.first { inputs.keyLabels = [] }
        return inputs
    }

    /// Reads a tensor for the engine, with a sentence for a missing one.
    static func read(_ name: String, from workspace: Workspace) throws -> Tensor {
        guard let tensor = workspace[name] else {
            throw TensorError("`\(name)` is not in the workspace (deleted?); `reset` or redefine the layer")
        }
        return tensor
    }
}
