/// The arithmetic of each stage, on flat row-major buffers.
extension AttentionEngine {
    /// One projection of stages 2-4: rows [T, D] times the weight `weight` [D, N·K] (plus the
    /// bias `bias` when the layer has biases), split into N heads [N, T, K].
    struct Projection {
        var rows: Tensor
        var weight: String
        var bias: String
        var heads: Int
    }

    /// Stages 2-4: rows·W + b split into `heads` heads of width K.
    ///
    /// The product [T, N·K] is laid out as [T, N, K]; head n is columns
    /// n·K ..< (n+1)·K, so the split is a transpose to [N, T, K].
    static func project(_ rows: Tensor, _ weightSuffix: String, bias biasSuffix: String,
                        heads: Int, _ context: StageContext) throws -> Tensor {
        try projections([Projection(rows: rows, weight: weightSuffix, bias: biasSuffix, heads: heads)], context)[0]
    }

    /// Several projections at once, their matrix products' bands spread over the cores as one
    /// job (`BLAS.sgemmsInParallelBands`), each band adding its rows' bias and moving them to
    /// [N, T, K] right after its product: each result has the bits `project` gives it alone.
    static func projections(_ requests: [Projection], _ context: StageContext) throws -> [Tensor] {
        let config = context.config
        let k = config.dHead
        let weights = try requests.map { try context.weight($0.weight) }  // [D, N·K]
        let biases = try requests.map { config.bias ? try context.weight($0.bias).scalars : nil }  // [N·K]
        var flats: [[Float]] = [], results: [[Float]] = []
        for request in requests {
            try MemoryLimit.check(shape: [request.rows.shape[0], request.heads * k])  // also rejects an overflow
            // Not zero-filled: with beta = 0 sgemm writes every cell (T, N·K and D are at least 1),
            // and the bands move every row of the product into the result.
            let count = request.rows.shape[0] * request.heads * k
            flats.append([Float](unsafeUninitializedCapacity: count) { _, initialized in initialized = count })
            results.append([Float](unsafeUninitializedCapacity: count) { _, initialized in initialized = count })
        }
        try multiply(requests.map(\.rows.scalars), weights.map(\.scalars), biases, into: &flats, split: &results,
                     heads: requests.map(\.heads), width: k, inner: config.dModel)
        return zip(requests, results).map { request, split in
            Tensor(unchecked: [request.heads, request.rows.shape[0], k], scalars: split)  // [N, T, K]
        }
    }

    /// Where a band of one projection puts its rows once multiplied: bias added in place in
    /// `flat` [T, N·K], then each head's K columns copied to `split` [N, T, K].
    private struct SplitRows: @unchecked Sendable {
        let flat: UnsafeMutablePointer<Float>
        let split: UnsafeMutablePointer<Float>
        let bias: UnsafePointer<Float>?
        let rows: Int
        let heads: Int
        let width: Int

        func finish(start: Int, count: Int) {
            let columns = heads * width
            for row in start..<(start + count) {
                let source = flat + row * columns
                if let bias {
                    for column in 0..<columns { source[column] += bias[column] }
                }
                for head in 0..<heads {
                    (split + (head * rows + row) * width).update(from: source + head * width, count: width)
                }
            }
        }
    }

    /// flat_i [T_i, N_i·K] = A_i [T_i, inner]·B_i [inner, N_i·K] (+ bias_i), split into
    /// split_i [N_i, T_i, K], for every i, in one banded job.
    private static func multiply(_ a: [[Float]], _ b: [[Float]], _ biases: [[Float]?],
                                 into flats: inout [[Float]], split results: inout [[Float]],
                                 heads: [Int], width k: Int, inner: Int) throws {
        let cancellation = Cancellation.current
        var products: [BLAS.BandedProduct] = []
        let noBias: [Float] = []
        // Pointers into the arrays stay valid while every buffer is held open below.
        func nest(_ index: Int) throws {
            guard index < a.count else {
                try BLAS.sgemmsInParallelBands(products, cancellation: cancellation)
                return
            }
            // Out of their arrays while their buffers are open, so the next level can open its own.
            var flat: [Float] = [], split: [Float] = []
            swap(&flat, &flats[index])
            swap(&split, &results[index])
            defer {
                swap(&flat, &flats[index])
                swap(&split, &results[index])
            }
            let columns = heads[index] * k
            try a[index].withUnsafeBufferPointer { aBuffer in
                try b[index].withUnsafeBufferPointer { bBuffer in
                    try (biases[index] ?? noBias).withUnsafeBufferPointer { biasBuffer in
                        try flat.withUnsafeMutableBufferPointer { cBuffer in
                            try split.withUnsafeMutableBufferPointer { splitBuffer in
                                if let aBase = aBuffer.baseAddress, let bBase = bBuffer.baseAddress,
                                   let cBase = cBuffer.baseAddress, let splitBase = splitBuffer.baseAddress {
                                    let m = cBuffer.count / max(1, columns)
                                    let rows = SplitRows(flat: cBase, split: splitBase,
                                                         bias: biases[index] == nil ? nil : biasBuffer.baseAddress,
                                                         rows: m, heads: heads[index], width: k)
                                    products.append(BLAS.BandedProduct(m: m, n: columns, k: inner, a: aBase, lda: inner,
                                                                       b: bBase, ldb: columns, c: cBase, ldc: columns,
                                                                       finish: { rows.finish(start: $0, count: $1) }))
                                }
                                try nest(index + 1)
                            }
                        }
                    }
                }
            }
        }
        try nest(0)
    }

    /// Stage 5: scores[h] = Q[h]·K[g]ᵀ, g = h / (H/G).
    static func scores(_ context: StageContext) throws -> Tensor {
        let config = context.config
        let q = try context.stage(.q, for: .scores)  // [H, Tq, K]
        let keys = try context.stage(.k, for: .scores)  // [G, Tk, K]
        let (h, tq, tk, k) = (config.heads, context.tq, context.tk, config.dHead)
        try MemoryLimit.check(shape: [h, tq, tk])
        var result = [Float]()
        result.reserveCapacity(h * tq * tk)
        for head in 0..<h {
            try Cancellation.check()
            let g = config.kvHead(forQueryHead: head)
            result += try gemm(q.scalars, head * tq * k, keys.scalars, g * tk * k,
                           m: tq, n: tk, inner: k, transposeB: true)  // [Tq, Tk]
        }
        return Tensor(unchecked: [h, tq, tk], scalars: result)
    }

    /// Stage 6: scaled = scores·scale/temperature − m_h·|i − j| (ALiBi only).
    static func scaled(_ context: StageContext) throws -> Tensor {
        let config = context.config
        var result = try context.stage(.scores, for: .scaled)  // [H, Tq, Tk]
        try MemoryLimit.check(shape: result.shape)  // the copy this stage writes
        let (scale, temperature) = (config.effectiveScale, config.temperature)
        let (tq, tk) = (context.tq, context.tk)
        for head in 0..<config.heads {
            try Cancellation.check()
            for index in (head * tq * tk)..<((head + 1) * tq * tk) {
                result.scalars[index] = result.scalars[index] * scale / temperature
            }
        }
        if config.posenc == .alibi {
            for head in 0..<config.heads {
                try Cancellation.check()
                let slope = PositionalEncoding.alibiSlope(head: head, heads: config.heads)
                for i in 0..<tq {
                    for j in 0..<tk {
                        result.scalars[(head * tq + i) * tk + j] -= slope * Float(abs(i - j))
                    }
                }
            }
        }
        return result
    }

    /// Stage 7: masked = scaled with −inf where the combined mask is 0.
    /// Also yields `NAME.mask` ([Tq, Tk], or [H, Tq, Tk] for a per-head tensor mask).
    static func masked(_ context: StageContext) throws -> StageOutput {
        let config = context.config
        var result = try context.stage(.scaled, for: .masked)  // [H, Tq, Tk]
        try MemoryLimit.check(shape: result.shape)  // the copy this stage writes
        let (tq, tk) = (context.tq, context.tk)
        let mask = try MaskSpec.combined(config.masks, heads: config.heads, queries: tq, keys: tk,
                                         read: context.read)
        let perHead = mask.rank == 3
        for head in 0..<config.heads {
            try Cancellation.check()
            for cell in 0..<(tq * tk) where mask.scalars[(perHead ? head * tq * tk : 0) + cell] == 0 {
                result.scalars[head * tq * tk + cell] = -.infinity
            }
        }
        return StageOutput(stage: .masked, tensor: result,
                           extras: [(config.name + ".mask", mask)])
    }

    /// Stage 8: P = softmax(masked) over keys, then dropout when p > 0.
    static func weights(_ context: StageContext) throws -> StageOutput {
        let config = context.config
        var result = try context.stage(.masked, for: .p)  // [H, Tq, Tk]
        try MemoryLimit.check(shape: result.shape)  // the copy this stage writes
        let (tq, tk) = (context.tq, context.tk)
        var blocked: [[Int]] = Array(repeating: [], count: config.heads)
        var undefined = 0
        for head in 0..<config.heads {
            for i in 0..<tq {
                if i % rowBlock == 0 { try Cancellation.check() }
                let start = (head * tq + i) * tk
                switch softmaxRow(&result.scalars, start: start, count: tk) {
                case .allBlocked: blocked[head].append(i)
                case .undefined: undefined += 1
                case .normal: break
                }
            }
        }
        if config.dropout > 0 {
            applyDropout(to: &result.scalars, rate: config.dropout, seed: config.seed ?? 0)
        }
        var warnings: [String] = []
        if let message = blockedRowsWarning(blocked) { warnings.append(message) }
        if undefined > 0 {
            warnings.append("\(undefined) query row(s) of \(config.name).masked contain NaN; their weights are NaN")
        }
        return StageOutput(stage: .p, tensor: result, warnings: warnings)
    }

    /// One sentence for all rows whose keys are all blocked, nil if none.
    static func blockedRowsWarning(_ rowsByHead: [[Int]]) -> String? {
        let parts = rowsByHead.enumerated().filter { !$0.element.isEmpty }.map { head, rows in
            rows.map(String.init).joined(separator: ", ") + " of head \(head)"
        }
        guard !parts.isEmpty else { return nil }
        return "query row(s) " + parts.joined(separator: "; ") + " have every key blocked; their weights are all zero"
    }

    /// Stage 9: Z[h] = P[h]·V[g]; ablated heads are zero.
    ///
    /// Computed in blocks of `rowBlock` query rows, each over the keys that
    /// hold a nonzero weight in the block (`headOutputBlock`), exactly as the
    /// fast path does, so `run` and `step` give the same bits.
    static func headOutputs(_ context: StageContext) throws -> Tensor {
        let config = context.config
        let p = try context.stage(.p, for: .z)  // [H, Tq, Tk]
        let values = try context.stage(.v, for: .z)  // [G, Tk, K]
        let (h, tq, tk, k) = (config.heads, context.tq, context.tk, config.dHead)
        try MemoryLimit.check(shape: [h, tq, k])
        var result = [Float](repeating: 0, count: h * tq * k)  // [H, Tq, K]
        let valuesFinite = values.scalars.allSatisfy(\.isFinite)
        try p.scalars.withUnsafeBufferPointer { pBuffer in
            try values.scalars.withUnsafeBufferPointer { vBuffer in
                try result.withUnsafeMutableBufferPointer { zBuffer in
                    // Tq, Tk and K are at least 1, so no buffer is empty.
                    guard let pBase = pBuffer.baseAddress, let vBase = vBuffer.baseAddress,
                          let zBase = zBuffer.baseAddress else {
                        preconditionFailure("stage 9 of \(config.name) got an empty P, V or Z buffer")
                    }
                    // One BLAS thread per block, as the fast path runs its blocks
                    // (see `BLAS.onOneThread`: the bits can depend on the thread count).
                    try BLAS.onOneThread {
                        for head in 0..<h where !config.ablated.contains(head) {
                            let g = config.kvHead(forQueryHead: head)
                            for start in stride(from: 0, to: tq, by: rowBlock) {
                                try Cancellation.check()
                                headOutputBlock(p: pBase + head * tq * tk, values: vBase + g * tk * k,
                                                z: zBase + head * tq * k, rows: start..<min(start + rowBlock, tq),
                                                keys: tk, width: k, searchKeys: 0..<tk, valuesFinite: valuesFinite)
                            }
                        }
                    }
                }
            }
        }
        return Tensor(unchecked: [h, tq, k], scalars: result)
    }

    /// Stage 10: concat [Tq, H·K], head h at columns h·K ..< (h+1)·K.
    static func concatenated(_ context: StageContext) throws -> Tensor {
        let config = context.config
        let z = try context.stage(.z, for: .concat)  // [H, Tq, K]
        let (h, tq, k) = (config.heads, context.tq, config.dHead)
        try MemoryLimit.check(shape: [tq, h * k])
        let result = regrouped(z.scalars, rows: tq, groups: h, width: k, headsFirst: false)  // [Tq, H·K]
        return Tensor(unchecked: [tq, h * k], scalars: result)
    }

    /// [T, N·K] → [N, T, K] (`headsFirst`) or back: N·T runs of K floats,
    /// each copied in one piece.
    static func regrouped(_ source: [Float], rows t: Int, groups n: Int, width k: Int,
                          headsFirst: Bool) -> [Float] {
        precondition(source.count == t * n * k, "regrouping \(source.count) floats as \(t)×\(n)×\(k)")
        return [Float](unsafeUninitializedCapacity: source.count) { target, initialized in
            source.withUnsafeBufferPointer { source in
                // An empty tensor has nothing to move (and no base address).
                guard let from = source.baseAddress, let to = target.baseAddress else { return }
                for group in 0..<n {
                    for row in 0..<t {
                        let flat = row * n * k + group * k  // [T, N·K]
                        let grouped = (group * t + row) * k  // [N, T, K]
                        if headsFirst {
                            (to + grouped).initialize(from: from + flat, count: k)
                        } else {
                            (to + flat).initialize(from: from + grouped, count: k)
                        }
                    }
                }
            }
            initialized = source.count
        }
    }

    /// Stage 11: out = concat·Wo + bo.
    static func output(_ context: StageContext) throws -> Tensor {
        let config = context.config
        let concat = try context.stage(.concat, for: .out)  // [Tq, H·K]
        let wo = try context.weight("Wo")  // [H·K, D]
        let (tq, d) = (context.tq, config.dModel)
        try MemoryLimit.check(shape: [tq, d])
        var result = try gemm(concat.scalars, 0, wo.scalars, 0, m: tq, n: d, inner: config.heads * config.dHead)
        if config.bias {
            let bo = try context.weight("bo")  // [D]
            for i in 0..<tq {
                for c in 0..<d { result[i * d + c] += bo.scalars[c] }
            }
        }
        return Tensor(unchecked: [tq, d], scalars: result)
    }
}
