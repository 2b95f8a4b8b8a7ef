import AttnCore
import AttnLang

/// The text form of the model overview, as the plain shell prints it for `model overview`:
/// every layer × head of the model with its strongest position pattern for the last sentence.
///
/// ```
/// strongest pattern of each head for: [CLS] the cat sat [SEP]
///         h0    h1    ...
/// layer 0 P.82  D.41  ...
/// ```
enum ModelOverviewTable {
    /// The table for `model`'s last sentence; nil before `model run`.
    static func text(_ model: ModelState) -> String? {
        guard let encoding = model.encoding, let pieces = model.tokens?.pieces else { return nil }
        return text(attention: encoding.attention, pieces: pieces, heads: model.model.config.heads)
    }

    /// The table for a model of several layers defined here (its last run on tokens).
    static func text(_ stack: StackModelState) -> String? {
        guard let first = stack.attention.first, first.rank == 3 else { return nil }
        return text(attention: stack.attention, pieces: stack.labels, heads: first.shape[0])
    }

    /// The table for P of every layer, [H, T, T] each, over the tokens `pieces`.
    static func text(attention: [Tensor], pieces: [String], heads: Int) -> String? {
        var lines = ["strongest pattern of each head for: " + pieces.joined(separator: " ")]
        lines.append("        " + (0..<heads).map { padded("h\($0)", 6) }.joined())
        for (layer, p) in attention.enumerated() {
            // Each layer's P is [H, T, T] for the same T, which is all `classify` asks.
            let patterns = (try? PositionPattern.classify(p)) ?? []
            let cells = patterns.map { padded($0.kind.letter + twoDigits($0.score), 6) }
            lines.append(padded("layer \(layer)", 8) + cells.joined())
        }
        lines.append("P previous token · N next token · D itself · F first ([CLS]) · L last ([SEP])")
        lines.append("B broad (mean entropy / log T); the number is the mean weight (or entropy) of that pattern")
        return lines.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }.joined(separator: "\n")
    }

    /// A score in [0, 1] as `.82`, `1.0` at the top.
    static func twoDigits(_ score: Float) -> String {
        let hundredths = Int((min(max(score, 0), 1) * 100).rounded())
        if hundredths >= 100 { return "1.0" }
        return "." + (hundredths < 10 ? "0" : "") + String(hundredths)
    }

    static func padded(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
