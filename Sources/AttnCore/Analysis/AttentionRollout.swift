/// Attention rollout across layers (Abnar & Zuidema 2020, "Quantifying
/// attention flow in transformers"): how much each output position draws on
/// each input token once the residual connections are counted.
///
///     Â_l     = rownorm(0.5 · mean_h P_l + 0.5 · I)
///     rollout = Â_{L−1} ⋯ Â_1 · Â_0                    [T, T]
public enum AttentionRollout {
    /// The rollout of the weights P_l [H, T, T] of every layer, first to last.
    public static func rollout(_ attention: [Tensor]) throws -> Tensor {
        guard let first = attention.first, first.rank == 3, first.shape[1] == first.shape[2] else {
            throw TensorError("rollout needs every layer's weights [H, T, T]")
        }
        let t = first.shape[1]
        var product = identity(t)
        for p in attention {
            guard p.rank == 3, p.shape[1] == t, p.shape[2] == t else {
                throw TensorError("rollout needs weights [H, \(t), \(t)] in every layer, got \(Tensor.describe(p.shape))")
            }
            // Â_l · (Â_{l−1} ⋯ Â_0): the later layer on the left.
            product = MatrixProduct.multiply(mixed(p), product, m: t, inner: t, n: t)
        }
        return Tensor(unchecked: [t, t], scalars: product.map(Float.init))
    }

    /// Â = rownorm(0.5 · mean_h P + 0.5 · I) [T, T], in double precision.
    static func mixed(_ p: Tensor) -> [Double] {
        let (h, t) = (p.shape[0], p.shape[1])
        var a = [Double](repeating: 0, count: t * t)
        for head in 0..<h {
            for index in 0..<(t * t) { a[index] += Double(p.scalars[head * t * t + index]) }
        }
        for i in 0..<t {
            var sum = 0.0
            for j in 0..<t {
                a[i * t + j] = 0.5 * a[i * t + j] / Double(h) + (i == j ? 0.5 : 0)
                sum += a[i * t + j]
            }
            if sum > 0 { for j in 0..<t { a[i * t + j] /= sum } }
        }
        return a
    }

    static func identity(_ t: Int) -> [Double] {
        var values = [Double](repeating: 0, count: t * t)
        for i in 0..<t { values[i * t + i] = 1 }
        return values
    }
}
