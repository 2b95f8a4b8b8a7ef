/// The circuits of one attention head (Elhage et al. 2021, "A mathematical
/// framework for transformer circuits"), in attnsh's [in, out] layout.
///
/// For head h of a layer with query heads H, kv heads G and head width K
/// (its kv head g = h / (H/G)):
///
///     QK = Wq[:, h]·Wk[:, g]ᵀ      [D, D]   score of query x and key y is x·QK·yᵀ (before scale, positions)
///     OV = Wv[:, g]·Wo[h, :]       [D, D]   what the head writes for a source x is (attention)·x·OV
///
/// Both have rank at most K. With an embedding E [V, D] and an unembedding U [D, O]:
///
///     QK tokens = E·QK·Eᵀ          [V, V]   query token × key token
///     OV tokens = E·OV·U           [V, O]   source token × output logit
///
/// and, when O = V, the copying score Σλ / Σ|λ| over the eigenvalues λ of
/// the OV token map: 1 when the head raises the logit of the token it
/// attends to, −1 when it lowers it, near 0 when it maps tokens elsewhere.
public struct HeadCircuit: Sendable {
    /// [D, D]
    public let qk: [Float]
    /// [D, D]
    public let ov: [Float]
    public let dModel: Int
    /// E·QK·Eᵀ [V, V], when an embedding is given.
    public let qkTokens: [Float]?
    /// E·OV·U [V, O], when both are given.
    public let ovTokens: [Float]?
    /// Σλ / Σ|λ| of the OV token map (square only), nil otherwise or when Σ|λ| = 0.
    public let copyingScore: Double?

    /// The circuits of `head` of a layer with `config` and `weights`; `embedding`
    /// [V, D] and `unembedding` [D, O] are optional.
    public init(config: LayerConfig, weights: AttentionWeights<Float>, head: Int,
                embedding: [Float]? = nil, unembedding: [Float]? = nil) throws {
        guard (0..<config.heads).contains(head) else {
            throw TensorError("the layer has heads 0..\(config.heads - 1), not \(head)")
        }
        let (d, k, h, g) = (config.dModel, config.dHead, config.heads, config.kvHeads)
        let group = head / (h / g)
        func columns(_ matrix: [Float], width: Int, from start: Int) -> [Float] {  // [D, K] of [D, width]
            (0..<d).flatMap { row in matrix[(row * width + start)..<(row * width + start + k)] }
        }
        let wq = columns(weights.wq, width: h * k, from: head * k)  // [D, K]
        let wk = columns(weights.wk, width: g * k, from: group * k)  // [D, K]
        let wv = columns(weights.wv, width: g * k, from: group * k)  // [D, K]
        let wo = Array(weights.wo[(head * k * d)..<((head + 1) * k * d)])  // [K, D]
        qk = MatrixProduct.multiplyTransposingB(wq, wk, m: d, inner: k, n: d)  // [D, D]
        ov = MatrixProduct.multiply(wv, wo, m: d, inner: k, n: d)  // [D, D]
        dModel = d
        guard let embedding, embedding.count % max(d, 1) == 0, !embedding.isEmpty else {
            (qkTokens, ovTokens, copyingScore) = (nil, nil, nil)
            return
        }
        let v = embedding.count / d
        let eqk = MatrixProduct.multiply(embedding, qk, m: v, inner: d, n: d)  // [V, D]
        qkTokens = MatrixProduct.multiplyTransposingB(eqk, embedding, m: v, inner: d, n: v)  // [V, V]
        guard let unembedding, unembedding.count % d == 0, !unembedding.isEmpty else {
            (ovTokens, copyingScore) = (nil, nil)
            return
        }
        let o = unembedding.count / d
        let eov = MatrixProduct.multiply(embedding, ov, m: v, inner: d, n: d)  // [V, D]
        let map = MatrixProduct.multiply(eov, unembedding, m: v, inner: d, n: o)  // [V, O]
        ovTokens = map
        copyingScore = o == v ? HeadCircuit.copyingScore(map.map(Double.init), n: v) : nil
    }

    /// Σλ / Σ|λ| over the eigenvalues of `matrix` [n, n]; nil when they cannot be found or all vanish.
    public static func copyingScore(_ matrix: [Double], n: Int) -> Double? {
        guard let values = Eigenvalues.of(matrix, n: n) else { return nil }
        let sum = values.reduce(0) { $0 + $1.real }  // the imaginary parts cancel in pairs
        let magnitude = values.reduce(0) { $0 + ($1.real * $1.real + $1.imaginary * $1.imaginary).squareRoot() }
        return magnitude > 0 ? sum / magnitude : nil
    }
}
