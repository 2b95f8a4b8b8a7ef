import AttnCore

/// The pretrained-model commands (issue 9): load a BERT-style encoder, run
/// a sentence through it, and open one of its layers as an attnsh layer.
extension CommandSpec {
    /// The actions of `model`, in help order, each with its arguments.
    static let modelActions: [SubcommandSpec] = [
        SubcommandSpec("load", [ArgumentSpec("DIR", .path, optional: true)]),
        SubcommandSpec("run", [ArgumentSpec("TEXT", .text, meaning: "a sentence")]),
        SubcommandSpec("layer", [ArgumentSpec("L", .integer, meaning: "a layer number")]),
        SubcommandSpec("overview"),
        SubcommandSpec("info"),
    ]

    static let model: [CommandSpec] = [
        CommandSpec(name: "model", group: "model",
                    summary: "load a pretrained BERT-style encoder (DIR, else $ATTNSH_MODEL_DIR), run a sentence, open layer L as layer bertL (real weights, real input X)",
                    example: "model run The cat sat on the mat.",
                    subcommands: modelActions) { interpreter, command in
            try interpreter.runModelCommand(command)
        },
    ]
}
