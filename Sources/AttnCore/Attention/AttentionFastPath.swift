import Dispatch

/// The attention forward pass computed the fast way, for `run` and `bench`:
/// every stage `run` keeps, bit for bit what eleven `step`s give.
///
/// Stages 1-4 and 10-11 are the engine's own (one sgemm each). Stages 5-9
/// are fused per block of `AttentionEngine.rowBlock` query rows of one head:
///
///     S    = Q[h, rows]·K[g, keys]ᵀ          sgemm, written straight into P [B, keys]
///     x    = S·scale/temperature − m_h|i−j|  one pass per row, then −inf where masked
///     P    = softmax(x)                      `RowSoftmax`, in place
///     Z    = P[h, rows, keys]·V[g, keys]     sgemm
///
/// `keys` is the run of keys the masks leave open to some row of the block
/// (causal: keys up to the block's last row), so fully masked key blocks are
/// never multiplied. scores, scaled and masked are not kept: `derived` gives
/// them back on demand, exactly as `step` computes them. Blocks are spread
/// over the cores with `DispatchQueue.concurrentPerform`, BLAS running one
/// thread per block meanwhile.
public enum AttentionFastPath {
    /// What `forward` computes: the stages `run` keeps, the mask, the
    /// warnings of stage 8, and the recipe for the stages it did not keep.
    public struct Forward: Sendable {
        /// X, Q, K, V, P, Z, concat and out.
        public var stages: [AttentionStage: Tensor]
        /// `NAME.mask` as stage 7 stores it.
        public var mask: Tensor
        /// The warnings stage 8 gives (rows with every key blocked, NaN rows).
        public var warnings: [String]
        /// scores, scaled and masked, recomputed when asked for.
        public var derived: DerivedStages
    }

    /// Below this many FLOPs (`AttentionBenchmark.flops`, about a millisecond
    /// of one core) the blocks go to the calling thread and the quick helper
    /// (`QuickHelper`) instead of Dispatch.
    // At T = 128, D = 128, H = 4 (25 MFLOP) Dispatch's wake-up of a pool thread
    // per call cost more than the second core gave back; the helper, spinning
    // between the jobs of one pass, takes its share at once.
    static let serialFlops: Double = 67_108_864  // 2^26

    /// Whether a pass of `config` over Tq queries and Tk keys runs on one thread.
    static func runsSerially(_ config: LayerConfig, tq: Int, tk: Int) -> Bool {
        AttentionBenchmark.flops(config, tq: tq, tk: tk) < serialFlops
    }

    /// The forward pass for `input` X [Tq, D] and optional `kv` Y [Tk, D];
    /// `read` looks up weights and mask tensors by name.
    public static func forward(config: LayerConfig, read: (String) throws -> Tensor,
                               input: Tensor, kv: Tensor?) throws -> Forward {
        try config.validate()
        try AttentionEngine.checkInput(input, "input", config: config)
        if let kv { try AttentionEngine.checkInput(kv, "kv input", config: config) }
        let (h, k) = (config.heads, config.dHead)
        let tq = input.shape[0]
        let tk = (kv ?? input).shape[0]

        let serial = runsSerially(config, tq: tq, tk: tk)
        var stages: [AttentionStage: Tensor] = [:]
        func lookup(_ name: String) throws -> Tensor {
            if let stage = stageNamed(name, layer: config.name), let tensor = stages[stage] { return tensor }
            return try read(name)
        }
        try Cancellation.check()
        stages[.x] = try AttentionEngine.compute(.x, config: config, read: lookup, input: input, kv: kv).tensor
        (stages[.q], stages[.k], stages[.v]) = try AttentionEngine.projectedStages(config: config, read: lookup,
                                                                                  input: input, kv: kv,
                                                                                  together: serial)
        var maskTensors: [String: Tensor] = [:]
        for case .tensor(let name) in config.masks { maskTensors[name] = try read(name) }
        let mask = try MaskSpec.combined(config.masks, heads: h, queries: tq, keys: tk, read: read)
        try MemoryLimit.check(shape: [h, tq, tk])
        try MemoryLimit.check(shape: [h, tq, k])

        // Stages 1-4 were computed just above: a missing one is a bug, not a case.
        func kept(_ stage: AttentionStage) -> Tensor {
            guard let tensor = stages[stage] else {
                preconditionFailure("the fast path of \(config.name) lost stage \(stage.name) before using it")
            }
            return tensor
        }
        let plan = FusedPlan(config: config, tq: tq, tk: tk, serial: serial, mask: mask,
                             q: kept(.q), keys: kept(.k), values: kept(.v))
        let cancellation = Cancellation.current
        var (p, z, statuses) = plan.run(cancellation: cancellation)
        if cancellation.isRequested {
            // Dropping P [H, Tq, Tk] here would keep the prompt waiting while the kernel
            // unmaps it (64 ms for 1 GiB at T = 4096): it goes back on a worker thread.
            BackgroundRelease.release(&p, leaving: [])
            throw TensorError.cancelled
        }
        stages[.p] = Tensor(unchecked: [h, tq, tk], scalars: p)
        stages[.z] = Tensor(unchecked: [h, tq, k], scalars: z)
        p = []
        do {
            for stage in [AttentionStage.concat, .out] {
                try Cancellation.check()
                stages[stage] = try AttentionEngine.compute(stage, config: config, read: lookup,
                                                            input: input, kv: kv).tensor
            }
        } catch {
            // Cancelled (or failed) with the whole P in hand: freed meanwhile, as above.
            BackgroundRelease.release(&stages, leaving: [:])
            throw error
        }
        let derived = DerivedStages(config: config, input: input, kv: kv, q: kept(.q), k: kept(.k),
                                    v: kept(.v), maskTensors: maskTensors, mask: mask)
        return Forward(stages: stages, mask: mask, warnings: warnings(statuses, config: config, tq: tq),
                       derived: derived)
    }

    /// The stage whose tensor is `name` for `layer` (`attn.Q` → .q), if any.
    static func stageNamed(_ name: String, layer: String) -> AttentionStage? {
        guard name.hasPrefix(layer + ".") else { return nil }
        return AttentionStage(name: String(name.dropFirst(layer.count + 1)))
    }

    /// Stage 8's warnings from the per-row outcomes, worded as `step` words them.
    static func warnings(_ statuses: [RowSoftmax.Outcome], config: LayerConfig, tq: Int) -> [String] {
        var blocked: [[Int]] = Array(repeating: [], count: config.heads)
        var undefined = 0
        for (index, status) in statuses.enumerated() {
            switch status {
            case .allBlocked: blocked[index / tq].append(index % tq)
            case .undefined: undefined += 1
            case .normal: break
            }
        }
        var result: [String] = []
        if let message = AttentionEngine.blockedRowsWarning(blocked) { result.append(message) }
        if undefined > 0 {
            result.append("\(undefined) query row(s) of \(config.name).masked contain NaN; their weights are NaN")
        }
        return result
    }
}
