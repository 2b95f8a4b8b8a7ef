import AttnCore

/// The attention commands (docs/reference.md §3): define layers, run them whole or stage
/// by stage, masks, positions, ablation, token inputs.
extension CommandSpec {
    /// Options shared by `mha` and `set`: every setting of a layer.
    static let layerOptions: [OptionSpec] = [
        OptionSpec("d_model", .integer, "width of the token vectors, D", placeholder: "D", required: true),
        OptionSpec("heads", .integer, "query heads, H (must divide d_model unless d_head is given)", placeholder: "H", required: true),
        OptionSpec("d_head", .integer, "width of each head, K (default d_model / heads)", placeholder: "K"),
        OptionSpec("kv_heads", .integer, "key/value heads, G (default heads; 1 = multi-query)", placeholder: "G"),
        OptionSpec("bias", .boolean, "add biases bq, bk, bv, bo (default false)"),
        OptionSpec("init", .word(choices: LayerConfig.InitScheme.allCases.map(\.rawValue)), "how weights start"),
        OptionSpec("seed", .integer, "seed for the weights (and dropout); default: the workspace generator", placeholder: "S"),
    ]

    /// Options only `set` takes.
    static let settingOptions: [OptionSpec] = [
        OptionSpec("temperature", .number, "divide the scaled scores by this (default 1)"),
        OptionSpec("scale", .number, "multiply the scores by this (default 1/sqrt(d_head))"),
        OptionSpec("dropout", .number, "drop each weight with this probability, seeded (default 0)"),
        OptionSpec("posenc", .word(choices: PositionalEncoding.allCases.map(\.rawValue)), "positions: none, sinusoidal, rope, alibi"),
        OptionSpec("rope_base", .number, "RoPE base (default 10000)"),
    ]

    static let attention: [CommandSpec] = [
        CommandSpec(name: "mha", group: "attention",
                    summary: "define (or redefine) an attention layer and make it current",
                    example: "mha attn d_model=8 heads=2 seed=1",
                    arguments: [ArgumentSpec("NAME", .name, optional: true)],
                    options: layerOptions + [OptionSpec("from", .string, "a saved torch.nn.MultiheadAttention state dict (.safetensors): its weights, transposed", placeholder: "PATH")]) { interpreter, command in
            if command.options["from"] != nil { return try interpreter.defineTorchLayer(command) }
            try interpreter.defineLayer(command)
        },
        CommandSpec(name: "use", group: "attention",
                    summary: "make another layer current", example: "use attn",
                    arguments: [ArgumentSpec("NAME", .name)]) { interpreter, command in
            let (name, range) = try command.name("NAME")
            _ = try interpreter.layer(named: name, at: range)
            interpreter.state.currentLayer = name
        },
        CommandSpec(name: "config", group: "attention",
                    summary: "show the settings of the current layer", example: "config") { interpreter, command in
            let layer = try interpreter.currentLayer(at: command.nameRange)
            interpreter.print(interpreter.configText(layer))
        },
        CommandSpec(name: "set", group: "attention",
                    summary: "change settings of the current layer (heads=, temperature=, posenc=, ...)",
                    example: "set temperature=0.5 posenc=rope",
                    options: layerOptions + settingOptions, listsOptions: false) { interpreter, command in
            try interpreter.changeLayer(command)
        },
        CommandSpec(name: "run", group: "attention",
                    summary: "compute all eleven stages for input X (default the tensor X)",
                    example: "run X",
                    arguments: [ArgumentSpec("X", .expression, optional: true)],
                    options: [OptionSpec("kv", .expression, "keys and values from this tensor (cross attention)", placeholder: "Y")]) { interpreter, command in
            try interpreter.runLayer(command)
        },
        CommandSpec(name: "step", group: "attention",
                    summary: "compute the next stage (or N stages), reading earlier ones from the workspace",
                    example: "reset; step 3",
                    arguments: [ArgumentSpec("N", .integer, optional: true)],
                    options: [OptionSpec("kv", .expression, "when starting a trace: keys and values from this tensor", placeholder: "Y")]) { interpreter, command in
            try interpreter.stepLayer(command)
        },
        CommandSpec(name: "back", group: "attention",
                    summary: "forget the last stage (or the last N)", example: "back",
                    arguments: [ArgumentSpec("N", .integer, optional: true)]) { interpreter, command in
            try interpreter.backLayer(command)
        },
        CommandSpec(name: "reset", group: "attention",
                    summary: "clear the trace of the current layer", example: "reset") { interpreter, command in
            var layer = try interpreter.currentLayer(at: command.nameRange)
            interpreter.clearTrace(&layer)
            interpreter.state.layers[layer.name] = layer
        },
        CommandSpec(name: "mask", group: "attention",
                    summary: "set the mask: none, causal, window W, pad N, block S1,S2,..., or a tensor NAME (combined by AND)",
                    example: "mask causal window 2",
                    arguments: [ArgumentSpec("SPEC", .maskSpec, repeats: true)]) { interpreter, command in
            try interpreter.setMask(command)
        },
        CommandSpec(name: "ablate", group: "attention",
                    summary: "zero the outputs of heads H... (Z), or restore all heads",
                    example: "ablate 0",
                    arguments: [ArgumentSpec("H", .head, repeats: true, keywords: ["none"])]) { interpreter, command in
            try interpreter.setAblation(command)
        },
        CommandSpec(name: "tokens", group: "attention",
                    summary: "label the sequence and create X [T, d_model]: one fixed vector per distinct word",
                    example: "tokens the cat sat on the mat",
                    arguments: [ArgumentSpec("WORD", .rawWord, repeats: true)],
                    options: [OptionSpec("as", .name, "the tensor to create (default X)")]) { interpreter, command in
            try interpreter.makeTokens(command)
        },
        CommandSpec(name: "embeddings", group: "attention",
                    summary: "use word vectors from a GloVe-format text file for `tokens` (`off`: seeded vectors again)",
                    example: "embeddings off",
                    arguments: [ArgumentSpec("PATH", .path, keywords: ["off"])]) { interpreter, command in
            try interpreter.loadEmbeddings(command)
        },
    ]
}
