import AttnCore

/// `model new`, and `model run`/`layer`/`info` on a model of several layers.
///
/// DECISIONS (documented in docs/reference.md §7.3):
/// - `model new NAME` makes layers `NAME0` ... `NAME{L-1}` (default NAME
///   `toy`), each causal with the chosen positions, no bias, weights Glorot
///   uniform from `seed=` (`StackModel.initial`), the embedding N(0, 1).
/// - `model run a b c ...` embeds the tokens (letters a–z are 0–25, `tN` or a
///   plain number is token N); `model run X` feeds the rows of a tensor
///   [T, D] as x₀. Every layer runs with the weights and settings in the
///   workspace now, and each layer's input is kept.
/// - `model layer L` makes `NAMEL` the current layer with X = its input in
///   the last run, and runs it, as for the pretrained encoder.
extension Interpreter {
    /// `model new [NAME] layers=L d_model=D heads=H ...`.
    mutating func defineStackModel(_ command: CommandInvocation, at range: SourceRange) throws {
        var name = "toy"
        if case .name(let given, _)? = command.value("NAME") { name = given }
        guard let depth = command.integerOption("layers"), let dModel = command.integerOption("d_model"),
              let heads = command.integerOption("heads") else {
            throw LangError("`model new` needs layers=, d_model= and heads=; usage: model new [NAME] layers=L d_model=D heads=H", at: range)
        }
        guard (1...16).contains(depth) else { throw LangError("layers must be between 1 and 16, got \(depth)", at: command.options["layers"]?.range ?? range) }
        let mlp = command.integerOption("mlp") ?? 0
        guard (0...4096).contains(mlp) else { throw LangError("mlp must be between 1 and 4096, got \(mlp)", at: command.options["mlp"]?.range ?? range) }
        let vocabulary = command.integerOption("vocab") ?? 16
        guard (2...1024).contains(vocabulary) else { throw LangError("vocab must be between 2 and 1024, got \(vocabulary)", at: command.options["vocab"]?.range ?? range) }
        let posenc = command.wordOption("posenc").flatMap(PositionalEncoding.init(rawValue:)) ?? .rope
        let seed = try command.seedOption() ?? 0
        let shape = StackModelState(name: name, depth: depth, mlpWidth: mlp, vocabulary: vocabulary)
        let configs = try located(range) {
            try shape.layerNames.map { layer in
                try LayerConfig.make(name: layer, dModel: dModel, heads: heads, kvHeads: command.integerOption("kv_heads"),
                                     posenc: posenc, masks: [.causal])
            }
        }
        let model = try located(range) {
            try StackModel<Float>.initial(configs: configs, mlpWidth: mlp, vocabulary: vocabulary, seed: seed)
        }
        install(model, as: shape)
        print("model \(name): \(stackText(model)); layers \(shape.layerNames.joined(separator: " "))")
        print("  weights \(name).E, \(shape.layerName(0)).Wq ...\(mlp > 0 ? ", \(shape.layerName(0)).W1 ..." : ""), \(name).U, \(name).u; next: model run a b c a b")
    }

    /// Puts `model`'s weights into the workspace and its layers into the session, replacing
    /// any model of the same name; the first layer becomes the current layer.
    mutating func install(_ model: StackModel<Float>, as shape: StackModelState) {
        if let old = state.stack {
            for layer in old.layerNames { removeLayer(layer) }
            for tensor in old.extraTensorNames { state.workspace.remove(tensor) }
        }
        let (d, v, o) = (model.dModel, model.vocabulary, model.outputs)
        state.workspace.set("\(shape.name).E", Tensor(unchecked: [v, d], scalars: model.embedding), origin: .layerWeight)
        for (index, config) in model.configs.enumerated() {
            removeLayer(config.name)
            for weight in model.layers[index].tensors(config: config) {
                state.workspace.set(weight.name, weight.tensor, origin: .layerWeight)
            }
            if !model.mlps.isEmpty {
                let block = model.mlps[index]
                for (suffix, (values, dims)) in zip(MLPWeights<Float>.suffixes, zip(block.arrays, block.shapes)) {
                    state.workspace.set("\(config.name).\(suffix)", Tensor(unchecked: dims, scalars: values), origin: .layerWeight)
                }
            }
            state.layers[config.name] = LayerState(config: config)
        }
        state.workspace.set("\(shape.name).U", Tensor(unchecked: [d, o], scalars: model.unembedding), origin: .layerWeight)
        state.workspace.set("\(shape.name).u", Tensor(unchecked: [o], scalars: model.unembeddingBias), origin: .layerWeight)
        state.stack = shape
        state.interventions = ModelInterventions()
        state.currentLayer = shape.layerName(0)
    }

    /// Removes layer `name`, its weights and its trace from the session.
    mutating func removeLayer(_ name: String) {
        guard let old = state.layers[name] else { return }
        for weight in LayerWeights.names(for: old.config) { state.workspace.remove(weight) }
        for traced in old.traceNames { state.workspace.remove(traced) }
        state.layers[name] = nil
        if state.currentLayer == name { state.currentLayer = nil }
    }

    /// The session's model of several layers as it stands in the workspace now
    /// (edited weights, each layer's current settings).
    func currentStack(at range: SourceRange) throws -> (shape: StackModelState, model: StackModel<Float>) {
        guard let shape = state.stack else {
            throw LangError("no model of several layers: `model new layers=2 d_model=16 heads=1` or `train task=induction layers=2`", at: range)
        }
        let workspace = state.workspace
        let read: (String) throws -> Tensor = { name in try Interpreter.read(name, from: workspace) }
        return try located(range) {
            let configs = try shape.layerNames.map { name -> LayerConfig in
                guard let layer = state.layers[name] else { throw TensorError("layer `\(name)` of model \(shape.name) is gone") }
                return layer.config
            }
            var model = StackModel<Float>(zerosFor: configs, mlpWidth: shape.mlpWidth, vocabulary: shape.vocabulary,
                                          outputs: shape.outputs)
            guard configs.allSatisfy({ $0.dModel == model.dModel }) else {
                throw TensorError("every layer of model \(shape.name) must keep d_model \(model.dModel)")
            }
            func values(_ name: String, _ dims: [Int]) throws -> [Float] {
                let tensor = try read(name)
                guard tensor.shape == dims else {
                    throw TensorError("\(name) must have shape \(Tensor.describe(dims)), has \(Tensor.describe(tensor.shape))")
                }
                return tensor.scalars
            }
            let (d, v) = (model.dModel, shape.vocabulary)
            model.embedding = try values("\(shape.name).E", [v, d])
            for (index, config) in configs.enumerated() {
                model.layers[index] = try AttentionWeights(config: config, read: read)
                if shape.mlpWidth > 0 {
                    let dims = model.mlps[index].shapes
                    model.mlps[index].arrays = try zip(MLPWeights<Float>.suffixes, dims).map { try values("\(config.name).\($0)", $1) }
                }
            }
            model.unembedding = try values("\(shape.name).U", [d, shape.outputs])
            model.unembeddingBias = try values("\(shape.name).u", [shape.outputs])
            return (shape, model)
        }
    }

    func stackText(_ model: StackModel<Float>) -> String {
        guard let first = model.configs.first else { return "no layers" }
        var parts = [model.depth == 1 ? "1 layer" : "\(model.depth) layers", "d_model \(model.dModel)", "heads \(first.heads)"]
        if first.kvHeads != first.heads { parts.append("kv_heads \(first.kvHeads)") }
        parts.append(model.mlpWidth > 0 ? "ReLU MLP \(model.mlpWidth)" : "attention only")
        parts += ["vocab \(model.vocabulary)", "posenc \(first.posenc.rawValue)", "mask \(maskText(first))"]
        return parts.joined(separator: ", ")
    }
}
