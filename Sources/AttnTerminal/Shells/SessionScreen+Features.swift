import AttnCore
import AttnLang

/// The inspector for the stages that are not query × key (token × feature) and for weight
/// matrices (input × output): the cell named by what its axes mean, and how it is made.
extension SessionScreen {
    /// X, Q, K, V, Z, concat, out: `head 0 · token "the" (0) · feature 3`, its value, and the
    /// product or sum it comes from (docs/reference.md §3.2).
    static func featureInspector(stage: AttentionStage, name: String, layer: LayerState,
                                 grid: GridPaneModel) -> InspectorModel? {
        guard var model = valueInspector(grid: grid, name: name) else { return nil }
        model.axes = .tokenFeature
        let config = layer.config
        let (head, row, feature) = (grid.cursor.head, grid.cursor.row, grid.cursor.column)
        let n = layer.name
        let k = config.dHead
        let token = model.queryLabel == String(row) ? "\(row)" : "\"\(model.queryLabel)\""
        func projection(_ matrix: String, _ bias: String, from source: String) -> String {
            let column = head * k + feature
            var text = "= \(source) row \(token) · \(n).\(matrix) column \(column)"
            if config.bias { text += " + \(n).\(bias)[\(column)]" }
            if config.posenc == .rope && matrix != "Wv" { text += ", rotated (RoPE)" }
            return text
        }
        let source = layer.kv == nil ? "X" : "Y"
        switch stage {
        case .x:
            model.derivation = config.posenc == .sinusoidal
                ? "= the input + the sinusoidal table at position \(row)" : "= the layer's input"
        case .q: model.derivation = projection("Wq", "bq", from: "X")
        case .k: model.derivation = projection("Wk", "bk", from: source)
        case .v: model.derivation = projection("Wv", "bv", from: source)
        case .z:
            let g = config.kvHead(forQueryHead: head)
            model.derivation = config.ablated.contains(head)
                ? "= 0: head \(head) is ablated"
                : "= Σ_j \(n).P[\(head), \(row), j] · \(n).V[\(g), j, \(feature)]"
        case .concat:
            let (source, part) = (feature / max(1, k), feature % max(1, k))
            model.columnMeaning = "head \(source) · feature \(part)"
            model.derivation = "= \(n).Z[\(source), \(row), \(part)]"
        case .out:
            model.derivation = "= concat row \(token) · \(n).Wo column \(feature)"
                + (config.bias ? " + \(n).bo[\(feature)]" : "")
        case .scores, .scaled, .masked, .p:
            break
        }
        return model
    }

    /// Wq, Wk, Wv [D, N·K] and Wo [H·K, D]: `attn.Wq · input 3 → output 7 (head 1 · feature 3)`,
    /// its value, and what it feeds.
    static func weightInspector(suffix: String, name: String, layer: LayerState,
                                grid: GridPaneModel) -> InspectorModel? {
        guard grid.tensor.rank == 2, var model = valueInspector(grid: grid, name: name) else { return nil }
        model.axes = .inputOutput
        let config = layer.config
        let k = max(1, config.dHead)
        let (input, output) = (grid.cursor.row, grid.cursor.column)
        let value = NumberText.fixed(model.value ?? .nan, decimals: 2, minus: "−")
        if suffix == "Wo" {
            model.columnMeaning = "input = head \(input / k) · feature \(input % k)"
            model.derivation = "out feature \(output) gets \(value) × concat feature \(input)"
        } else {
            let target = suffix == "Wq" ? "Q" : suffix == "Wk" ? "K" : "V"
            let headWord = suffix != "Wq" && config.kvHeads != config.heads ? "kv head" : "head"
            model.columnMeaning = "\(headWord) \(output / k) · feature \(output % k)"
            model.derivation = "\(target) feature \(output % k) of \(headWord) \(output / k) gets \(value) × input feature \(input)"
        }
        return model
    }
}
