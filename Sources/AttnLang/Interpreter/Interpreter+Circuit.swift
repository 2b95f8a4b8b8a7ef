import AttnCore

/// `circuit L.H`: the QK and OV circuits of one head (docs/reference.md §7.3).
///
/// DECISIONS: on a model of several layers L is the layer and the token maps
/// use NAME.E and NAME.U; otherwise L must be 0 and names the current layer,
/// with `train.E` and `train.Wout` as embedding and readout when `train`
/// left them at its width. The circuits are stored as `circuit.QK`,
/// `circuit.OV`, `circuit.QKtokens`, `circuit.OVtokens`, and the grid shows
/// the OV token map (else the QK circuit).
extension Interpreter {
    mutating func showCircuit(_ command: CommandInvocation) throws {
        guard case .word(let text, let range)? = command.value("L.H") else {
            throw LangError("`circuit` needs a layer and a head: circuit 1.0", at: command.nameRange)
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let layerIndex = Int(parts[0]), let head = Int(parts[1]), layerIndex >= 0, head >= 0 else {
            throw LangError("`circuit` takes L.H, a layer and a head such as 1.0, not `\(text)`", at: range)
        }
        let workspace = state.workspace
        let read: (String) throws -> Tensor = { name in try Interpreter.read(name, from: workspace) }
        var layer: LayerState
        var embedding: [Float]?
        var unembedding: [Float]?
        var labels: [String] = []
        var outputLabels: [String] = []
        if state.activeModel == .stack, let shape = state.stack {
            guard (0..<shape.depth).contains(layerIndex) else {
                throw LangError("model \(shape.name) has layers 0..\(shape.depth - 1), not \(layerIndex)", at: range)
            }
            layer = try self.layer(named: shape.layerName(layerIndex), at: range)
            embedding = state.workspace["\(shape.name).E"]?.scalars
            unembedding = state.workspace["\(shape.name).U"]?.scalars
            labels = (0..<shape.vocabulary).map(TrainingExample.label)
            outputLabels = (0..<shape.outputs).map(shape.outputLabel)
        } else {
            layer = try currentLayer(at: range)
            guard layerIndex == 0 else {
                throw LangError("without a model of several layers `circuit` shows the current layer as layer 0, not \(layerIndex)", at: range)
            }
            let d = layer.config.dModel
            if let e = state.workspace["train.E"], e.rank == 2, e.shape[1] == d {
                embedding = e.scalars
                labels = (0..<e.shape[0]).map(TrainingExample.label)
                if let r = state.workspace["train.Wout"], r.rank == 2, r.shape[0] == d {
                    unembedding = r.scalars
                    outputLabels = (0..<r.shape[1]).map(TrainingExample.label)
                }
            }
        }
        let config = layer.config
        let weights = try located(range) { try AttentionWeights<Float>(config: config, read: read) }
        let circuit = try located(range) {
            try HeadCircuit(config: config, weights: weights, head: head, embedding: embedding, unembedding: unembedding)
        }
        let d = config.dModel
        state.workspace.set("circuit.QK", Tensor(unchecked: [d, d], scalars: circuit.qk))
        state.workspace.set("circuit.OV", Tensor(unchecked: [d, d], scalars: circuit.ov))
        print("circuit of \(config.name) head \(head) (layer \(layerIndex)): QK = Wq·Wkᵀ and OV = Wv·Wo, [\(d), \(d)], rank ≤ \(config.dHead): circuit.QK, circuit.OV")
        var shown = "circuit.QK"
        if let qkTokens = circuit.qkTokens {
            let v = labels.count
            state.workspace.set("circuit.QKtokens", Tensor(unchecked: [v, v], scalars: qkTokens))
            state.labels["circuit.QKtokens"] = labels
            print("QK tokens E·QK·Eᵀ [\(v), \(v)] (query × key): circuit.QKtokens; each query token's favourite key: "
                  + Interpreter.rowArgmax(qkTokens, columns: v, rowLabels: labels, columnLabels: labels))
        }
        if let ovTokens = circuit.ovTokens {
            let (v, o) = (labels.count, outputLabels.count)
            state.workspace.set("circuit.OVtokens", Tensor(unchecked: [v, o], scalars: ovTokens))
            state.labels["circuit.OVtokens"] = labels
            print("OV tokens E·OV·U [\(v), \(o)] (attended token × output): circuit.OVtokens; what each token raises most: "
                  + Interpreter.rowArgmax(ovTokens, columns: o, rowLabels: labels, columnLabels: outputLabels))
            shown = "circuit.OVtokens"
        }
        if let score = circuit.copyingScore {
            print("copying score Σλ/Σ|λ| of the OV token map: \(StageFormatter.fixed(Float(score), precision: 3)) (1: copies the attended token, −1: suppresses it)")
        }
        present(.viewTensor(shown))
    }

    /// "a→b b→c ...": the column of each row's largest entry.
    static func rowArgmax(_ matrix: [Float], columns n: Int, rowLabels: [String], columnLabels: [String]) -> String {
        rowLabels.enumerated().map { row, label in
            let values = matrix[(row * n)..<((row + 1) * n)]
            let best = values.indices.max { values[$0] < values[$1] }.map { $0 - row * n } ?? 0
            return "\(label)→\(columnLabels.indices.contains(best) ? columnLabels[best] : String(best))"
        }.joined(separator: " ")
    }
}
