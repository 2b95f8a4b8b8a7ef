extension AttentionFastPath {
    /// Stages 5-7 of a run, recomputed from its Q and K exactly as `step`
    /// computes them (the same code, the same inputs), for a reader who asks:
    /// the whole tensor (`tensor`) or one element (`element`).
    public struct DerivedStages: Sendable {
        let config: LayerConfig
        let input: Tensor
        let kv: Tensor?
        let q: Tensor
        let k: Tensor
        /// The run's V, for `weights` (P recomputed with the run's own fused blocks).
        let v: Tensor
        /// The mask tensors as they were at run time, by name.
        let maskTensors: [String: Tensor]
        /// The combined mask of the run, [Tq, Tk] or [H, Tq, Tk] (1 = allowed), as `NAME.mask` holds it.
        let mask: Tensor

        /// The stages this recipe gives.
        public static let stages: [AttentionStage] = [.scores, .scaled, .masked]

        /// The shape of `stage`'s tensor: [H, Tq, Tk].
        public func shape(of stage: AttentionStage) -> [Int] {
            stage.shape(config, tq: input.shape[0], tk: (kv ?? input).shape[0])
        }

        /// P [H, Tq, Tk] of the run again, as the run computed it (the same
        /// fused blocks, the same bits), for a P that was let go.
        // Not cancellable: a Ctrl-C still pending from the statement that let
        // it go must not leave a part-filled P behind.
        public func weights() throws -> Tensor {
            let (tq, tk) = (input.shape[0], (kv ?? input).shape[0])
            let plan = FusedPlan(config: config, tq: tq, tk: tk,
                                 serial: AttentionFastPath.runsSerially(config, tq: tq, tk: tk),
                                 mask: mask, q: q, keys: k, values: v)
            let p = plan.run(cancellation: Cancellation()).p
            return Tensor(unchecked: [config.heads, tq, tk], scalars: p)
        }

        /// Computes stage 5, 6 or 7 (and the ones before it that it needs).
        public func tensor(_ stage: AttentionStage) throws -> Tensor {
            var computed: [AttentionStage: Tensor] = [.q: q, .k: k]
            let layer = config.name
            for current in AttentionStage.allCases where current >= .scores && current <= stage {
                let output = try AttentionEngine.compute(current, config: config, read: { name in
                    if let earlier = AttentionFastPath.stageNamed(name, layer: layer),
                       let tensor = computed[earlier] { return tensor }
                    if let tensor = maskTensors[name] { return tensor }
                    throw TensorError("`\(name)` is not part of the run that \(layer).\(stage.name) is derived from")
                }, input: input, kv: kv)
                // Each stage needs only the one before it: drop the rest early.
                computed = [current: output.tensor]
            }
            guard let result = computed[stage] else {
                throw TensorError("\(layer).\(stage.name) is not one of the stages derived from Q and K")
            }
            return result
        }

        /// One element of stage 5, 6 or 7 without computing the stage: nil for another stage or an
        /// index outside [H, Tq, Tk].
        ///
        ///     scores[h, i, j] = Σ_c Q[h, i, c]·K[g, j, c]        g = h / (H/G)
        ///     scaled[h, i, j] = scores[h, i, j]·scale/temperature − m_h·|i − j|   (ALiBi only)
        ///     masked[h, i, j] = −inf where the mask is 0, else scaled[h, i, j]
        // The dot product is one fused multiply-add per c, in order of c, as the BLAS kernels
        // accumulate each element of the stage's product; should a BLAS sum in another order,
        // the two differ by a few ulp. Scale, temperature and slope are applied in the same
        // order and precision as stage 6.
        public func element(_ stage: AttentionStage, head: Int, row: Int, column: Int) -> Float? {
            let (h, dHead) = (config.heads, config.dHead)
            let tq = input.shape[0], tk = (kv ?? input).shape[0]
            guard DerivedStages.stages.contains(stage), head >= 0, head < h, row >= 0, row < tq,
                  column >= 0, column < tk else { return nil }
            if stage == .masked {
                let plane = mask.rank == 3 ? head * tq * tk : 0
                if mask.scalars[plane + row * tk + column] == 0 { return -.infinity }
            }
            let g = config.kvHead(forQueryHead: head)
            let qBase = (head * tq + row) * dHead  // Q [H, Tq, K]
            let kBase = (g * tk + column) * dHead  // K [G, Tk, K]
            var value: Float = 0
            for c in 0..<dHead { value = value.addingProduct(q.scalars[qBase + c], k.scalars[kBase + c]) }
            if stage == .scores { return value }
            value = value * config.effectiveScale / config.temperature
            if config.posenc == .alibi {
                value -= PositionalEncoding.alibiSlope(head: head, heads: h) * Float(abs(row - column))
            }
            return value
        }
    }
}
