/// Bounds on the sizes a `config.json` may ask for, checked before any
/// weight is allocated: a lying file (`"num_hidden_layers": 1000000000`)
/// is an error naming the field, never a giant allocation.
extension BertConfig {
    /// The largest value attnsh accepts for each config-driven size; far
    /// above any real BERT-style encoder, far below what would overflow.
    static let sanityBounds: [(field: String, bound: Int)] = [
        ("hidden_size", 1 << 16), ("num_attention_heads", 1 << 12), ("num_hidden_layers", 1 << 10),
        ("intermediate_size", 1 << 18), ("max_position_embeddings", 1 << 20), ("type_vocab_size", 1 << 16),
        ("vocab_size", 1 << 24),
    ]

    /// The value of each bounded field, in the order of `sanityBounds`.
    private var boundedValues: [Int?] {
        [hiddenSize, heads, layers, intermediateSize, maxPositions, typeVocabularySize, vocabularySize]
    }

    /// The float32 weights the encoder will hold, from the sizes alone
    /// (the word table counted only when `vocab_size` says its height):
    /// per layer 4·D² + 4·D for attention, 2·D·I + I + D for the
    /// feed-forward layer, 4·D for two layer norms; embeddings (V + P + types + 2)·D.
    public var weightCount: Double {
        let (d, i) = (Double(hiddenSize), Double(intermediateSize))
        let perLayer = 4 * d * d + 4 * d + 2 * d * i + i + d + 4 * d
        let rows = Double(vocabularySize ?? 0) + Double(maxPositions) + Double(typeVocabularySize) + 2
        return Double(layers) * perLayer + rows * d
    }

    /// Throws when a field passes its sanity bound, or when the weights it
    /// implies would not fit the memory limit.
    public func checkSizes() throws {
        for ((field, bound), value) in zip(BertConfig.sanityBounds, boundedValues) {
            if let value, value > bound {
                throw TensorError("\(field)=\(value) in config.json is more than the \(bound) attnsh's encoder accepts")
            }
        }
        let bytes = weightCount * Double(MemoryLayout<Float>.size)
        let limit = MemoryLimit.bytes
        guard bytes <= Double(limit) else {
            throw TensorError("memory limit exceeded: config.json (num_hidden_layers=\(layers), hidden_size=\(hiddenSize), intermediate_size=\(intermediateSize)) implies \(MemoryLimit.formatBytes(Int(bytes))) of weights, limit is \(MemoryLimit.formatBytes(limit)) (see `limit mem=`)")
        }
    }
}
