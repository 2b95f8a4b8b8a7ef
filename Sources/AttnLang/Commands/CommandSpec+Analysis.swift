import AttnCore

/// The analysis commands (docs/reference.md §4): explain one weight, entropy and top
/// keys, head patterns, comparisons, cost, statistics, and figure export.
extension CommandSpec {
    static let analysis: [CommandSpec] = [
        CommandSpec(name: "explain", group: "analysis",
                    summary: "every number behind the weight of head H, query I, key J: q, k, q⊙k, score, scale, mask, softmax",
                    example: "explain 0 2 1",
                    arguments: [ArgumentSpec("H", .integer), ArgumentSpec("I", .integer), ArgumentSpec("J", .integer)]) { interpreter, command in
            try interpreter.explainWeight(command)
        },
        CommandSpec(name: "entropy", group: "analysis",
                    summary: "the entropy of the attention weights per head and query (nats)",
                    example: "entropy") { interpreter, command in
            try interpreter.printEntropy(command)
        },
        CommandSpec(name: "top", group: "analysis",
                    summary: "the K most attended keys (default 3) per head and query, with labels",
                    example: "top 2",
                    arguments: [ArgumentSpec("K", .integer, optional: true)]) { interpreter, command in
            try interpreter.printTopKeys(command)
        },
        CommandSpec(name: "heads", group: "analysis",
                    summary: "name each head's pattern with a score in [0, 1], or score one pattern",
                    example: "heads prev",
                    arguments: [ArgumentSpec("PATTERN", .word(choices: HeadPattern.allCases.map(\.rawValue)), optional: true)]) { interpreter, command in
            try interpreter.printHeadPatterns(command)
        },
        CommandSpec(name: "compare", group: "analysis",
                    summary: "two tensors (or two layers' weights) side by side, their difference and its largest entries",
                    example: "compare attn.scores attn.scaled",
                    arguments: [ArgumentSpec("A", .expression), ArgumentSpec("B", .expression)]) { interpreter, command in
            try interpreter.compare(command)
        },
        CommandSpec(name: "cost", group: "analysis",
                    summary: "parameters, FLOPs and memory of the current layer for T tokens, by stage",
                    example: "cost T=512",
                    options: [OptionSpec("T", .integer, "tokens (default: the trace's queries, else rows of X, else 128)", placeholder: "N")]) { interpreter, command in
            try interpreter.printCost(command)
        },
        CommandSpec(name: "stats", group: "analysis",
                    summary: "min, max, mean, std of the finite elements, and NaN/inf counts",
                    example: "stats attn.P",
                    arguments: [ArgumentSpec("EXPR", .expression)]) { interpreter, command in
            let expr = try command.expression("EXPR")
            let tensor = try interpreter.evaluate(expr)
            interpreter.print(interpreter.statsText(TensorStats(tensor), name: "\(expr)", shape: tensor.shape))
        },
        CommandSpec(name: "export", group: "analysis",
                    summary: "write a heatmap figure (one panel per head, labels, colour bar) or a labelled CSV table",
                    example: "export svg attn.P attn.svg",
                    arguments: [ArgumentSpec("FORMAT", .word(choices: ["svg", "csv"])), ArgumentSpec("TENSOR", .name),
                                ArgumentSpec("PATH", .path)]) { interpreter, command in
            try interpreter.export(command)
        },
    ]
}
