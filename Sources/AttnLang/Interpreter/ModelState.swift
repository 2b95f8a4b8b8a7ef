import AttnCore

/// The pretrained model of a session (`model load`) and its last sentence
/// (`model run`).
public struct ModelState: Sendable {
    public var model: PretrainedModel
    /// The sentence given to `model run`, if any.
    public var text: String?
    /// Its word pieces and ids.
    public var tokens: WordPieceTokenizer.Encoding?
    /// Every layer's input and attention weights for it.
    public var encoding: BertEncoding?

    public init(model: PretrainedModel) {
        self.model = model
    }

    /// The name `model layer L` gives the attention layer: `bert0`, `bert1`, ...
    /// (a dotted `bert.0` would not lex as one name).
    public static func layerName(_ index: Int) -> String { "bert\(index)" }
}
