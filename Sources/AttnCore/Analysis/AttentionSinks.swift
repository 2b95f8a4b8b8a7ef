/// How much of a layer's attention goes to one position (a "sink"; Clark et
/// al. 2019 found much of BERT's going to `[CLS]` and `[SEP]`), by weight
/// and by norm (Kobayashi et al. 2020).
///
///     by weight  mean over heads h and queries i of P[h, i, c]
///     by norm    mean over h, i of norms[h, i, c] / Σ_j norms[h, i, j]
public struct AttentionSinks: Sendable, Equatable {
    /// Layer l's share to the first position ([CLS]) and the last ([SEP]), by weight and by norm.
    public var firstByWeight: Double, lastByWeight: Double
    public var firstByNorm: Double, lastByNorm: Double

    public init(firstByWeight: Double, lastByWeight: Double, firstByNorm: Double, lastByNorm: Double) {
        (self.firstByWeight, self.lastByWeight, self.firstByNorm, self.lastByNorm) = (firstByWeight, lastByWeight, firstByNorm, lastByNorm)
    }

    /// The shares of one layer from P [H, T, T] and norms [H, T, T].
    public init(p: Tensor, norms: Tensor) {
        let (h, t) = (p.shape[0], p.shape[1])
        func share(_ weights: Tensor, to column: Int, normalise: Bool) -> Double {
            var total = 0.0
            for head in 0..<h {
                for i in 0..<t {
                    let base = (head * t + i) * t
                    var row = 1.0
                    if normalise {
                        row = 0
                        for j in 0..<t { row += Double(weights.scalars[base + j]) }
                    }
                    if row > 0 { total += Double(weights.scalars[base + column]) / row }
                }
            }
            return total / Double(max(h * t, 1))
        }
        firstByWeight = share(p, to: 0, normalise: false)
        lastByWeight = share(p, to: t - 1, normalise: false)
        firstByNorm = share(norms, to: 0, normalise: true)
        lastByNorm = share(norms, to: t - 1, normalise: true)
    }

    /// The shares of every layer of `trace` run through `model`.
    public static func layers(of trace: ModelTrace, in model: some HeadModel) throws -> [AttentionSinks] {
        try trace.attention.indices.map { layer in
            let norms = try AttentionNorms.norms(p: trace.attention[layer], v: trace.values[layer],
                                                 wo: model.outputProjection(layer: layer))
            return AttentionSinks(p: trace.attention[layer], norms: norms)
        }
    }
}
