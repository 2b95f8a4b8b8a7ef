import AttnCore

/// The model commands: define a model of several layers (`model new`) or
/// load a BERT-style encoder, run tokens or a sentence through it, and open
/// one of its layers as an attnsh layer.
extension CommandSpec {
    /// The actions of `model`, in help order, each with its arguments.
    static let modelActions: [SubcommandSpec] = [
        SubcommandSpec("new", [ArgumentSpec("NAME", .name, optional: true)], options: [
            OptionSpec("layers", .integer, "layers of attention on the residual stream, L", placeholder: "L", required: true),
            OptionSpec("d_model", .integer, "width of the residual stream, D", placeholder: "D", required: true),
            OptionSpec("heads", .integer, "query heads per layer, H", placeholder: "H", required: true),
            OptionSpec("kv_heads", .integer, "key/value heads per layer, G (default H)", placeholder: "G"),
            OptionSpec("mlp", .integer, "width of each layer's ReLU MLP (default none: attention only)", placeholder: "N"),
            OptionSpec("vocab", .integer, "distinct tokens, V (default 16)", placeholder: "V"),
            OptionSpec("posenc", .word(choices: PositionalEncoding.allCases.map(\.rawValue)),
                       "positions of every layer (default rope)", placeholder: "..."),
            OptionSpec("seed", .integer, "seeds the weights (default 0)", placeholder: "S"),
        ]),
        SubcommandSpec("load", [ArgumentSpec("DIR", .path, optional: true)]),
        SubcommandSpec("run", [ArgumentSpec("TEXT", .text, meaning: "a sentence")]),
        SubcommandSpec("layer", [ArgumentSpec("L", .integer, meaning: "a layer number")]),
        SubcommandSpec("overview"),
        SubcommandSpec("heads"),
        SubcommandSpec("info"),
        SubcommandSpec("ablate", [ArgumentSpec("L.H", .rawWord, repeats: true, keywords: ["none"], meaning: "a layer and a head, as 2.5")],
                       options: [modeOption]),
        SubcommandSpec("patch", [ArgumentSpec("L.H", .rawWord, keywords: ["none"], meaning: "a layer and a head, as 2.5")], options: [
            OptionSpec("from", .string, "the sentence whose run gives the head's output", placeholder: "\"TEXT\""),
        ]),
        SubcommandSpec("importance", [ArgumentSpec("FILE", .path, optional: true)], options: [modeOption]),
        SubcommandSpec("prune", [ArgumentSpec("FILE", .path, optional: true)], options: [
            OptionSpec("steps", .integer, "points on the curve after the intact one (default 12)", placeholder: "N"),
            modeOption,
        ]),
        SubcommandSpec("rollout"),
        SubcommandSpec("sinks"),
        SubcommandSpec("corpus", [ArgumentSpec("FILE", .path)], options: [
            OptionSpec("importance", .boolean, "also each head's importance over the corpus (default false)"),
            modeOption,
        ]),
    ]

    /// `mode=zero|mean`: how an ablated head's output is replaced.
    static let modeOption = OptionSpec("mode", .word(choices: HeadInterventions.Mode.allCases.map(\.rawValue)),
                                       "an ablated head's Z: zero (default) or its mean over positions")

    static let model: [CommandSpec] = [
        CommandSpec(name: "model", group: "model",
                    summary: "define a model of L layers on a residual stream (`model new`) or load a pretrained BERT-style encoder (DIR, else $ATTNSH_MODEL_DIR); run tokens or a sentence, open layer L as a layer (real weights, real input X), name every head's pattern; ablate and patch heads in the whole model, rank them by importance, prune them, roll attention out over layers, measure sinks",
                    example: "model run The cat sat on the mat.",
                    subcommands: modelActions) { interpreter, command in
            try interpreter.runModelCommand(command)
        },
        CommandSpec(name: "circuit", group: "model",
                    summary: "one head's QK = Wq·Wkᵀ and OV = Wv·Wo circuits [D, D], their token maps through the embedding and unembedding, and the OV copying score Σλ/Σ|λ|",
                    example: "circuit 0.0",
                    arguments: [ArgumentSpec("L.H", .rawWord, meaning: "a layer and a head, as 1.0")]) { interpreter, command in
            try interpreter.showCircuit(command)
        },
    ]
}
