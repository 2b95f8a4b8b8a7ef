import AttnCore

/// Running a model of several layers: `model run`, `model layer`, `model
/// info` and `model heads` when the active model is a stack.
extension Interpreter {
    /// Probe sequences `model heads` scores the heads on.
    static let headProbeCount = 64

    /// `model run a b c ...` or `model run X` on the stack.
    mutating func runStackModel(_ text: String, at range: SourceRange) throws {
        let (current, model) = try currentStack(at: range)
        var shape = current
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let geometriesFor: (Int) throws -> [AttentionGeometry] = { [workspace = state.workspace] length in
            try model.geometries(length: length) { name in try Interpreter.read(name, from: workspace) }
        }
        let forward: StackForward<Float>
        if words.count == 1, let tensor = state.workspace[words[0]] {
            guard tensor.rank == 2, tensor.shape[1] == model.dModel, tensor.shape[0] > 0 else {
                throw LangError("`model run \(words[0])` needs rows of width d_model \(model.dModel): [T, \(model.dModel)], got \(Tensor.describe(tensor.shape))", at: range)
            }
            forward = model.forward(embedded: tensor.scalars, geometries: try located(range) { try geometriesFor(tensor.shape[0]) })
            shape.tokens = nil
            shape.labels = state.labels[words[0]] ?? []
        } else {
            let tokens = try words.map { word -> Int in
                guard let token = Interpreter.token(word), token < shape.vocabulary else {
                    throw LangError("`\(word)` is not a token of model \(shape.name) (a–\(TrainingExample.label(min(25, shape.vocabulary - 1))), tN or a number below \(shape.vocabulary)) nor a tensor", at: range)
                }
                return token
            }
            guard !tokens.isEmpty else { throw LangError("`model run` needs tokens: model run a b c a b", at: range) }
            forward = model.forward(tokens, geometries: try located(range) { try geometriesFor(tokens.count) })
            shape.tokens = tokens
            shape.labels = tokens.map(TrainingExample.label)
        }
        let (d, v) = (model.dModel, model.outputs)
        var streams = forward.streams.map { Tensor(unchecked: [$0.count / d, d], scalars: $0) }
        var logits = forward.logits
        if let tokens = shape.tokens {
            let (intact, changed) = try modelRuns(tokens, in: try headModel(at: range), at: range)
            if !state.interventions.heads.isEmpty {
                streams = changed.layerInputs
                logits = StackHeadModel.logits(model, stream: streams[shape.depth].scalars)
            }
            reportEmbedding(intact: intact, changed: changed)
            shape.attention = changed.attention
        } else if let last = streams.last {
            shape.attention = []
            let pooled = ModelTrace.pooled(last)
            state.workspace.set("model.embedding", Tensor(unchecked: [pooled.count], scalars: pooled.map(Float.init)))
        }
        shape.streams = streams
        shape.logits = Tensor(unchecked: [logits.count / v, v], scalars: logits)
        state.stack = shape
        let t = logits.count / v
        let predicted = (0..<t).map { i -> String in
            let row = logits[(i * v)..<((i + 1) * v)]
            var best = 0
            for c in 1..<v where row[row.startIndex + c] > row[row.startIndex + best] { best = c }
            return shape.outputLabel(best)
        }
        print("\(t) positions through \(shape.depth) layer\(shape.depth == 1 ? "" : "s"): " + (shape.labels.isEmpty ? "(vectors)" : shape.labels.joined(separator: " ")))
        print("next-token argmax: " + predicted.joined(separator: " "))
        print("logits in \(shape.name).logits [\(t), \(v)]; `model layer L` opens layer L on its input")
        state.workspace.set("\(shape.name).logits", Tensor(unchecked: [t, v], scalars: logits))
        let open = state.currentLayer.flatMap { shape.index(of: $0) } ?? 0
        try openStackLayer(open, at: range, quiet: true)
    }

    /// `model layer L` on the stack: layer L with X = its input in the last run, run.
    mutating func openStackLayer(_ index: Int, at range: SourceRange, quiet: Bool = false) throws {
        guard let shape = state.stack else { throw LangError("no model of several layers", at: range) }
        guard (0..<shape.depth).contains(index) else {
            throw LangError("model \(shape.name) has layers 0..\(shape.depth - 1), not \(index)", at: range)
        }
        guard shape.streams.count == shape.depth + 1 else {
            throw LangError("no run yet: `model run a b c a b` first, then `model layer \(index)`", at: range)
        }
        let name = shape.layerName(index)
        state.currentLayer = name
        state.workspace.set("X", shape.streams[index])
        if shape.labels.count == shape.streams[index].shape[0] { state.labels["X"] = shape.labels } else { state.labels["X"] = nil }
        if !quiet {
            print("layer \(name): layer \(index) of model \(shape.name); X = its input \(Tensor.describe(shape.streams[index].shape)) (the residual stream after \(index) layer\(index == 1 ? "" : "s"))")
        }
        guard let run = CommandSpec.named("run") else { preconditionFailure("the command table has no `run`") }
        try runLayer(CommandInvocation(spec: run, nameRange: range))
        present(.modelLayerOpened)
    }

    /// `model heads`: every head's best induction-circuit pattern, scored on probe sequences.
    mutating func showStackHeads(at range: SourceRange) throws {
        let (shape, model) = try currentStack(at: range)
        let length = shape.trainedLength ?? 16
        var random = RandomSource(seed: 0)
        let probes = (0..<Interpreter.headProbeCount).map { _ in
            TrainingTask.induction.example(length: length, vocabulary: shape.vocabulary, using: &random)
        }
        let workspace = state.workspace
        let geometries = try located(range) {
            try model.geometries(length: length) { name in try Interpreter.read(name, from: workspace) }
        }
        let scores = model.circuitScores(probes, geometries: geometries)
        print("heads of model \(shape.name) on \(probes.count) induction probes (T \(length), seed 0):")
        print("layer.head  best              score   previous  induction  duplicate")
        for (layer, heads) in scores.enumerated() {
            for (head, score) in heads.enumerated() {
                let best = score.best
                let columns = [score.score(.previousToken), score.score(.induction), score.score(.duplicateToken)]
                    .map { StageFormatter.fixed($0, precision: 2).padding(to: 9) }
                print("\(("\(layer).\(head)").padding(to: 10))  \(best.rawValue.padding(to: 16))  \(StageFormatter.fixed(score.score(best), precision: 2))    " + columns.joined(separator: "  "))
            }
        }
        // The three score columns as a tensor [L, H, 3], for `expect` and arithmetic.
        let table = scores.flatMap { $0.flatMap { [$0.score(.previousToken), $0.score(.induction), $0.score(.duplicateToken)] } }
        state.workspace.set("\(shape.name).heads", Tensor(unchecked: [scores.count, scores.first?.count ?? 0, 3], scalars: table))
        print("scores in \(shape.name).heads [\(scores.count), \(scores.first?.count ?? 0), 3] (previous, induction, duplicate)")
    }

    /// `model info` for the stack.
    func stackInfo(at range: SourceRange) throws -> String {
        let (shape, model) = try currentStack(at: range)
        var lines = ["model \(shape.name) (defined here): \(stackText(model))",
                     "  layers \(shape.layerNames.joined(separator: " ")); weights \(shape.name).E, NAME.Wq ..., \(shape.name).U, \(shape.name).u"]
        if shape.streams.isEmpty {
            lines.append("  no run yet: `model run a b c a b`")
        } else {
            lines.append("  last run (\(shape.streams[0].shape[0]) positions): " + (shape.labels.isEmpty ? "(vectors)" : shape.labels.joined(separator: " ")))
        }
        return lines.joined(separator: "\n")
    }

    /// A token written as a letter a–z (0–25), `tN` or a number.
    static func token(_ word: String) -> Int? {
        if word.count == 1, let scalar = word.unicodeScalars.first, ("a"..."z").contains(scalar) {
            return Int(scalar.value) - 97
        }
        if word.hasPrefix("t"), let number = Int(word.dropFirst()), number >= 0 { return number }
        if let number = Int(word), number >= 0 { return number }
        return nil
    }
}
