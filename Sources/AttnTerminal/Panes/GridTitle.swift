/// The grid pane's title on the top border, fitted to the screen's width.
///
/// The left part is the layer summary (`LayerConfig.description`, its phrases joined by ` · `),
/// the right part the stage (`stage 8/11  P = softmax(masked)`). When both do not fit, the stable
/// parts give way first, so what a statement just changed (`mask causal`, `posenc alibi`,
/// `temperature 2`, ...) stays in view:
/// 1. the sizes are abbreviated: `d_model 8 · heads 2 · d_head 4` → `D8 H2 K4`
///    (`kv_heads 1` → `G1`);
/// 2. the stage drops its formula: `stage 8/11  P`;
/// 3. the sizes and `bias` are left out;
/// 4. the layer name is kept to its first characters; only then is the rest cut with `…`.
enum GridTitle {
    /// The phrases of the summary that describe the layer's sizes (stable while a lesson edits it).
    static let sizeWords: [String: String] = ["d_model": "D", "heads": "H", "d_head": "K", "kv_heads": "G"]

    /// The summary and stage text to draw, the first of the shortenings above at which the summary
    /// fits in `room(stage)` columns.
    static func fitted(summary: String, stage: String, shortStage: String,
                       room: (String) -> Int) -> (summary: String, stage: String) {
        let separator = " · "
        let parts = summary.components(separatedBy: separator)
        func phraseKey(_ phrase: String) -> String { String(phrase.prefix { $0 != " " }) }
        func abbreviated(_ phrase: String) -> String {
            let key = phraseKey(phrase)
            guard let letter = sizeWords[key] else { return phrase }
            return letter + phrase.dropFirst(key.count + 1)
        }
        var sizes: [String] = []
        var others: [String] = []
        for (index, part) in parts.enumerated() where index > 0 {
            if sizeWords[phraseKey(part)] != nil { sizes.append(abbreviated(part)) } else if part != "bias" { others.append(part) }
        }
        let name = parts.first ?? ""
        let keepsBias = parts.dropFirst().contains("bias")
        let abbreviatedSizes = (sizes + (keepsBias ? ["bias"] : [])).joined(separator: " ")
        let shortSummary = ([name] + (abbreviatedSizes.isEmpty ? [] : [abbreviatedSizes]) + others)
            .joined(separator: separator)
        let bare = ([name] + others).joined(separator: separator)
        let shortName = ([String(name.prefix(6))] + others).joined(separator: separator)
        let candidates = [(summary, stage), (shortSummary, stage), (shortSummary, shortStage),
                          (bare, shortStage), (shortName, shortStage)]
        for (text, stageText) in candidates where text.count <= room(stageText) {
            return (text, stageText)
        }
        return candidates[candidates.count - 1]
    }
}
