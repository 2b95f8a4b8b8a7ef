import AttnCore

/// The training command (issue 10): fit a tiny attention model to a toy
/// task and leave its attention layer in the workspace.
extension CommandSpec {
    static let training: [CommandSpec] = [
        CommandSpec(name: "train", group: "training",
                    summary: "fit embedding, the current layer (or a model of layers=L) and a readout to prev, copy, reverse, sort, induction or pair; heads=1,2,4 compares",
                    example: "train task=prev steps=100",
                    options: [
                        OptionSpec("task", .word(choices: TrainingTask.allCases.map(\.rawValue)),
                                   "prev, copy (k back), reverse, sort, induction, pair", placeholder: "TASK", required: true),
                        OptionSpec("heads", .integerList, "query heads, or a list to compare (same d_model, seed and data)", placeholder: "H|1,2,4"),
                        OptionSpec("layers", .integer, "train a model of L layers on a residual stream (default: the current model's, else one layer without one)", placeholder: "L"),
                        OptionSpec("mlp", .integer, "with layers=: each layer's ReLU MLP width (default none)", placeholder: "N"),
                        OptionSpec("d_model", .integer, "width D (default: the current layer's, else 16)", placeholder: "D"),
                        OptionSpec("steps", .integer, "Adam steps (default per task: prev 200, copy 300, induction and pair 600, reverse and sort 600)", placeholder: "N"),
                        OptionSpec("lr", .number, "learning rate (default 0.003)", placeholder: "R"),
                        OptionSpec("seed", .integer, "seeds weights, training data and held-out data (default 0)", placeholder: "S"),
                        OptionSpec("T", .integer, "sequence length (default per task: 8, reverse/sort 6, induction 16)", placeholder: "N"),
                        OptionSpec("k", .integer, "how far back `copy` looks (default 2)", placeholder: "K"),
                        OptionSpec("vocab", .integer, "number of distinct tokens (default 8, induction 16)", placeholder: "V"),
                        OptionSpec("batch", .integer, "sequences per step (default 32)", placeholder: "B"),
                        OptionSpec("watch", .integer, "in the panes, milliseconds the chart holds each evaluation (default 0)", placeholder: "MS"),
                    ]) { interpreter, command in
            try interpreter.train(command)
        },
    ]
}
