import AttnCore

/// The pretrained-model commands (issue 9): load a BERT-style encoder, run
/// a sentence through it, and open one of its layers as an attnsh layer.
extension CommandSpec {
    /// The actions of `model`, in help order.
    static let modelActions = ["load", "run", "layer", "overview", "info"]

    static let model: [CommandSpec] = [
        CommandSpec(name: "model", group: "model",
                    syntax: "model load [DIR] | model run TEXT | model layer L | model overview | model info",
                    summary: "load a pretrained BERT-style encoder (DIR, else $ATTNSH_MODEL_DIR), run a sentence, open layer L as layer bertL (real weights, real input X)",
                    example: "model run The cat sat on the mat.",
                    arguments: [ArgumentSpec("ACTION", .word(choices: modelActions)),
                                ArgumentSpec("ARGS", .text, optional: true)]) { interpreter, command in
            try interpreter.runModelCommand(command)
        },
    ]
}
