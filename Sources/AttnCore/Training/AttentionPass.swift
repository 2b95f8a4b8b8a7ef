/// One self-attention forward pass over a single sequence, keeping every
/// intermediate that the hand-written backward pass needs
/// (`AttentionPass+Backward.swift`). Generic over the precision so that
/// gradient checks can run the identical arithmetic in `Double`.
///
/// It computes docs/reference.md §3.2 for X [T, D] (glossary: T positions, D = d_model,
/// H query heads, G kv heads, K = d_head, g = h / (H/G)):
///
///     x      = X + PE                            [T, D]
///     q[h]   = rope((x·Wq + bq)[:, h·K ..< (h+1)·K])   [H, T, K]
///     k[g]   = rope((x·Wk + bk)[:, g·K ..< (g+1)·K])   [G, T, K]
///     v[g]   = (x·Wv + bv)[:, g·K ..< (g+1)·K]         [G, T, K]
///     s      = q[h]·k[g]ᵀ · scale/temperature + alibi  [H, T, T]
///     p      = softmax(s, −inf where blocked)          [H, T, T]
///     a      = p ⊙ dropout factors                     [H, T, T]
///     z[h]   = a[h]·v[g], 0 for ablated heads          [H, T, K]
///     out    = concat(z)·Wo + bo                       [T, D]
public struct AttentionPass<S: TrainingScalar>: Sendable {
    /// x, the input with positions added. [T, D]
    public let x: [S]
    /// q after RoPE. [H, T, K]
    public let q: [S]
    /// k after RoPE. [G, T, K]
    public let k: [S]
    /// [G, T, K]
    public let v: [S]
    /// The softmax weights before dropout. [H, T, T]
    public let p: [S]
    /// The weights that multiply V (after dropout). [H, T, T]
    public let weights: [S]
    /// Head outputs side by side. [T, H·K]
    public let concat: [S]
    /// The layer output. [T, D]
    public let out: [S]

    /// Runs the layer on `input` [T, D]; `dropout` holds the factors from
    /// `AttentionGeometry.dropoutFactors` (nil: no dropout).
    public init(input: [S], weights w: AttentionWeights<S>, geometry: AttentionGeometry, dropout: [S]? = nil) {
        let config = geometry.config
        let (t, d, h, g, k) = (geometry.length, config.dModel, config.heads, config.kvHeads, config.dHead)
        var x = input
        for index in geometry.positions.indices { x[index] += S(geometry.positions[index]) }

        var qRows = MatrixProduct.multiply(x, w.wq, m: t, inner: d, n: h * k)  // [T, H·K]
        MatrixProduct.addRow(w.bq, to: &qRows, n: h * k)
        var kRows = MatrixProduct.multiply(x, w.wk, m: t, inner: d, n: g * k)  // [T, G·K]
        MatrixProduct.addRow(w.bk, to: &kRows, n: g * k)
        var vRows = MatrixProduct.multiply(x, w.wv, m: t, inner: d, n: g * k)  // [T, G·K]
        MatrixProduct.addRow(w.bv, to: &vRows, n: g * k)
        var q = AttentionPass.splitHeads(qRows, rows: t, heads: h, width: k)  // [H, T, K]
        var keys = AttentionPass.splitHeads(kRows, rows: t, heads: g, width: k)  // [G, T, K]
        let values = AttentionPass.splitHeads(vRows, rows: t, heads: g, width: k)  // [G, T, K]
        geometry.rotate(&q, count: h)
        geometry.rotate(&keys, count: g)

        let factor = S(geometry.factor)
        var p = [S](repeating: 0, count: h * t * t)  // [H, T, T]
        p.withUnsafeMutableBufferPointer { buffer in
            guard let pBase = buffer.baseAddress else { return }  // no positions: no weights
            for head in 0..<h {
                let kvHead = head / (h / g)
                for i in 0..<t {
                    let base = (head * t + i) * t
                    let row = pBase + base
                    for j in 0..<t {
                        guard geometry.allowed[base + j] else {
                            row[j] = -.infinity
                            continue
                        }
                        var score: S = 0
                        for c in 0..<k { score += q[(head * t + i) * k + c] * keys[(kvHead * t + j) * k + c] }
                        row[j] = score * factor + S(geometry.bias[base + j])
                    }
                    // The kernel of stage 8, with its policy: a row with every
                    // key blocked has all-zero weights (and so a zero gradient).
                    _ = RowSoftmax.apply(row, count: t, active: 0..<t)
                }
            }
        }
        var weights = p
        if let dropout { for index in weights.indices { weights[index] *= dropout[index] } }

        var concat = [S](repeating: 0, count: t * h * k)  // [T, H·K]
        for head in 0..<h where !config.ablated.contains(head) {
            let kvHead = head / (h / g)
            for i in 0..<t {
                for j in 0..<t {
                    let weight = weights[(head * t + i) * t + j]
                    if weight == 0 { continue }
                    for c in 0..<k { concat[i * h * k + head * k + c] += weight * values[(kvHead * t + j) * k + c] }
                }
            }
        }
        var out = MatrixProduct.multiply(concat, w.wo, m: t, inner: h * k, n: d)  // [T, D]
        MatrixProduct.addRow(w.bo, to: &out, n: d)

        self.x = x
        self.q = q
        self.k = keys
        self.v = values
        self.p = p
        self.weights = weights
        self.concat = concat
        self.out = out
    }

    /// [T, N·K] → [N, T, K]: head n is columns n·K ..< (n+1)·K.
    static func splitHeads(_ rows: [S], rows t: Int, heads: Int, width k: Int) -> [S] {
        var stack = [S](repeating: 0, count: rows.count)
        for n in 0..<heads {
            for i in 0..<t {
                for c in 0..<k { stack[(n * t + i) * k + c] = rows[i * heads * k + n * k + c] }
            }
        }
        return stack
    }

    /// [N, T, K] → [T, N·K], the inverse of `splitHeads`.
    static func mergeHeads(_ stack: [S], rows t: Int, heads: Int, width k: Int) -> [S] {
        var rows = [S](repeating: 0, count: stack.count)
        for n in 0..<heads {
            for i in 0..<t {
                for c in 0..<k { rows[i * heads * k + n * k + c] = stack[(n * t + i) * k + c] }
            }
        }
        return rows
    }
}
