import AttnCore

/// The screen commands (docs/reference.md §6.3): `view`, `snapshot`, `layout`, `palette`, `log`.
///
/// They check their arguments and report a presentation effect (`PresentationEffect`); each
/// shell shows it in its own way: the plain shell prints `view TENSOR` as a labelled grid, the
/// panes draw it in the grid pane. So the same script teaches the same thing with or without
/// panes, and the language never asks which shell runs it.
extension CommandSpec {
    /// The words `view` takes besides tensor names (a tensor of that name comes first).
    public enum ViewWord {
        /// The mean over heads of the current layer's P.
        public static let mean = "mean"
        /// Every layer × head of the loaded model (`model overview`).
        public static let overview = "overview"
        /// `view A vs B`: two traces and their difference.
        public static let versus = "vs"
        /// `snapshot NAME of LAYER`.
        public static let of = "of"
    }

    /// The stages `view A vs B stage=` accepts, as they are spelled in tensor names.
    public static let stageNames = AttentionStage.allCases.map(\.name)

    /// The layouts `layout` accepts, as it spells them.
    public static let layoutNames = PresentationEffect.Layout.allCases.map(\.rawValue)
    /// The palettes `palette` accepts.
    public static let paletteNames = PresentationEffect.Palette.allCases.map(\.rawValue)
    /// The words `log` accepts (`log` alone switches between them).
    public static let logPaneNames = [PresentationEffect.LogPaneChange.grow, .back].map(\.rawValue)

    static let screen: [CommandSpec] = [
        CommandSpec(name: "view", group: "screen",
                    summary: "show a tensor or any expression's value in the grid pane, with its labels; `view mean`: P averaged over heads; `view overview`: the model's layers × heads; `view A vs B`: two traces side by side with their difference",
                    example: "view attn.scores",
                    arguments: [ArgumentSpec("EXPR", .expression, optional: true, keywords: [ViewWord.mean]),
                                ArgumentSpec("vs", .name, optional: true),
                                ArgumentSpec("B", .name, optional: true)],
                    options: [OptionSpec("stage", .word(choices: stageNames), "the stage `view A vs B` compares (default: P, else the latest both hold)", placeholder: "STAGE")]) { interpreter, command in
            guard let expr = try? command.expression("EXPR") else {
                return interpreter.present(.viewLayer)
            }
            if command.value("vs") != nil || command.value("B") != nil {
                return try interpreter.viewComparison(command, before: expr)
            }
            if let option = command.options["stage"] {
                throw LangError("`stage=` chooses the stage of `view A vs B`", at: option.range)
            }
            guard case .name(let name, let range) = expr else {
                return try interpreter.viewExpression(expr)
            }
            if name == ViewWord.overview && interpreter.state.workspace.entry(name) == nil {
                return try interpreter.showModelOverview(at: range)
            }
            if name == ViewWord.mean && interpreter.state.workspace.entry(name) == nil {
                try CommandSpec.checkMeanWeights(interpreter.state, at: range)
                return interpreter.present(.viewMean)
            }
            let tensor = try interpreter.lookup(name, at: range)
            // A vector is one row, shown as it is now, as any other expression's value.
            if tensor.rank == 1 { return try interpreter.viewExpression(expr) }
            guard tensor.rank == 2 || tensor.rank == 3 else {
                throw LangError("`view` shows tensors of rank 1, 2 or 3; `\(name)` has shape \(Tensor.describe(tensor.shape))", at: range)
            }
            guard !tensor.shape.contains(0) else {
                throw LangError("`\(name)` has an empty axis (shape \(Tensor.describe(tensor.shape))); there is nothing to view", at: range)
            }
            interpreter.present(.viewTensor(name))
        },
        CommandSpec(name: "snapshot", group: "screen",
                    summary: "keep the current layer's trace (or LAYER's) under NAME, as NAME.P, NAME.scores, ...; `view NAME vs LAYER` shows what changed since",
                    example: "snapshot before",
                    arguments: [ArgumentSpec("NAME", .name), ArgumentSpec("of", .word(choices: [ViewWord.of]), optional: true),
                                ArgumentSpec("LAYER", .name, optional: true)]) { interpreter, command in
            try interpreter.snapshot(command)
        },
        CommandSpec(name: "layout", group: "screen",
                    summary: "arrange the grid pane: all heads, one head large, or the projector layout",
                    example: "layout focus",
                    arguments: [ArgumentSpec("LAYOUT", .word(choices: layoutNames))]) { interpreter, command in
            interpreter.present(.layout(try command.choice("LAYOUT", of: PresentationEffect.Layout.self)))
        },
        CommandSpec(name: "palette", group: "screen",
                    summary: "the colours for weights: viridis (colour-blind safe) or gray (for printing)",
                    example: "palette gray",
                    arguments: [ArgumentSpec("PALETTE", .word(choices: paletteNames))]) { interpreter, command in
            interpreter.present(.palette(try command.choice("PALETTE", of: PresentationEffect.Palette.self)))
        },
        CommandSpec(name: "log", group: "screen",
                    summary: "the pane log over the panes (`log grow`), back below them (`log back`); `log` alone switches",
                    example: "log grow",
                    arguments: [ArgumentSpec("SIZE", .word(choices: logPaneNames), optional: true)]) { interpreter, command in
            guard command.value("SIZE") != nil else { return interpreter.present(.logPane(.toggle)) }
            interpreter.present(.logPane(try command.choice("SIZE", of: PresentationEffect.LogPaneChange.self)))
        },
    ]

    /// Checks that `view mean` has something to average: a current layer whose P (stage 8,
    /// [H, Tq, Tk]) is computed.
    static func checkMeanWeights(_ state: SessionState, at range: SourceRange) throws {
        guard let layerName = state.currentLayer, let layer = state.layers[layerName] else {
            throw LangError("`view mean` averages a layer's weights over heads, and there is no layer yet: define one with `mha d_model=8 heads=2`", at: range)
        }
        let pName = AttentionStage.p.tensorName(layer: layerName)
        guard layer.computed >= AttentionStage.p.number, let weights = state.workspace[pName],
              weights.rank == 3, weights.shape[0] > 0 else {
            throw LangError("`view mean` needs \(pName) (stage 8); `run` or `step` the layer first", at: range)
        }
    }
}
