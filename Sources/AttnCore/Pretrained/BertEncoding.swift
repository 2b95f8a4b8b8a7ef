/// What the encoder computed for one sentence: every layer's input and
/// attention weights.
public struct BertEncoding: Sendable {
    /// The token ids, `[CLS]` … `[SEP]`.
    public var ids: [Int]
    /// `layerInputs[l]` is the input X of layer l [T, D]; the last one
    /// (index `layers`) is the encoder's output.
    public var layerInputs: [Tensor]
    /// `attention[l]` is layer l's attention weights P [H, T, T].
    public var attention: [Tensor]

    public init(ids: [Int], layerInputs: [Tensor], attention: [Tensor]) {
        self.ids = ids
        self.layerInputs = layerInputs
        self.attention = attention
    }

    /// The encoder's output, the last hidden state [T, D].
    public var output: Tensor? { layerInputs.last }
}
