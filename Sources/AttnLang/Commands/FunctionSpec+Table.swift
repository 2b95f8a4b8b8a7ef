import AttnCore

/// The built-in functions (docs/reference.md §2.5), in the order `help` lists them.
extension FunctionSpec {
    public static let all: [FunctionSpec] = creation + random + elementwise + reductions + shapes + attention

    static let creation: [FunctionSpec] = [
        FunctionSpec("zeros", "zeros(shape...)", "a tensor of zeros", example: "zeros(2, 3)") { _, call in
            try Tensor.zeros(call.shape(from: 0))
        },
        FunctionSpec("ones", "ones(shape...)", "a tensor of ones", example: "ones([2, 3])") { _, call in
            try Tensor.ones(call.shape(from: 0))
        },
        FunctionSpec("full", "full(v, shape...)", "a tensor with every element v", example: "full(-inf, 3, 3)") { _, call in
            try call.expectCount(2...Int.max)
            return try Tensor.full(call.number(0, what: "the value"), call.shape(from: 1))
        },
        FunctionSpec("eye", "eye(n)", "the n×n identity matrix", example: "eye(3)") { _, call in
            try call.expectCount(1...1)
            return try Tensor.eye(call.integer(0, what: "n"))
        },
        FunctionSpec("arange", "arange(n) or arange(a, b[, step])", "evenly spaced values in [0, n) or [a, b)",
                     example: "arange(0, 1, 0.25)") { _, call in
            try call.expectCount(1...3)
            if call.positional.count == 1 { return try Tensor.arange(call.integer(0, what: "n")) }
            let step = call.positional.count == 3 ? try call.number(2, what: "the step") : 1
            return try Tensor.arange(start: call.number(0, what: "the start"), stop: call.number(1, what: "the stop"), step: step)
        },
        FunctionSpec("linspace", "linspace(a, b, n)", "n evenly spaced values from a to b inclusive",
                     example: "linspace(0, 1, 5)") { _, call in
            try call.expectCount(3...3)
            return try Tensor.linspace(call.number(0, what: "the start"), call.number(1, what: "the stop"),
                                       call.integer(2, what: "n"))
        },
    ]

    static let random: [FunctionSpec] = [
        FunctionSpec("randn", "randn(shape..., seed=S)", "standard normal samples N(0, 1)",
                     example: "randn(2, 3, seed=1)", keywords: ["seed"]) { interpreter, call in
            let shape = try call.shape(from: 0)
            return try call.withGenerator(&interpreter) { try Tensor.randn(shape, using: &$0) }
        },
        FunctionSpec("rand", "rand(shape..., seed=S)", "uniform samples in [0, 1)",
                     example: "rand(4, seed=7)", keywords: ["seed"]) { interpreter, call in
            let shape = try call.shape(from: 0)
            return try call.withGenerator(&interpreter) { try Tensor.rand(shape, using: &$0) }
        },
        FunctionSpec("xavier", "xavier(rows, cols, seed=S)",
                     "Glorot uniform U(-a, a), a = sqrt(6 / (rows + cols))",
                     example: "xavier(8, 8, seed=0)", keywords: ["seed"]) { interpreter, call in
            try call.expectCount(2...2)
            let rows = try call.integer(0, what: "rows"), cols = try call.integer(1, what: "cols")
            return try call.withGenerator(&interpreter) { try Tensor.xavier(rows, cols, using: &$0) }
        },
    ]

    static let elementwise: [FunctionSpec] = [
        unary("exp", .exp, "e to the power x, elementwise", "exp([0, 1])"),
        unary("log", .log, "natural logarithm, elementwise (log 0 = -inf)", "log(exp(2))"),
        unary("sqrt", .sqrt, "square root, elementwise", "sqrt([4, 9])"),
        unary("abs", .abs, "absolute value, elementwise", "abs([-1, 2])"),
        unary("tanh", .tanh, "hyperbolic tangent, elementwise", "tanh([0, 1])"),
        unary("relu", .relu, "max(x, 0), elementwise", "relu([-1, 2])"),
        unary("gelu", .gelu, "0.5 x (1 + erf(x / sqrt 2)), elementwise", "gelu([-1, 0, 1])"),
    ]

    static let reductions: [FunctionSpec] = [
        reduction("sum", .sum, "sum of elements"),
        reduction("mean", .mean, "mean of elements"),
        reduction("max", .max, "largest element"),
        reduction("min", .min, "smallest element"),
        reduction("argmax", .argmax, "position of the largest element (first on ties)"),
        reduction("argmin", .argmin, "position of the smallest element (first on ties)"),
        reduction("norm", .norm, "L2 norm: sqrt of the sum of squares"),
    ]

    static let shapes: [FunctionSpec] = [
        FunctionSpec("transpose", "transpose(x, a, b)", "swap axes a and b (default the last two)",
                     example: "transpose(randn(2, 3, 4), 0, 2)") { _, call in
            try call.expectCount(1...3)
            let x = try call.tensor(0)
            if call.positional.count == 1 { return x.transposedLast }
            try call.expectCount(3...3)
            return try x.transposed(call.integer(1, what: "the first axis"), call.integer(2, what: "the second axis"))
        },
        FunctionSpec("reshape", "reshape(x, shape...)", "the same elements in a new shape (one extent may be -1)",
                     example: "reshape(arange(6), 2, -1)") { _, call in
            try call.expectCount(2...Int.max)
            return try call.tensor(0).reshaped(call.shape(from: 1))
        },
        FunctionSpec("concat", "concat(a, b, ..., dim=0)", "join tensors along an existing axis",
                     example: "concat(ones(2, 2), zeros(2, 2), dim=1)", keywords: ["dim"]) { interpreter, call in
            try call.expectCount(1...Int.max)
            let dim = try call.keywordInteger("dim", in: &interpreter) ?? 0
            return try Tensor.concat(call.positional.map(\.value), dim: dim)
        },
        FunctionSpec("stack", "stack(a, b, ..., dim=0)", "join equal-shaped tensors along a new axis",
                     example: "stack([1, 2], [3, 4], dim=1)", keywords: ["dim"]) { interpreter, call in
            try call.expectCount(1...Int.max)
            let dim = try call.keywordInteger("dim", in: &interpreter) ?? 0
            return try Tensor.stack(call.positional.map(\.value), dim: dim)
        },
        FunctionSpec("where", "where(cond, a, b)", "a where cond is non-zero, else b (broadcasting all three)",
                     example: "where(causal(3), 0, -inf)") { _, call in
            try call.expectCount(3...3)
            return try Tensor.select(call.tensor(0), call.tensor(1), call.tensor(2))
        },
    ]

    static let attention: [FunctionSpec] = [
        FunctionSpec("softmax", "softmax(x, dim=-1)",
                     "exp(x - max) / sum exp(x - max) along dim; all -inf gives zeros, +inf entries share the weight, NaN gives NaN",
                     example: "softmax([1, 2, 3])", keywords: ["dim"]) { interpreter, call in
            try call.expectCount(1...1)
            let (weights, nanRows) = try Tensor.softmaxCountingNaN(call.tensor(0), dim: call.keywordInteger("dim", in: &interpreter) ?? -1)
            if nanRows > 0 {
                interpreter.warn("\(nanRows) row(s) of the softmax contain NaN; their weights are NaN", at: call.range)
            }
            return weights
        },
        FunctionSpec("entropy", "entropy(p, dim=-1)", "Shannon entropy in nats, -sum p log p (0 log 0 = 0)",
                     example: "entropy([0.5, 0.5])", keywords: ["dim"]) { interpreter, call in
            try call.expectCount(1...1)
            return try Tensor.entropy(call.tensor(0), dim: call.keywordInteger("dim", in: &interpreter) ?? -1)
        },
        FunctionSpec("causal", "causal(n)", "the [n, n] causal mask: 1 where j <= i, else 0",
                     example: "causal(4)") { _, call in
            try call.expectCount(1...1)
            return try Tensor.causal(call.integer(0, what: "n"))
        },
        FunctionSpec("sinusoidal", "sinusoidal(T, d)",
                     "positional table PE[p, 2i] = sin(p / 10000^(2i/d)), PE[p, 2i+1] = cos(...)",
                     example: "sinusoidal(4, 8)") { _, call in
            try call.expectCount(2...2)
            return try Tensor.sinusoidal(call.integer(0, what: "T"), call.integer(1, what: "d"))
        },
    ]

    /// A one-argument elementwise function.
    private static func unary(_ name: String, _ op: UnaryOp, _ summary: String, _ example: String) -> FunctionSpec {
        FunctionSpec(name, "\(name)(x)", summary, example: example) { _, call in
            try call.expectCount(1...1)
            let x = try call.tensor(0)
            try MemoryLimit.check(shape: x.shape)
            return x.map(op)
        }
    }

    /// A reduction over all elements or one axis.
    private static func reduction(_ name: String, _ op: ReduceOp, _ summary: String) -> FunctionSpec {
        FunctionSpec(name, "\(name)(x, dim=, keepdim=false)", summary + " (over all elements, or along dim)",
                     example: "\(name)([[1, 5], [3, 2]], dim=1)", keywords: ["dim", "keepdim"]) { interpreter, call in
            try call.expectCount(1...1)
            let dim = try call.keywordInteger("dim", in: &interpreter)
            let keep = try call.keywordFlag("keepdim", in: &interpreter)
            return try call.tensor(0).reduce(op, dim: dim, keepDims: keep)
        }
    }
}

extension FunctionCall {
    /// Runs `draw` with a fresh generator when `seed=` is given, else with the
    /// workspace generator (which then advances).
    func withGenerator(_ interpreter: inout Interpreter, _ draw: (inout RandomSource) throws -> Tensor) throws -> Tensor {
        if let seed = try keywordSeed("seed", in: &interpreter) {
            var fresh = RandomSource(seed: seed)
            return try draw(&fresh)
        }
        return try draw(&interpreter.state.generator)
    }
}
