import AttnCore

/// The training command (issue 10): fit a tiny attention model to a toy
/// task and leave its attention layer in the workspace.
extension CommandSpec {
    static let training: [CommandSpec] = [
        CommandSpec(name: "train", group: "training",
                    syntax: "train task=TASK [heads=H|1,2,4] [d_model=D] [steps=N] [lr=R] [seed=S] [T=N]",
                    summary: "fit embedding, the current layer and a readout to prev, copy, reverse, sort or induction; heads=1,2,4 compares",
                    example: "train task=prev steps=100",
                    options: [
                        OptionSpec("task", .word(choices: TrainingTask.allCases.map(\.rawValue)),
                                   "prev, copy (k back), reverse, sort, induction"),
                        OptionSpec("heads", .integerList, "query heads, or a list to compare (same d_model, seed and data)"),
                        OptionSpec("d_model", .integer, "width D (default: the current layer's, else 16)"),
                        OptionSpec("steps", .integer, "Adam steps (default per task: prev 200, copy 300, induction 400, reverse and sort 600)"),
                        OptionSpec("lr", .number, "learning rate (default 0.003)"),
                        OptionSpec("seed", .integer, "seeds weights, training data and held-out data (default 0)"),
                        OptionSpec("T", .integer, "sequence length (default per task: 8, reverse/sort 6, induction 12)"),
                        OptionSpec("k", .integer, "how far back `copy` looks (default 2)"),
                        OptionSpec("vocab", .integer, "number of distinct tokens (default 8)"),
                        OptionSpec("batch", .integer, "sequences per step (default 32)"),
                    ]) { interpreter, command in
            try interpreter.train(command)
        },
    ]
}
