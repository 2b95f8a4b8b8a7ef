import AttnCore
@testable import AttnTerminal

/// A fixed set of attention weights shaped like the real model's (6 layers × 12 heads) over a
/// nine-token sentence, built by formula so the overview goldens never depend on the model.
enum OverviewExamples {
    static let tokens = ["[CLS]", "the", "cat", "sat", "on", "the", "mat", ".", "[SEP]"]

    /// The key head h of layer l prefers for query i: the previous, next, same, first or last
    /// token, or none (a broad head), cycling over l·12 + h.
    static func preferredKey(layer: Int, head: Int, query: Int, tokens: Int) -> Int? {
        switch (layer * 12 + head) % 6 {
        case 0: return max(0, query - 1)
        case 1: return min(tokens - 1, query + 1)
        case 2: return query
        case 3: return 0
        case 4: return tokens - 1
        default: return nil
        }
    }

    /// P [12, 9, 9] of layer `layer`: a softmax whose peak sharpens with depth.
    static func layerWeights(_ layer: Int, heads: Int = 12) -> Tensor {
        let t = tokens.count
        let sharpness = 1.5 + 0.5 * Double(layer)
        return Examples.softmax(heads: heads, rows: t, columns: t) { h, i, j in
            guard let key = preferredKey(layer: layer, head: h, query: i, tokens: t) else {
                return 0.2 * Examples._sin(Double(i + 3 * j + h))
            }
            return j == key ? sharpness : 0.1 * Examples._sin(Double(2 * i + j + h))
        }
    }

    /// The overview model of the six layers, with the cursor on (layer, head).
    static func model(cursor: OverviewCursor = OverviewCursor(layer: 2, head: 5)) -> OverviewModel {
        let attention = (0..<6).map { layerWeights($0) }
        let patterns = attention.map { (try? PositionPattern.classify($0)) ?? [] }
        return OverviewModel(title: "model all-MiniLM-L6-v2 · 6 layers × 12 heads · 9 tokens",
                             attention: attention, tokens: tokens, patterns: patterns, cursor: cursor)
    }

    /// The whole screen with the overview and a short log.
    static func screen() -> ScreenModel {
        ScreenModel(log: ["attn> model load", "loaded all-MiniLM-L6-v2: 6 layers × 12 heads",
                          "attn> model run the cat sat on the mat.", "9 tokens: [CLS] the cat sat on the mat . [SEP]"],
                    overview: model())
    }
}
