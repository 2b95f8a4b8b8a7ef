import AttnCore

/// Defining and changing attention layers: `mha`, `use`, `config`, `set`.
extension Interpreter {
    /// The layer called `name`, or an error with a suggestion.
    public func layer(named name: String, at range: SourceRange) throws -> LayerState {
        if let layer = state.layers[name] { return layer }
        let suggestion = EditDistance.closest(to: name, among: Array(state.layers.keys)).map { "; did you mean `\($0)`?" } ?? ""
        throw LangError("no layer called `\(name)`\(suggestion)", at: range)
    }

    /// The current layer, or an error telling how to make one.
    public func currentLayer(at range: SourceRange) throws -> LayerState {
        guard let name = state.currentLayer, let layer = state.layers[name] else {
            throw LangError("no attention layer yet: define one with `mha d_model=8 heads=2`", at: range)
        }
        return layer
    }

    /// `mha [NAME] d_model=D heads=H ...`: a new layer with fresh weights.
    mutating func defineLayer(_ command: CommandInvocation) throws {
        var name = "attn"
        if case .name(let given, _)? = command.value("NAME") { name = given }
        guard let dModel = command.integerOption("d_model"), let heads = command.integerOption("heads") else {
            throw LangError("`mha` needs d_model= and heads=; usage: mha [NAME] d_model=D heads=H", at: command.nameRange)
        }
        let seed = try command.seedOption()
        let config = try located(command.nameRange) {
            try LayerConfig.make(
                name: name, dModel: dModel, heads: heads, dHead: command.integerOption("d_head"),
                kvHeads: command.integerOption("kv_heads"), bias: command.booleanOption("bias") ?? false,
                initScheme: command.wordOption("init").flatMap(LayerConfig.InitScheme.init(rawValue:)) ?? .xavier,
                seed: seed)
        }
        if let old = state.layers[name] {
            for weight in LayerWeights.names(for: old.config) { state.workspace.remove(weight) }
            for traced in old.traceNames { state.workspace.remove(traced) }
        }
        try installWeights(for: config, at: command.nameRange)
        state.layers[name] = LayerState(config: config)
        state.currentLayer = name
        print("\(config.description)  (weights \(LayerWeights.names(for: config).joined(separator: " ")))")
    }

    /// Draws fresh weights for `config` into the workspace, from the layer's
    /// seed or else the workspace generator.
    mutating func installWeights(for config: LayerConfig, at range: SourceRange) throws {
        var weights: [(name: String, tensor: Tensor)]
        if let seed = config.seed {
            var generator = RandomSource(seed: seed)
            weights = try located(range) { try LayerWeights.initialise(config, using: &generator) }
        } else {
            var generator = state.generator
            weights = try located(range) { try LayerWeights.initialise(config, using: &generator) }
            state.generator = generator
        }
        for weight in weights { state.workspace.set(weight.name, weight.tensor, origin: .layerWeight) }
    }

    /// `set KEY=VALUE...` on the current layer. Dimensions that leave every
    /// weight shape unchanged (`heads=` with d_model fixed) keep the weights,
    /// so the same parameters are only split differently (docs/reference.md §3.1); other
    /// dimension changes draw new weights and say so.
    mutating func changeLayer(_ command: CommandInvocation) throws {
        var layer = try currentLayer(at: command.nameRange)
        guard !command.options.isEmpty else {
            throw LangError("`set` needs KEY=VALUE; keys: " + (CommandSpec.layerOptions + CommandSpec.settingOptions).map(\.key).joined(separator: " "), at: command.nameRange)
        }
        let old = layer.config
        var config = old
        let range = command.nameRange
        try located(range) {
            let dModel = command.integerOption("d_model"), heads = command.integerOption("heads")
            let dHead = command.integerOption("d_head"), kvHeads = command.integerOption("kv_heads")
            if dModel != nil || dHead != nil || kvHeads != nil {
                config = try config.redimensioned(dModel: dModel, heads: heads, dHead: dHead, kvHeads: kvHeads)
            } else if let heads {
                config = try config.resplit(heads: heads)
            }
            if let bias = command.booleanOption("bias") { config.bias = bias }
            if let scheme = command.wordOption("init") { config.initScheme = LayerConfig.InitScheme(rawValue: scheme) ?? config.initScheme }
            if command.options["seed"] != nil { config.seed = try command.seedOption() }
            if let value = command.numberOption("temperature") { config.temperature = value }
            if let value = command.numberOption("scale") { config.scale = value }
            if let value = command.numberOption("dropout") { config.dropout = value }
            if let word = command.wordOption("posenc") { config.posenc = PositionalEncoding(rawValue: word) ?? config.posenc }
            if let value = command.numberOption("rope_base") { config.ropeBase = Double(value) }
            try config.validate()
        }
        let redraw = command.options["init"] != nil || command.options["seed"] != nil
        if redraw || !config.hasSameWeightShapes(as: old) {
            let keepMatrices = !redraw && LayerWeights.matrixSuffixes.allSatisfy {
                LayerWeights.expectedShape(of: old.name + "." + $0, config: old) == LayerWeights.expectedShape(of: config.name + "." + $0, config: config)
            }
            if keepMatrices {
                // Only the biases changed: keep the matrices, add zero biases or drop them.
                for name in LayerWeights.names(for: old) where LayerWeights.expectedShape(of: name, config: config) == nil {
                    state.workspace.remove(name)
                }
                for name in LayerWeights.names(for: config) where !state.workspace.contains(name) {
                    let shape = LayerWeights.expectedShape(of: name, config: config) ?? []
                    state.workspace.set(name, try located(range) { try Tensor.zeros(shape) }, origin: .layerWeight)
                }
            } else {
                for name in LayerWeights.names(for: old) { state.workspace.remove(name) }
                try installWeights(for: config, at: range)
                if !redraw { print("weight shapes changed: drew new weights for \(config.name)") }
            }
        }
        layer.config = config
        state.layers[layer.name] = layer
    }

    /// The text of `config`: one `key = value` line per setting.
    func configText(_ layer: LayerState) -> String {
        var lines = [layer.config.description]
        let width = layer.config.settings.map(\.key.count).max() ?? 0
        for (key, value) in layer.config.settings {
            lines.append("  " + key + String(repeating: " ", count: width - key.count) + " = " + value)
        }
        lines.append("  weights: " + LayerWeights.names(for: layer.config).joined(separator: " "))
        lines.append("  trace: \(layer.computed)/\(AttentionStage.allCases.count) stages" + (layer.lastStage.map { " (last: \($0.tensorName(layer: layer.name)))" } ?? ""))
        return lines.joined(separator: "\n")
    }
}

extension CommandInvocation {
    func integerOption(_ key: String) -> Int? {
        if case .integer(let value)? = options[key]?.value { return value }
        return nil
    }

    func numberOption(_ key: String) -> Float? {
        switch options[key]?.value {
        case .number(let value)?: return value
        case .integer(let value)?: return Float(value)
        default: return nil
        }
    }

    func booleanOption(_ key: String) -> Bool? {
        if case .boolean(let value)? = options[key]?.value { return value }
        return nil
    }

    func wordOption(_ key: String) -> String? {
        if case .word(let value)? = options[key]?.value { return value }
        return nil
    }

    func expressionOption(_ key: String) -> Expr? {
        if case .expression(let value)? = options[key]?.value { return value }
        return nil
    }

    /// `seed=S` as a generator seed (non-negative), or nil when not given.
    func seedOption() throws -> UInt64? {
        guard let option = options["seed"], case .integer(let value) = option.value else { return nil }
        guard value >= 0 else { throw LangError("a seed must not be negative, got \(value)", at: option.range) }
        return UInt64(value)
    }
}
