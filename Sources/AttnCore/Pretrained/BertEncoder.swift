/// A BERT-style encoder (all-MiniLM-L6-v2 and its kin) loaded from a
/// safetensors file, computed with attnsh's own tensors and attention engine.
///
/// For token ids t₀ … t_{T−1} (one sentence, token type 0, no padding):
///
///     x⁰ = LayerNorm(E_word[t] + E_pos[0..<T] + E_type[0])            // [T, D]
///     a  = attention(xˡ)  (docs/reference.md §3.2 with bias, scale 1/√K, no mask) // [T, D]
///     h  = LayerNorm(xˡ + a)
///     xˡ⁺¹ = LayerNorm(h + GELU(h · W1 + b1) · W2 + b2)
///
/// LayerNorm(v) = γ · (v − mean(v)) / √(var(v) + ε) + β over the last axis.
/// The attention of each layer runs through `AttentionEngine` as an
/// ordinary attnsh layer, so `model layer L` in the shell computes the very
/// same numbers.
///
/// Tensor names are those of Hugging Face's `BertModel` (`embeddings.word_embeddings.weight`,
/// `encoder.layer.0.attention.self.query.weight`, ...), found under whatever
/// prefix the file puts before them (`bert.`, `0.auto_model.`, or none).
public struct BertEncoder: Sendable {
    public let config: BertConfig
    /// The prefix before every tensor name in the file (often empty).
    public let prefix: String
    public let layers: [BertLayerWeights]
    /// The file, kept for word-embedding lookups (only the rows a sentence
    /// uses are ever converted).
    let weights: SafetensorsReader
    let positionEmbeddings: Tensor  // [P, D]
    let tokenTypeEmbedding: Tensor  // [D], token type 0
    let embeddingNormScale: Tensor, embeddingNormShift: Tensor  // [D]
    /// The number of word embeddings (rows of the table).
    public let vocabularySize: Int

    /// The name whose ending locates the prefix.
    static let anchorName = "embeddings.word_embeddings.weight"

    /// Reads and checks every weight the forward pass needs.
    public init(config: BertConfig, weights: SafetensorsReader) throws {
        guard let anchor = weights.names.first(where: { $0 == BertEncoder.anchorName || $0.hasSuffix("." + BertEncoder.anchorName) }) else {
            throw TensorError("\(weights.source) has no `\(BertEncoder.anchorName)` (under any prefix); is it a BERT-style model?")
        }
        let prefix = String(anchor.dropLast(BertEncoder.anchorName.count))
        let d = config.hiddenSize
        func load(_ name: String, _ shape: [Int]) throws -> Tensor {
            let full = prefix + name
            guard let entry = weights.entry(full) else {
                throw TensorError("\(weights.source) has no tensor `\(full)`, which a BERT layer needs")
            }
            guard entry.shape == shape else {
                throw TensorError("tensor `\(full)` in \(weights.source) has shape \(Tensor.describe(entry.shape)) but config.json implies \(Tensor.describe(shape))")
            }
            return try weights.tensor(full)
        }
        guard let table = weights.entry(anchor), table.shape.count == 2, table.shape[1] == d, table.shape[0] > 0 else {
            throw TensorError("tensor `\(anchor)` in \(weights.source) has shape \(Tensor.describe(weights.entry(anchor)?.shape ?? [])) but must be [vocabulary, \(d)]")
        }
        if let expected = config.vocabularySize, expected != table.shape[0] {
            throw TensorError("config.json says vocab_size=\(expected) but `\(anchor)` has \(table.shape[0]) rows")
        }
        self.config = config
        self.prefix = prefix
        self.weights = weights
        vocabularySize = table.shape[0]
        positionEmbeddings = try load("embeddings.position_embeddings.weight", [config.maxPositions, d])
        let types = try load("embeddings.token_type_embeddings.weight", [config.typeVocabularySize, d])
        tokenTypeEmbedding = Tensor(Array(types.scalars[0..<d]))
        embeddingNormScale = try load("embeddings.LayerNorm.weight", [d])
        embeddingNormShift = try load("embeddings.LayerNorm.bias", [d])
        layers = try (0..<config.layers).map { try BertLayerWeights(index: $0, config: config, load: load) }
    }

    /// The attention of one layer as an attnsh layer called `name`: D, H,
    /// K = D / H, biases on, default scale 1/√K, no mask, no positions
    /// (BERT adds positions to the embeddings, not inside attention).
    public func attentionConfig(name: String) throws -> LayerConfig {
        try LayerConfig.make(name: name, dModel: config.hiddenSize, heads: config.heads, bias: true)
    }
}
