import AttnCore

/// The loaded model as one `HeadModel`, whatever its kind, and the
/// interventions on it: `model ablate`, `model patch`, and the embedding and
/// cosine that `model run` reports.
///
/// DECISIONS (docs/reference.md, "Real heads"):
/// - The output measure is `model.embedding` [D]: the mean over positions of
///   the last layer's output, divided by its L2 norm. For a toy stack the last
///   output is its final residual stream (before the unembedding), pooled the
///   same way, so every measure is the same cosine on both kinds.
/// - `model ablate` and `model patch` change every later run of the model;
///   `model run` then reports cos(intact, changed), and `model.embedding`,
///   the layers and `model overview` show the changed run.
/// - A patched head's output is its Z in the run of the `from=` sentence with
///   the ablations in force then (and no patches).
extension Interpreter {
    /// The loaded model as a `HeadModel` (a stack as it stands in the workspace now).
    func headModel(at range: SourceRange) throws -> any HeadModel {
        switch state.loaded {
        case .encoder(let model)?:
            return model.model.encoder
        case .stack?:
            let (_, model) = try currentStack(at: range)
            let workspace = state.workspace
            return StackHeadModel(model: model) { length in
                try model.geometries(length: length) { name in try Interpreter.read(name, from: workspace) }
            }
        case nil:
            throw LangError("no model: `model load` the pretrained encoder or `model new layers=2 d_model=16 heads=2`", at: range)
        }
    }

    /// The token ids and labels of `text` in the loaded model: word pieces, or a stack's tokens.
    func modelTokens(_ text: String, at range: SourceRange) throws -> (ids: [Int], labels: [String]) {
        switch state.loaded {
        case .encoder(let model)?:
            let encoding = model.model.tokenizer.encode(text)
            return (encoding.ids, encoding.pieces)
        case .stack(let shape)?:
            let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            let ids = try words.map { word -> Int in
                guard let token = Interpreter.token(word), token < shape.vocabulary else {
                    throw LangError("`\(word)` is not a token of model \(shape.name) (a–\(TrainingExample.label(min(25, shape.vocabulary - 1))), tN or a number below \(shape.vocabulary))", at: range)
                }
                return token
            }
            guard !ids.isEmpty else { throw LangError("no tokens in `\(text)`", at: range) }
            return (ids, ids.map(TrainingExample.label))
        case nil:
            throw LangError("no model: `model load` the pretrained encoder or `model new layers=2 d_model=16 heads=2`", at: range)
        }
    }

    /// The last sentence given to `model run`: its text, ids and labels.
    func lastModelSentence(at range: SourceRange) throws -> (text: String, ids: [Int], labels: [String]) {
        switch state.loaded {
        case .encoder(let model)?:
            if let text = model.text, let tokens = model.tokens { return (text, tokens.ids, tokens.pieces) }
        case .stack(let shape)?:
            if let tokens = shape.tokens { return (shape.labels.joined(separator: " "), tokens, shape.labels) }
        case nil:
            break
        }
        throw LangError("no sentence yet: `model run TEXT` first", at: range)
    }

    /// The intact run of `ids` and, when heads are ablated or patched, the changed run.
    /// A patch taken from a sentence of another length is an error at `range`.
    func modelRuns(_ ids: [Int], in model: any HeadModel, at range: SourceRange) throws -> (intact: ModelTrace, changed: ModelTrace) {
        let heads = state.interventions.heads
        for (address, patch) in heads.patches.sorted(by: { $0.key < $1.key }) where patch.shape[0] != ids.count {
            let source = state.interventions.patchSources[address] ?? "?"
            throw LangError("head \(address) is patched from \"\(source)\" (\(patch.shape[0]) tokens), but this sentence has \(ids.count) tokens; patching needs equal token counts (`model patch none` to stop)", at: range)
        }
        let intact = try located(range) { try model.trace(ids) }
        guard !heads.isEmpty else { return (intact, intact) }
        let changed = try located(range) { try model.trace(ids, interventions: heads, reusing: intact) }
        return (intact, changed)
    }

    /// Stores `model.embedding` from `changed` and, when it differs from the intact run, prints their cosine.
    mutating func reportEmbedding(intact: ModelTrace, changed: ModelTrace) {
        let embedding = changed.embedding
        state.workspace.set("model.embedding", Tensor(unchecked: [embedding.count], scalars: embedding.map(Float.init)))
        let heads = state.interventions.heads
        guard !heads.isEmpty else { return }
        let cosine = ModelTrace.cosine(intact.embedding, embedding)
        print("heads \(heads.description): cos(intact, changed) = \(StageFormatter.fixed(Float(cosine), precision: 4)); model.embedding is the changed one")
    }

    /// The heads named by `L.H` words, checked against the model (the error names the range).
    func headAddresses(_ values: [ArgumentValue], in model: any HeadModel, command: String) throws -> [HeadAddress] {
        try values.map { value in
            let text = value.string ?? Interpreter.written(value)
            guard let address = HeadAddress(text) else {
                throw LangError("`\(command)` takes heads written L.H (layer.head, as 2.5), not `\(text)`", at: value.range)
            }
            guard address.layer < model.layerCount else {
                throw LangError("head \(address): the model has layers 0..\(model.layerCount - 1), not \(address.layer)", at: value.range)
            }
            guard address.head < model.headCount else {
                throw LangError("head \(address): each layer has heads 0..\(model.headCount - 1), not \(address.head)", at: value.range)
            }
            return address
        }
    }

    /// `model ablate L.H [L.H ...] [mode=zero|mean]` and `model ablate none`.
    mutating func ablateModelHeads(_ command: CommandInvocation, at range: SourceRange) throws {
        let model = try headModel(at: range)
        let values = try command.requiredValues("L.H")
        if values.count == 1, values[0].string == "none" {
            state.interventions.heads.ablated = []
        } else {
            let heads = try headAddresses(values, in: model, command: "model ablate")
            state.interventions.heads.ablated.formUnion(heads)
        }
        if let mode = command.wordOption("mode").flatMap(HeadInterventions.Mode.init(rawValue:)) {
            state.interventions.heads.mode = mode
        }
        let heads = state.interventions.heads
        print(heads.ablated.isEmpty ? "no head ablated" : "ablated in the whole model: " + heads.ablated.sorted().map(\.description).joined(separator: " ") + " (mode=\(heads.mode.rawValue))")
        try rerunLastSentence(at: range)
    }

    /// `model patch L.H from="TEXT"` and `model patch none`.
    mutating func patchModelHead(_ command: CommandInvocation, at range: SourceRange) throws {
        let model = try headModel(at: range)
        let value = try command.required("L.H")
        if value.string == "none" {
            state.interventions.heads.patches = [:]
            state.interventions.patchSources = [:]
            print("no head patched")
            return try rerunLastSentence(at: range)
        }
        let address = try headAddresses([value], in: model, command: "model patch")[0]
        guard let option = command.options["from"], case .word(let source) = option.value else {
            throw LangError("`model patch \(address)` needs the sentence to take the head's output from: from=\"TEXT\"", at: range)
        }
        let (ids, _) = try modelTokens(source, at: option.range)
        var ablatedOnly = state.interventions.heads
        ablatedOnly.patches = [:]
        let run = try located(option.range) { try model.trace(ids, interventions: ablatedOnly) }
        let z = run.headOutputs[address.layer]  // [H, T, K]
        let (t, k) = (z.shape[1], z.shape[2])
        let base = address.head * t * k
        state.interventions.heads.patches[address] = Tensor(unchecked: [t, k], scalars: Array(z.scalars[base..<(base + t * k)]))
        state.interventions.patchSources[address] = source
        print("head \(address) patched with its output in \"\(source)\" (\(t) tokens); `model run` a sentence of \(t) tokens to see the effect")
        try rerunLastSentence(at: range, onlyWithTokens: t)
    }

    /// Runs the last sentence again with the interventions now set, when there is one
    /// (and, with `onlyWithTokens`, when it has that many tokens).
    mutating func rerunLastSentence(at range: SourceRange, onlyWithTokens count: Int? = nil) throws {
        guard let last = try? lastModelSentence(at: range) else { return }
        if let count, last.ids.count != count { return }
        switch state.loaded {
        case .encoder?: try runModel(last.text, at: range, quiet: true)
        case .stack?: try runStackModel(last.labels.joined(separator: " "), at: range)
        case nil: break
        }
    }
}

extension Interpreter {
    /// Stores `NAME.norms` [H, Tq, Tk] after a `run` of `layer`, derived on first read from
    /// the run's P and V and the layer's Wo now (docs/reference.md, "Real heads"):
    ///
    ///     norms[h, i, j] = ‖P[h, i, j] · (V[g][j, :] · Wo[h·K ..< (h+1)·K, :])‖₂
    mutating func storeNorms(of layer: LayerState, _ forward: AttentionFastPath.Forward) {
        guard let p = forward.stages[.p], let v = forward.stages[.v],
              let wo = state.workspace[layer.name + ".Wo"] else { return }
        // P comes back from Q and K (bit for bit) rather than being held here: a second hold on
        // the run's P [H, Tq, Tk] would keep the next `run` from writing into its buffer.
        let derived = forward.derived
        let entry = DerivedTensor(shape: p.shape) { try AttentionNorms.norms(p: try derived.weights(), v: v, wo: wo) }
        state.workspace.set(layer.name + ".norms", derived: entry, origin: .trace)
    }
}
