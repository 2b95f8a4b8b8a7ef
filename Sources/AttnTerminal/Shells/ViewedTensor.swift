import AttnCore
import AttnLang

/// A tensor as `view` shows it: its name, its values ([Tq, Tk] or [H, Tq, Tk]) and the token
/// labels of its axes. Both shells use it: the plain shell prints it as a labelled grid, the
/// grid pane draws it.
public struct ViewedTensor: Sendable {
    /// The name shown (`mean` for the mean over heads).
    public let name: String
    public let tensor: Tensor
    /// Labels down the side (one per row), or empty for row numbers.
    public let rowLabels: [String]
    /// Labels across the top (one per column), or empty for column numbers.
    public let columnLabels: [String]

    /// `view NAME`: the workspace tensor with its labels; nil when it is gone, not of rank 2 or
    /// 3, or has an empty axis.
    public static func named(_ name: String, in state: SessionState) -> ViewedTensor? {
        guard let tensor = state.workspace[name], tensor.rank == 2 || tensor.rank == 3,
              !tensor.shape.contains(0) else { return nil }
        let labels = axisLabels(name: name, state: state)
        return ViewedTensor(name: name, tensor: tensor, rowLabels: labels.rows, columnLabels: labels.columns)
    }

    /// `view mean`: the current layer's P averaged over heads, labelled by its queries and keys;
    /// nil before stage 8.
    ///
    /// mean[i, j] = (1/H) Σ_h P[h, i, j]  (PyTorch's `average_attn_weights`), [Tq, Tk].
    public static func meanOverHeads(in state: SessionState) -> ViewedTensor? {
        guard let layer = state.currentLayer.flatMap({ state.layers[$0] }),
              layer.computed >= AttentionStage.p.number,
              let weights = state.workspace[AttentionStage.p.tensorName(layer: layer.name)],
              weights.rank == 3, weights.shape[0] > 0,
              let mean = try? weights.reduce(.mean, dim: 0) else { return nil }
        return ViewedTensor(name: CommandSpec.ViewWord.mean, tensor: mean,
                            rowLabels: layer.queryLabels, columnLabels: layer.keyLabels)
    }

    /// The labels of tensor `name`: a layer's query (or key) labels for its trace tensors, the
    /// `tokens` labels for a tensor they made, else none.
    public static func axisLabels(name: String, state: SessionState) -> (rows: [String], columns: [String]) {
        for layer in state.layers.values where name.hasPrefix(layer.name + ".") {
            let suffix = String(name.dropFirst(layer.name.count + 1))
            switch AttentionStage(name: suffix) {
            case .k?, .v?: return (layer.keyLabels, [])
            case .scores?, .scaled?, .masked?, .p?: return (layer.queryLabels, layer.keyLabels)
            case .some: return (layer.queryLabels, [])
            case nil: if suffix == "mask" || suffix == "norms" { return (layer.queryLabels, layer.keyLabels) }
            }
        }
        return (state.labels[name] ?? [], [])
    }

    /// What plain-mode `view` prints: the name and shape, then one labelled table per head.
    public func labelledGrid(precision: Int) -> String {
        "\(name) \(Tensor.describe(tensor.shape))\n"
            + StageFormatter.grids(tensor, rows: rowLabels, columns: columnLabels,
                                   precision: precision, headLabel: "head")
    }
}

extension ViewedTensor {
    /// `view EXPR`: the expression's value as it was, with the labels it keeps; a rank-1 value
    /// is one row [1, N].
    public init(_ viewed: ViewedExpression) {
        self.init(name: viewed.text, tensor: viewed.tensor, rowLabels: viewed.rowLabels,
                  columnLabels: viewed.columnLabels)
    }
}
