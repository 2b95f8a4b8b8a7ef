/// The plain, readable attention forward pass: docs/reference.md §3.2 written as loops,
/// with no BLAS and no stage-by-stage workspace.
///
/// It is the yardstick for `AttentionEngine` (tests hold the two equal)
/// and reads like the table it implements:
///
///     X      = input (+ PE)                          [Tq, D]
///     Q[h]   = (X·Wq + bq)[:, h·K ..< (h+1)·K]       [H, Tq, K]   (RoPE)
///     K[g]   = (Y·Wk + bk)[:, g·K ..< (g+1)·K]       [G, Tk, K]   (RoPE)
///     V[g]   = (Y·Wv + bv)[:, g·K ..< (g+1)·K]       [G, Tk, K]
///     scores = Q[h]·K[g]ᵀ,  g = h / (H/G)            [H, Tq, Tk]
///     scaled = scores·scale/temperature − m_h|i−j|   [H, Tq, Tk]
///     masked = scaled, −inf where blocked            [H, Tq, Tk]
///     P      = softmax(masked) (dropout)             [H, Tq, Tk]
///     Z[h]   = P[h]·V[g], 0 for ablated heads        [H, Tq, K]
///     concat = Z[0] | Z[1] | ...                     [Tq, H·K]
///     out    = concat·Wo + bo                        [Tq, D]
public enum AttentionReference {
    /// Every stage tensor for `input` X [Tq, D] and optional `kv` Y [Tk, D];
    /// `weights` looks up `NAME.Wq` etc. and mask tensors by name.
    public static func forward(config: LayerConfig, weights: (String) throws -> Tensor,
                               input: Tensor, kv: Tensor?) throws -> [AttentionStage: Tensor] {
        try config.validate()
        try AttentionEngine.checkInput(input, "input", config: config)
        if let kv { try AttentionEngine.checkInput(kv, "kv input", config: config) }
        let (d, h, g, k) = (config.dModel, config.heads, config.kvHeads, config.dHead)
        let tq = input.shape[0]
        let tk = (kv ?? input).shape[0]
        func weight(_ suffix: String) throws -> [[Float]] {
            try matrix(LayerWeights.read(suffix, config: config, using: weights))
        }
        func bias(_ suffix: String, width: Int) throws -> [Float] {
            config.bias ? try LayerWeights.read(suffix, config: config, using: weights).scalars
                        : [Float](repeating: 0, count: width)
        }
        func withPositions(_ rows: [[Float]]) throws -> [[Float]] {
            guard config.posenc == .sinusoidal else { return rows }
            let table = try matrix(PositionalEncoding.sinusoidalTable(positions: rows.count, width: d))
            return zip(rows, table).map { row, pe in zip(row, pe).map { $0 + $1 } }
        }

        let x = try withPositions(matrix(input))  // [Tq, D]
        let y = try kv.map { try withPositions(matrix($0)) } ?? x  // [Tk, D]

        var q = splitHeads(affine(x, try weight("Wq"), try bias("bq", width: h * k)), heads: h, width: k)
        var keys = splitHeads(affine(y, try weight("Wk"), try bias("bk", width: g * k)), heads: g, width: k)
        let values = splitHeads(affine(y, try weight("Wv"), try bias("bv", width: g * k)), heads: g, width: k)
        if config.posenc == .rope {
            q = q.map { rotate($0, base: config.ropeBase) }
            keys = keys.map { rotate($0, base: config.ropeBase) }
        }

        var scores = [[[Float]]]()  // [H, Tq, Tk]
        for head in 0..<h {
            let kvHead = head / (h / g)
            scores.append(q[head].map { queryRow in
                keys[kvHead].map { keyRow in dot(queryRow, keyRow) }
            })
        }

        var scaled = scores
        for head in 0..<h {
            let slope = PositionalEncoding.alibiSlope(head: head, heads: h)
            for i in 0..<tq {
                for j in 0..<tk {
                    scaled[head][i][j] = scores[head][i][j] * config.effectiveScale / config.temperature
                    if config.posenc == .alibi { scaled[head][i][j] -= slope * Float(abs(i - j)) }
                }
            }
        }

        let mask = try MaskSpec.combined(config.masks, heads: h, queries: tq, keys: tk, read: weights)
        var masked = scaled
        for head in 0..<h {
            for i in 0..<tq {
                for j in 0..<tk {
                    let allowed = mask.rank == 3 ? mask[[head, i, j]] : mask[[i, j]]
                    if allowed == 0 { masked[head][i][j] = -.infinity }
                }
            }
        }

        var p = masked.map { $0.map(softmax) }
        if config.dropout > 0 {
            var random = RandomSource(seed: config.seed ?? 0)
            for head in 0..<h {
                for i in 0..<tq {
                    for j in 0..<tk {
                        let keep = random.nextUniform() >= config.dropout
                        p[head][i][j] = keep ? p[head][i][j] * (1 / (1 - config.dropout)) : 0
                    }
                }
            }
        }

        var z = [[[Float]]]()  // [H, Tq, K]
        for head in 0..<h {
            let kvHead = head / (h / g)
            let product = multiply(p[head], values[kvHead])
            z.append(config.ablated.contains(head) ? product.map { $0.map { _ in 0 } } : product)
        }
        let concat = (0..<tq).map { i in (0..<h).flatMap { z[$0][i] } }  // [Tq, H·K]
        let out = affine(concat, try weight("Wo"), try bias("bo", width: d))  // [Tq, D]

        return [
            .x: tensor(x), .q: tensor(q), .k: tensor(keys), .v: tensor(values),
            .scores: tensor(scores), .scaled: tensor(scaled), .masked: tensor(masked), .p: tensor(p),
            .z: tensor(z), .concat: tensor(concat), .out: tensor(out),
        ]
    }

    /// rows·W + b.
    static func affine(_ rows: [[Float]], _ w: [[Float]], _ b: [Float]) -> [[Float]] {
        multiply(rows, w).map { zip($0, b).map { $0 + $1 } }
    }

    /// A [m, n]·B [n, p] with the textbook triple loop.
    static func multiply(_ a: [[Float]], _ b: [[Float]]) -> [[Float]] {
        let columns = b.first?.count ?? 0
        return a.map { row in
            (0..<columns).map { c in
                var sum: Float = 0
                for (index, value) in row.enumerated() { sum += value * b[index][c] }
                return sum
            }
        }
    }

    static func dot(_ a: [Float], _ b: [Float]) -> Float {
        var sum: Float = 0
        for index in a.indices { sum += a[index] * b[index] }
        return sum
    }

    /// [T, N·K] → [N, T, K]: head n is columns n·K ..< (n+1)·K.
    static func splitHeads(_ rows: [[Float]], heads: Int, width: Int) -> [[[Float]]] {
        (0..<heads).map { n in rows.map { Array($0[(n * width)..<((n + 1) * width)]) } }
    }

    /// RoPE on one head [T, K]: row p, pair i turned by θ = p·base^(−2i/K).
    static func rotate(_ head: [[Float]], base: Double) -> [[Float]] {
        var stack = tensor([head])
        PositionalEncoding.applyRope(to: &stack, base: base)
        return matrix(stack, rows: head.count)
    }

    /// Softmax of one row; a row with no finite maximum (all −inf) is all zero.
    static func softmax(_ row: [Float]) -> [Float] {
        var copy = row
        _ = AttentionEngine.softmaxRow(&copy, start: 0, count: copy.count)
        return copy
    }

    static func matrix(_ t: Tensor) -> [[Float]] { matrix(t, rows: t.shape[0]) }

    /// The rows of a tensor whose scalars hold `rows` equal rows.
    static func matrix(_ t: Tensor, rows: Int) -> [[Float]] {
        let width = rows == 0 ? 0 : t.count / rows
        return (0..<rows).map { Array(t.scalars[($0 * width)..<(($0 + 1) * width)]) }
    }

    static func tensor(_ rows: [[Float]]) -> Tensor {
        Tensor(unchecked: [rows.count, rows.first?.count ?? 0], scalars: rows.flatMap { $0 })
    }

    static func tensor(_ planes: [[[Float]]]) -> Tensor {
        Tensor(unchecked: [planes.count, planes.first?.count ?? 0, planes.first?.first?.count ?? 0],
               scalars: planes.flatMap { $0.flatMap { $0 } })
    }
}
