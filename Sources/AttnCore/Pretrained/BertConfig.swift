import Foundation

/// The dimensions of a BERT-style encoder, read from its `config.json`.
///
/// D = `hiddenSize`, H = `heads` (head width K = D / H), `intermediateSize`
/// is the width of the feed-forward layer. Only the absolute position
/// scheme and the exact (erf) GELU are supported; anything else is refused
/// with a sentence naming the field rather than computed wrongly.
public struct BertConfig: Sendable, Equatable {
    public var hiddenSize: Int
    public var heads: Int
    public var layers: Int
    public var intermediateSize: Int
    public var layerNormEpsilon: Float
    public var maxPositions: Int
    public var typeVocabularySize: Int
    /// The number of word embeddings, when the file says (checked against the weights).
    public var vocabularySize: Int?

    /// K, the width of one head.
    public var headSize: Int { hiddenSize / heads }

    public init(hiddenSize: Int, heads: Int, layers: Int, intermediateSize: Int,
                layerNormEpsilon: Float = 1e-12, maxPositions: Int = 512,
                typeVocabularySize: Int = 2, vocabularySize: Int? = nil) throws {
        self.hiddenSize = hiddenSize
        self.heads = heads
        self.layers = layers
        self.intermediateSize = intermediateSize
        self.layerNormEpsilon = layerNormEpsilon
        self.maxPositions = maxPositions
        self.typeVocabularySize = typeVocabularySize
        self.vocabularySize = vocabularySize
        try validate()
    }

    /// Parses `config.json` bytes; `source` names the file in messages.
    public init(json bytes: [UInt8], source: String = "config.json") throws {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            throw TensorError("\(source) is not valid JSON")
        }
        guard let fields = object as? [String: Any] else {
            throw TensorError("\(source) must hold a JSON object")
        }
        func integer(_ key: String, default value: Int? = nil) throws -> Int {
            guard let raw = fields[key] else {
                if let value { return value }
                throw TensorError("\(source) has no `\(key)`")
            }
            guard let number = SafetensorsReader.wholeNumbers([raw])?.first else {
                throw TensorError("`\(key)` in \(source) must be a non-negative whole number")
            }
            return number
        }
        if let act = fields["hidden_act"], (act as? String) != "gelu" {
            throw TensorError("\(source) has hidden_act \(act); attnsh's encoder computes only `gelu` (the erf form)")
        }
        if let scheme = fields["position_embedding_type"], (scheme as? String) != "absolute" {
            throw TensorError("\(source) has position_embedding_type \(scheme); attnsh's encoder supports only `absolute`")
        }
        var epsilon: Float = 1e-12
        if let raw = fields["layer_norm_eps"] {
            guard let number = raw as? NSNumber, String(cString: number.objCType) != "c" else {
                throw TensorError("`layer_norm_eps` in \(source) must be a number")
            }
            epsilon = number.floatValue
        }
        try self.init(
            hiddenSize: integer("hidden_size"), heads: integer("num_attention_heads"),
            layers: integer("num_hidden_layers"), intermediateSize: integer("intermediate_size"),
            layerNormEpsilon: epsilon, maxPositions: integer("max_position_embeddings", default: 512),
            typeVocabularySize: integer("type_vocab_size", default: 2),
            vocabularySize: fields["vocab_size"] == nil ? nil : integer("vocab_size"))
    }

    /// Checks that the numbers describe an encoder attnsh can hold.
    public func validate() throws {
        guard hiddenSize > 0, heads > 0, layers > 0, intermediateSize > 0, maxPositions > 0, typeVocabularySize > 0 else {
            throw TensorError("hidden_size, num_attention_heads, num_hidden_layers, intermediate_size, max_position_embeddings and type_vocab_size must all be positive")
        }
        guard hiddenSize % heads == 0 else {
            throw TensorError("num_attention_heads=\(heads) does not divide hidden_size=\(hiddenSize)")
        }
        guard layerNormEpsilon.isFinite, layerNormEpsilon >= 0 else {
            throw TensorError("layer_norm_eps must be a finite non-negative number, got \(layerNormEpsilon)")
        }
        try checkSizes()
    }
}
