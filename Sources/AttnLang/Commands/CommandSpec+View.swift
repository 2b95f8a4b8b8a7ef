import AttnCore

/// The screen commands (docs/reference.md §6.3): `view`, `layout`, `palette`.
///
/// They only record a choice in `SessionState.settings` (keys `view`,
/// `layout`, `palette`); the pane UI reads it when it draws. In plain mode
/// `view TENSOR` prints the tensor as a labelled grid, so the same script
/// teaches the same thing with or without panes.
extension CommandSpec {
    /// The settings keys the screen commands write.
    public enum ScreenSetting {
        public static let view = "view"
        public static let layout = "layout"
        public static let palette = "palette"
        /// Set to `panes` by the pane UI: `view` then prints one line instead of the grid.
        public static let interface = "interface"
        /// The `view` value meaning "mean over heads of the current layer's P".
        public static let mean = "mean"
        /// The `view` value meaning "every layer × head of the loaded model" (`model overview`).
        public static let overview = "overview"
    }

    /// The layouts `layout` accepts, as it spells them.
    public static let layoutNames = ["grid", "focus", "present"]
    /// The palettes `palette` accepts.
    public static let paletteNames = ["viridis", "gray"]

    static let screen: [CommandSpec] = [
        CommandSpec(name: "view", group: "screen",
                    summary: "show a rank-2 or rank-3 tensor in the grid pane; `view mean`: P averaged over heads; `view overview`: the model's layers × heads",
                    example: "view attn.scores",
                    arguments: [ArgumentSpec("TENSOR", .name, optional: true, keywords: [ScreenSetting.mean])]) { interpreter, command in
            guard case .name(let name, let range)? = command.value("TENSOR") else {
                interpreter.state.settings[ScreenSetting.view] = nil
                return
            }
            if name == ScreenSetting.overview && interpreter.state.workspace.entry(name) == nil {
                return try interpreter.showModelOverview(at: range)
            }
            let tensor: Tensor
            if name == ScreenSetting.mean && interpreter.state.workspace.entry(name) == nil {
                tensor = try CommandSpec.meanWeights(interpreter.state, at: range)
            } else {
                tensor = try interpreter.lookup(name, at: range)
                guard tensor.rank == 2 || tensor.rank == 3 else {
                    throw LangError("`view` shows tensors of rank 2 or 3; `\(name)` has shape \(Tensor.describe(tensor.shape))", at: range)
                }
                guard !tensor.shape.contains(0) else {
                    throw LangError("`\(name)` has an empty axis (shape \(Tensor.describe(tensor.shape))); there is nothing to view", at: range)
                }
            }
            interpreter.state.settings[ScreenSetting.view] = name
            if interpreter.state.settings[ScreenSetting.interface] == "panes" {
                interpreter.print("viewing \(name) \(Tensor.describe(tensor.shape))")
            } else {
                interpreter.print(CommandSpec.labelledGrid(name: name, tensor: tensor, state: interpreter.state))
            }
        },
        CommandSpec(name: "layout", group: "screen",
                    summary: "arrange the grid pane: all heads, one head large, or the projector layout",
                    example: "layout focus",
                    arguments: [ArgumentSpec("LAYOUT", .word(choices: layoutNames))]) { interpreter, command in
            guard case .word(let word, _)? = command.value("LAYOUT") else { return }
            interpreter.state.settings[ScreenSetting.layout] = word
        },
        CommandSpec(name: "palette", group: "screen",
                    summary: "the colours for weights: viridis (colour-blind safe) or gray (for printing)",
                    example: "palette gray",
                    arguments: [ArgumentSpec("PALETTE", .word(choices: paletteNames))]) { interpreter, command in
            guard case .word(let word, _)? = command.value("PALETTE") else { return }
            interpreter.state.settings[ScreenSetting.palette] = word
        },
    ]

    /// The mean over heads of the current layer's P: [Tq, Tk] (PyTorch's `average_attn_weights`).
    ///
    /// mean[i, j] = (1/H) Σ_h P[h, i, j].
    public static func meanWeights(_ state: SessionState, at range: SourceRange) throws -> Tensor {
        guard let layerName = state.currentLayer, let layer = state.layers[layerName] else {
            throw LangError("`view mean` averages a layer's weights over heads, and there is no layer yet: define one with `mha d_model=8 heads=2`", at: range)
        }
        let pName = AttentionStage.p.tensorName(layer: layerName)
        guard layer.computed >= AttentionStage.p.number, let weights = state.workspace[pName],
              weights.rank == 3, weights.shape[0] > 0 else {
            throw LangError("`view mean` needs \(pName) (stage 8); `run` or `step` the layer first", at: range)
        }
        let heads = weights.shape[0], cells = weights.shape[1] * weights.shape[2]
        var sums = [Float](repeating: 0, count: cells)  // [Tq·Tk]
        for head in 0..<heads {
            let base = head * cells
            for cell in 0..<cells { sums[cell] += weights.scalars[base + cell] }
        }
        let scale = 1 / Float(heads)
        return Tensor(unchecked: [weights.shape[1], weights.shape[2]], scalars: sums.map { $0 * scale })
    }

    /// The row labels `view` and the grid pane use for tensor `name`: a layer's query (or key)
    /// labels for its trace tensors, the `tokens` labels for a tensor they made, else none.
    public static func axisLabels(name: String, state: SessionState) -> (rows: [String], columns: [String]) {
        if name == ScreenSetting.mean, let layer = state.currentLayer.flatMap({ state.layers[$0] }) {
            return (layer.queryLabels, layer.keyLabels)
        }
        for layer in state.layers.values where name.hasPrefix(layer.name + ".") {
            let suffix = String(name.dropFirst(layer.name.count + 1))
            switch AttentionStage(name: suffix) {
            case .k?, .v?: return (layer.keyLabels, [])
            case .scores?, .scaled?, .masked?, .p?: return (layer.queryLabels, layer.keyLabels)
            case .some: return (layer.queryLabels, [])
            case nil: if suffix == "mask" { return (layer.queryLabels, layer.keyLabels) }
            }
        }
        return (state.labels[name] ?? [], [])
    }

    /// What plain-mode `view` prints: the tensor's name and shape, then one labelled table per head.
    static func labelledGrid(name: String, tensor: Tensor, state: SessionState) -> String {
        let labels = axisLabels(name: name, state: state)
        return "\(name) \(Tensor.describe(tensor.shape))\n"
            + StageFormatter.grids(tensor, rows: labels.rows, columns: labels.columns,
                                   precision: state.precision, headLabel: "head")
    }
}
