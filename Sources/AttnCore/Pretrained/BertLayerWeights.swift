/// The weights of one encoder layer of a BERT-style model, in attnsh's layout.
///
/// PyTorch's `nn.Linear` stores its weight as [out, in] and computes
/// x · Wᵀ + b; attnsh multiplies x · W with W [in, out] (docs/reference.md §3.1: Wq is
/// [D, H·K]), so every matrix here is the transpose of the file's.
public struct BertLayerWeights: Sendable {
    /// Attention projections: Wq, Wk, Wv [D, H·K], Wo [H·K, D].
    public let wq: Tensor, wk: Tensor, wv: Tensor, wo: Tensor
    /// Attention biases: bq, bk, bv [H·K], bo [D].
    public let bq: Tensor, bk: Tensor, bv: Tensor, bo: Tensor
    /// LayerNorm after the attention residual: γ, β [D].
    public let attentionNormScale: Tensor, attentionNormShift: Tensor
    /// Feed-forward: W1 [D, I], b1 [I], W2 [I, D], b2 [D].
    public let feedForwardIn: Tensor, feedForwardInBias: Tensor
    public let feedForwardOut: Tensor, feedForwardOutBias: Tensor
    /// LayerNorm after the feed-forward residual: γ, β [D].
    public let outputNormScale: Tensor, outputNormShift: Tensor

    /// Reads layer `index` through `load(suffix, shape)`, which returns the
    /// file's tensor `encoder.layer.<index>.<suffix>` after checking it has
    /// the file-layout `shape`.
    init(index: Int, config: BertConfig, load: (String, [Int]) throws -> Tensor) throws {
        let d = config.hiddenSize, i = config.intermediateSize
        let base = "encoder.layer.\(index)."
        func matrix(_ suffix: String, out: Int, in inner: Int) throws -> Tensor {
            try BertLayerWeights.transposed(load(base + suffix, [out, inner]))  // [in, out]
        }
        func vector(_ suffix: String, _ n: Int) throws -> Tensor { try load(base + suffix, [n]) }
        wq = try matrix("attention.self.query.weight", out: d, in: d)
        wk = try matrix("attention.self.key.weight", out: d, in: d)
        wv = try matrix("attention.self.value.weight", out: d, in: d)
        wo = try matrix("attention.output.dense.weight", out: d, in: d)
        bq = try vector("attention.self.query.bias", d)
        bk = try vector("attention.self.key.bias", d)
        bv = try vector("attention.self.value.bias", d)
        bo = try vector("attention.output.dense.bias", d)
        attentionNormScale = try vector("attention.output.LayerNorm.weight", d)
        attentionNormShift = try vector("attention.output.LayerNorm.bias", d)
        feedForwardIn = try matrix("intermediate.dense.weight", out: i, in: d)
        feedForwardInBias = try vector("intermediate.dense.bias", i)
        feedForwardOut = try matrix("output.dense.weight", out: d, in: i)
        feedForwardOutBias = try vector("output.dense.bias", d)
        outputNormScale = try vector("output.LayerNorm.weight", d)
        outputNormShift = try vector("output.LayerNorm.bias", d)
    }

    /// The attention weights as workspace tensors of a layer called `layer`
    /// (docs/reference.md §3.1 names, bias=true): `layer.Wq`, ..., `layer.bo`.
    public func attentionTensors(layer: String) -> [(name: String, tensor: Tensor)] {
        [("Wq", wq), ("Wk", wk), ("Wv", wv), ("Wo", wo), ("bq", bq), ("bk", bk), ("bv", bv), ("bo", bo)]
            .map { (layer + "." + $0.0, $0.1) }
    }

    /// The transpose of a matrix [m, n] → [n, m], by pointers: loading a
    /// model transposes ten million weights, and the general axis-permuting
    /// path is far slower at that size.
    static func transposed(_ matrix: Tensor) -> Tensor {
        let (m, n) = (matrix.shape[0], matrix.shape[1])
        var out = [Float](repeating: 0, count: m * n)
        matrix.scalars.withUnsafeBufferPointer { source in
            out.withUnsafeMutableBufferPointer { target in
                for i in 0..<m {
                    for j in 0..<n { target[j * m + i] = source[i * n + j] }
                }
            }
        }
        return Tensor(unchecked: [n, m], scalars: out)
    }
}
