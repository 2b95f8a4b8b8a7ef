/// The backward pass of `AttentionPass`, stage by stage, written by hand.
///
/// Given dL/dout [T, D], it walks the forward pass in reverse:
///
///     out = concat·Wo + bo     dWo = concatᵀ·dout, dbo = Σ_rows dout, dconcat = dout·Woᵀ
///     concat ← z               dz[h] = dconcat[:, h·K ..< (h+1)·K] (0 for ablated heads)
///     z[h] = a[h]·v[g]         da[h] = dz[h]·v[g]ᵀ,  dv[g] = Σ_{h in group g} a[h]ᵀ·dz[h]
///     a = p ⊙ dropout          dp = da ⊙ dropout (the same factors as forward)
///     p = softmax(s)           ds = p ⊙ (dp − rowsum(dp ⊙ p)); blocked keys and
///                              all-blocked rows have p = 0, so their gradient is 0;
///                              a +inf row's shared weights give the limit of this
///                              Jacobian, a NaN row a NaN gradient (`RowSoftmax`)
///     s = q·kᵀ·f + alibi       dscores = f·ds (ALiBi is a constant)
///     scores = q[h]·k[g]ᵀ      dq[h] = dscores·k[g],  dk[g] = Σ_{h in group g} dscores[h]ᵀ·q[h]
///     rope                     the rotation's transpose: turn by −θ
///     q = x·Wq + bq (k, v too) dWq = xᵀ·dq, dbq = Σ_rows dq, dx = dq·Wqᵀ + dk·Wkᵀ + dv·Wvᵀ
///     x = X + PE               dX = dx (the table is a constant)
extension AttentionPass {
    /// The gradients of every parameter and of the input X, for the loss
    /// gradient `outputGradient` [T, D] of this pass.
    public func backward(outputGradient dOut: [S], weights w: AttentionWeights<S>, geometry: AttentionGeometry,
                         dropout: [S]? = nil) -> (weights: AttentionWeights<S>, input: [S]) {
        let config = geometry.config
        let (t, d, h, g, k) = (geometry.length, config.dModel, config.heads, config.kvHeads, config.dHead)
        var grads = AttentionWeights<S>(zerosFor: config)
        grads.wo = MatrixProduct.multiplyTransposingA(concat, dOut, m: h * k, inner: t, n: d)  // [H·K, D]
        if config.bias { grads.bo = MatrixProduct.columnSums(dOut, n: d) }
        let dConcat = MatrixProduct.multiplyTransposingB(dOut, w.wo, m: t, inner: d, n: h * k)  // [T, H·K]

        let factor = S(geometry.factor)
        let keys = self.k  // [G, T, K]; the name k is d_head below
        var dq = [S](repeating: 0, count: h * t * k)  // [H, T, K]
        var dk = [S](repeating: 0, count: g * t * k)  // [G, T, K]
        var dv = [S](repeating: 0, count: g * t * k)  // [G, T, K]
        var dWeights = [S](repeating: 0, count: t)  // one row of da, then of dscores
        for head in 0..<h where !config.ablated.contains(head) {
            let kvHead = head / (h / g)
            for i in 0..<t {
                let base = (head * t + i) * t
                let dz = i * h * k + head * k  // row i of dz[h] inside dconcat
                for j in 0..<t {
                    var sum: S = 0
                    for c in 0..<k { sum += dConcat[dz + c] * v[(kvHead * t + j) * k + c] }
                    let weight = weights[base + j]
                    if weight != 0 {
                        for c in 0..<k { dv[(kvHead * t + j) * k + c] += weight * dConcat[dz + c] }
                    }
                    dWeights[j] = dropout.map { sum * $0[base + j] } ?? sum
                }
                // rowsum(dp ⊙ p) in Double: it is subtracted from every dp, and
                // a rounded sum would leave the gradient a small constant off.
                var dot = 0.0
                for j in 0..<t { dot += Double(dWeights[j]) * Double(p[base + j]) }
                let shift = S(dot)
                for j in 0..<t {
                    let pij = p[base + j]
                    guard pij != 0 else { continue }
                    let dScore = pij * (dWeights[j] - shift) * factor
                    for c in 0..<k {
                        dq[(head * t + i) * k + c] += dScore * keys[(kvHead * t + j) * k + c]
                        dk[(kvHead * t + j) * k + c] += dScore * q[(head * t + i) * k + c]
                    }
                }
            }
        }
        geometry.rotate(&dq, count: h, transposed: true)
        geometry.rotate(&dk, count: g, transposed: true)
        let dqRows = AttentionPass.mergeHeads(dq, rows: t, heads: h, width: k)  // [T, H·K]
        let dkRows = AttentionPass.mergeHeads(dk, rows: t, heads: g, width: k)  // [T, G·K]
        let dvRows = AttentionPass.mergeHeads(dv, rows: t, heads: g, width: k)  // [T, G·K]
        grads.wq = MatrixProduct.multiplyTransposingA(x, dqRows, m: d, inner: t, n: h * k)
        grads.wk = MatrixProduct.multiplyTransposingA(x, dkRows, m: d, inner: t, n: g * k)
        grads.wv = MatrixProduct.multiplyTransposingA(x, dvRows, m: d, inner: t, n: g * k)
        if config.bias {
            grads.bq = MatrixProduct.columnSums(dqRows, n: h * k)
            grads.bk = MatrixProduct.columnSums(dkRows, n: g * k)
            grads.bv = MatrixProduct.columnSums(dvRows, n: g * k)
        }
        var dx = MatrixProduct.multiplyTransposingB(dqRows, w.wq, m: t, inner: h * k, n: d)  // [T, D]
        let fromKeys = MatrixProduct.multiplyTransposingB(dkRows, w.wk, m: t, inner: g * k, n: d)
        let fromValues = MatrixProduct.multiplyTransposingB(dvRows, w.wv, m: t, inner: g * k, n: d)
        for index in dx.indices { dx[index] += fromKeys[index] + fromValues[index] }
        return (grads, dx)
    }
}
