/// The result of computing one attention stage: its tensor, any extra
/// tensors to store beside it, and warnings for the user.
public struct StageOutput: Sendable {
    public var stage: AttentionStage
    /// The stage tensor, to store as `NAME.<stage.name>`.
    public var tensor: Tensor
    /// Extra workspace tensors by full name (stage 7 adds `NAME.mask`).
    public var extras: [(name: String, tensor: Tensor)]
    /// Sentences to print as warnings (stage 8: rows with every key blocked).
    public var warnings: [String]

    public init(stage: AttentionStage, tensor: Tensor,
                extras: [(name: String, tensor: Tensor)] = [], warnings: [String] = []) {
        self.stage = stage
        self.tensor = tensor
        self.extras = extras
        self.warnings = warnings
    }
}

/// The attention forward pass computed one stage at a time (docs/reference.md §3.2).
///
/// Every stage reads what it needs through `read` — earlier stages as
/// `NAME.Q`, ..., weights as `NAME.Wq`, ..., mask tensors by their names —
/// so an edit a user makes to a workspace tensor flows into every later
/// stage. Each read is shape-checked against the layer. Matrix products go
/// through `gemm` (BLAS); `AttentionReference` is the plain-loop twin that
/// tests hold this path equal to.
///
/// Shapes: input X [Tq, D], kv Y [Tk, D] (Y = X without kv), then
/// Q [H, Tq, K], K and V [G, Tk, K], scores/scaled/masked/P [H, Tq, Tk],
/// Z [H, Tq, K], concat [Tq, H·K], out [Tq, D].
public enum AttentionEngine {
    /// Computes one stage.
    ///
    /// - `input`: the layer's input X [Tq, D] as given to `run` (stage 1 uses
    ///   it; later stages take Tq from it to check shapes).
    /// - `kv`: Y [Tk, D] for cross attention, nil for self attention. Stages
    ///   3 and 4 project Y directly. DECISION: with posenc=sinusoidal the
    ///   table of Y's length is added to Y too, so keys carry positions the
    ///   same way queries do. Without kv, stages 3 and 4 read `NAME.X`.
    public static func compute(_ stage: AttentionStage, config: LayerConfig,
                               read: (String) throws -> Tensor,
                               input: Tensor, kv: Tensor?) throws -> StageOutput {
        try config.validate()
        try checkInput(input, "input", config: config)
        if let kv { try checkInput(kv, "kv input", config: config) }
        let tq = input.shape[0]
        let tk = (kv ?? input).shape[0]
        // The context keeps `read` only for the duration of this call.
        return try withoutActuallyEscaping(read) { read in
            try compute(stage, StageContext(config: config, read: read, tq: tq, tk: tk), input: input, kv: kv)
        }
    }

    /// The body of `compute` once the inputs are checked.
    static func compute(_ stage: AttentionStage, _ context: StageContext,
                        input: Tensor, kv: Tensor?) throws -> StageOutput {
        try Cancellation.check()
        let config = context.config
        switch stage {
        case .x:
            var x = input  // [Tq, D]
            if config.posenc == .sinusoidal { try PositionalEncoding.addSinusoidal(to: &x) }
            return StageOutput(stage: stage, tensor: x)
        case .q:
            let x = try context.stage(.x, for: stage)
            var q = try project(x, "Wq", bias: "bq", heads: config.heads, context)  // [H, Tq, K]
            if config.posenc == .rope { PositionalEncoding.applyRope(to: &q, base: config.ropeBase) }
            return StageOutput(stage: stage, tensor: q)
        case .k, .v:
            let y = try keyValueSource(kv: kv, context, for: stage)  // [Tk, D]
            let isKey = stage == .k
            var projected = try project(y, isKey ? "Wk" : "Wv", bias: isKey ? "bk" : "bv",
                                        heads: config.kvHeads, context)  // [G, Tk, K]
            if isKey && config.posenc == .rope {
                PositionalEncoding.applyRope(to: &projected, base: config.ropeBase)
            }
            return StageOutput(stage: stage, tensor: projected)
        case .scores:
            return StageOutput(stage: stage, tensor: try scores(context))
        case .scaled:
            return StageOutput(stage: stage, tensor: try scaled(context))
        case .masked:
            return try masked(context)
        case .p:
            return try weights(context)
        case .z:
            return StageOutput(stage: stage, tensor: try headOutputs(context))
        case .concat:
            return StageOutput(stage: stage, tensor: try concatenated(context))
        case .out:
            return StageOutput(stage: stage, tensor: try output(context))
        }
    }

    /// Stages 2-4, with `together` Q's, K's and V's products one job for the cores
    /// (`projections`), each with the bits `compute` gives it alone; `read` must give stage 1
    /// (`NAME.X`).
    static func projectedStages(config: LayerConfig, read: (String) throws -> Tensor,
                                input: Tensor, kv: Tensor?, together: Bool) throws -> (q: Tensor, k: Tensor, v: Tensor) {
        let tq = input.shape[0]
        let tk = (kv ?? input).shape[0]
        return try withoutActuallyEscaping(read) { read in
            let context = StageContext(config: config, read: read, tq: tq, tk: tk)
            try Cancellation.check()
            let x = try context.stage(.x, for: .q)
            let y = try keyValueSource(kv: kv, context, for: .k)
            let requests = [Projection(rows: x, weight: "Wq", bias: "bq", heads: config.heads),
                            Projection(rows: y, weight: "Wk", bias: "bk", heads: config.kvHeads),
                            Projection(rows: y, weight: "Wv", bias: "bv", heads: config.kvHeads)]
            // One job for a small pass (one hand-over to the helper instead of three); a large one
            // has bands enough in each product, and one product's buffers at a time come back
            // from the heap already mapped (three at once took 6 800 more page faults per run at
            // T = 4096, D = 1024).
            let projected = together ? try projections(requests, context)
                : try requests.map { try projections([$0], context)[0] }
            var (q, k) = (projected[0], projected[1])
            if config.posenc == .rope {
                PositionalEncoding.applyRope(to: &q, base: config.ropeBase)
                PositionalEncoding.applyRope(to: &k, base: config.ropeBase)
            }
            return (q, k, projected[2])
        }
    }

    /// Runs every stage in order, each reading the ones before it from the
    /// results so far (and everything else through `read`).
    public static func run(config: LayerConfig, read: (String) throws -> Tensor,
                           input: Tensor, kv: Tensor?) throws -> [StageOutput] {
        var computed: [String: Tensor] = [:]
        var outputs: [StageOutput] = []
        for stage in AttentionStage.allCases {
            let output = try compute(stage, config: config, read: { name in
                if let tensor = computed[name] { return tensor }
                return try read(name)
            }, input: input, kv: kv)
            computed[stage.tensorName(layer: config.name)] = output.tensor
            for extra in output.extras { computed[extra.name] = extra.tensor }
            outputs.append(output)
        }
        return outputs
    }

    /// `run`, keeping only the stage tensors.
    public static func forward(config: LayerConfig, read: (String) throws -> Tensor,
                               input: Tensor, kv: Tensor?) throws -> [AttentionStage: Tensor] {
        var result: [AttentionStage: Tensor] = [:]
        for output in try run(config: config, read: read, input: input, kv: kv) {
            result[output.stage] = output.tensor
        }
        return result
    }

    /// Checks that an input is a matrix of token rows [T, D] with T ≥ 1.
    static func checkInput(_ tensor: Tensor, _ what: String, config: LayerConfig) throws {
        guard tensor.rank == 2, tensor.shape[1] == config.dModel, tensor.shape[0] > 0 else {
            throw TensorError("the \(what) of layer \(config.name) must be [T, \(config.dModel)] (T tokens of d_model=\(config.dModel)), got \(Tensor.describe(tensor.shape))")
        }
    }

    /// Y for stages 3 and 4: the kv input (with the sinusoidal table when
    /// posenc=sinusoidal), or the stage tensor `NAME.X`.
    static func keyValueSource(kv: Tensor?, _ context: StageContext, for stage: AttentionStage) throws -> Tensor {
        guard var y = kv else { return try context.stage(.x, for: stage) }
        if context.config.posenc == .sinusoidal { try PositionalEncoding.addSinusoidal(to: &y) }
        return y
    }
}

/// What every stage computation needs: the layer, the lookup, and the
/// sequence lengths that the tensors it reads must agree with.
struct StageContext {
    let config: LayerConfig
    let read: (String) throws -> Tensor
    let tq: Int
    let tk: Int

    /// Reads an earlier stage's tensor and checks its shape.
    func stage(_ earlier: AttentionStage, for current: AttentionStage) throws -> Tensor {
        let name = earlier.tensorName(layer: config.name)
        let tensor = try read(name)
        let expected = earlier.shape(config, tq: tq, tk: tk)
        guard tensor.shape == expected else {
            throw TensorError("\(name) has shape \(Tensor.describe(tensor.shape)) but stage \(current.number) (\(current.name)) needs \(Tensor.describe(expected)) for Tq=\(tq), Tk=\(tk)")
        }
        return tensor
    }

    /// Reads a weight of the layer and checks its shape.
    func weight(_ suffix: String) throws -> Tensor {
        try LayerWeights.read(suffix, config: config, using: read)
    }
}
