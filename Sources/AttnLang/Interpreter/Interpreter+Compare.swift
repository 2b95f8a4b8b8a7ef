import AttnCore

/// `snapshot NAME [of LAYER]`, `view A vs B`, and `view EXPR` of an expression
/// (docs/reference.md §6.3).
extension Interpreter {
    /// `snapshot NAME [of LAYER]`: the layer's trace as it is now, kept as `NAME.<stage>`.
    ///
    /// Taking a snapshot under a name already used for one replaces it. NAME is one word, and
    /// may not be a layer's name or the prefix of a tensor of another origin.
    mutating func snapshot(_ command: CommandInvocation) throws {
        let (name, nameRange) = try command.name("NAME")
        if command.value("of") != nil, command.value("LAYER") == nil {
            throw LangError("`snapshot NAME of LAYER` needs the layer after `of`", at: command.nameRange)
        }
        let layer: LayerState
        if case .name(let layerName, let range)? = command.value("LAYER") {
            guard command.value("of") != nil else {
                throw LangError("write `snapshot \(name) of \(layerName)`", at: range)
            }
            guard let named = state.layers[layerName] else {
                throw LangError("no layer `\(layerName)`\(EditDistance.hint(for: layerName, among: state.layers.keys))", at: range)
            }
            layer = named
        } else {
            layer = try currentLayer(at: command.nameRange)
        }
        guard !name.contains(".") else {
            throw LangError("a snapshot's name is one word (its tensors are `\(name).P` ...); `\(name)` has a dot", at: nameRange)
        }
        guard state.layers[name] == nil else {
            throw LangError("`\(name)` is a layer; a snapshot needs a name of its own, such as `before`", at: nameRange)
        }
        if let taken = state.workspace.names.first(where: {
            $0.hasPrefix(name + ".") && state.workspace.entry($0)?.origin != .snapshot
        }) {
            throw LangError("`\(taken)` is already in the workspace; choose another name for the snapshot", at: nameRange)
        }
        guard layer.computed > 0 else {
            throw LangError("layer `\(layer.name)` has no trace yet; `run` or `step` it, then take the snapshot", at: command.nameRange)
        }
        if let old = state.snapshots[name] {
            for tensorName in old.tensorNames { state.workspace.remove(tensorName) }
        }
        let snapshot = TraceSnapshot(name: name, of: layer)
        var kept = 0
        for stage in AttentionStage.allCases.prefix(layer.computed) {
            guard let tensor = state.workspace[stage.tensorName(layer: layer.name)] else { continue }
            state.workspace.set(stage.tensorName(layer: name), tensor, origin: .snapshot)
            kept += 1
        }
        if let mask = state.workspace[layer.name + ".mask"] {
            state.workspace.set(name + ".mask", mask, origin: .snapshot)
        }
        state.snapshots[name] = snapshot
        let last = snapshot.lastStage.map { $0.tensorName(layer: name) } ?? name
        print("snapshot \(name): \(kept) stage\(kept == 1 ? "" : "s") of \(layer.name) (\(AttentionStage.x.tensorName(layer: name)) … \(last)); `view \(name) vs \(layer.name)` shows what changes")
    }

    /// `view A vs B [stage=S]`: checks that the two traces can be compared, then asks the
    /// screen to show them.
    mutating func viewComparison(_ command: CommandInvocation, before: Expr) throws {
        guard case .name(let beforeName, let beforeRange) = before else {
            throw LangError("`view A vs B` compares two traces: A and B are snapshot or layer names", at: before.range)
        }
        // `vs` is read as a name so that `view before attn` can be told how to write it.
        if case .name(let word, let range)? = command.value("vs"), word != CommandSpec.ViewWord.versus {
            let after = command.value("B") == nil ? word : "B"
            throw LangError("`view A vs B` compares two traces: write `view \(beforeName) vs \(after)`", at: range)
        }
        guard case .name(let afterName, let afterRange)? = command.value("B") else {
            throw LangError("write `view \(beforeName) vs B` with B a snapshot or layer name", at: command.nameRange)
        }
        var stage: AttentionStage?
        var stageRange = command.nameRange
        if let option = command.options["stage"], case .word(let word) = option.value {
            stage = AttentionStage(name: word)
            stageRange = option.range
        }
        let request = TraceComparison.Request(before: beforeName, after: afterName, stage: stage)
        do {
            _ = try TraceComparison(request, in: state)
        } catch {
            let range = switch error.part {
            case .before: beforeRange
            case .after: afterRange
            case .stage: stageRange
            }
            throw LangError(error.message, at: range)
        }
        present(.compare(request))
    }

    /// `view EXPR` of an expression that is not a name: its value now, as a grid with the
    /// labels it keeps.
    mutating func viewExpression(_ expr: Expr) throws {
        let value = try evaluate(expr)
        let labels = try axisLabels(of: expr)?.labels
        guard let viewed = ViewedExpression(text: "\(expr)", value: value, labels: labels) else {
            let problem = value.shape.contains(0) ? "has an empty axis" : "is of rank \(value.rank)"
            throw LangError("`view` shows values of rank 1, 2 or 3; `\(expr)` \(problem) (shape \(Tensor.describe(value.shape)))", at: expr.range)
        }
        present(.viewExpression(viewed))
    }
}
