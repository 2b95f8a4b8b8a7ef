/// Norm-based attention (Kobayashi et al. 2020, "Attention is not only a
/// weight"): each weight scaled by the size of what it carries into the
/// layer's output.
///
///     norms[h, i, j] = ‖P[h, i, j] · (V[g][j, :] · Wo[h·K ..< (h+1)·K, :])‖₂     g = h / (H/G)
///
/// V includes its bias; Wo's rows of head h are the part of the output
/// projection that head h's output passes through. Since P ≥ 0 this is
/// P[h, i, j] times ‖f_h(x_j)‖, the norm of the transformed value row.
public enum AttentionNorms {
    /// norms [H, Tq, Tk] from P [H, Tq, Tk], V [G, Tk, K] and Wo [H·K, D].
    public static func norms(p: Tensor, v: Tensor, wo: Tensor) throws -> Tensor {
        let sizes = try valueNorms(v: v, wo: wo, heads: p.rank == 3 ? p.shape[0] : 0)
        guard p.rank == 3, p.shape[2] == v.shape[1] else {
            throw TensorError("norms need P [H, Tq, Tk] with Tk = \(v.shape[1]), got \(Tensor.describe(p.shape))")
        }
        let (h, tq, tk) = (p.shape[0], p.shape[1], p.shape[2])
        var out = [Float](repeating: 0, count: h * tq * tk)
        for head in 0..<h {
            for i in 0..<tq {
                for j in 0..<tk {
                    let index = (head * tq + i) * tk + j
                    out[index] = abs(p.scalars[index]) * sizes[head * tk + j]
                }
            }
        }
        return Tensor(unchecked: [h, tq, tk], scalars: out)
    }

    /// ‖V[g][j, :] · Wo[h·K ..< (h+1)·K, :]‖₂ for every head h and key j: [H·Tk], head-major.
    public static func valueNorms(v: Tensor, wo: Tensor, heads h: Int) throws -> [Float] {
        guard v.rank == 3, wo.rank == 2, h > 0, h % v.shape[0] == 0, wo.shape[0] == h * v.shape[2] else {
            throw TensorError("norms need V [G, Tk, K] and Wo [H·K, D] with H a multiple of G, got V \(Tensor.describe(v.shape)), Wo \(Tensor.describe(wo.shape)), H \(h)")
        }
        let (g, tk, k, d) = (v.shape[0], v.shape[1], v.shape[2], wo.shape[1])
        var sizes = [Float](repeating: 0, count: h * tk)
        for head in 0..<h {
            let kvHead = head / (h / g)
            for j in 0..<tk {
                var squares = 0.0
                for column in 0..<d {
                    var sum = 0.0
                    for c in 0..<k {
                        sum += Double(v.scalars[(kvHead * tk + j) * k + c]) * Double(wo.scalars[(head * k + c) * d + column])
                    }
                    squares += sum * sum
                }
                sizes[head * tk + j] = Float(squares.squareRoot())
            }
        }
        return sizes
    }
}
