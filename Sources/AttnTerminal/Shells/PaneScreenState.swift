import AttnCore
import AttnLang

/// What the pane screen was asked to show: the grid pane's subject, the layout and the palette.
///
/// The pane shell's own state, changed only by the presentation effects of statements that
/// succeeded (`apply`) and read by `SessionScreen` when it builds the panes; the session's state
/// knows nothing of it. It starts on the current layer, in the grid layout, with the palette of
/// the render options.
public struct PaneScreenState: Sendable, Equatable {
    /// What the grid pane shows.
    public enum Subject: Sendable, Equatable {
        /// The current layer's latest stage (P once stage 8 is computed).
        case layer
        /// A workspace tensor by name (`view TENSOR`), read afresh at every redraw.
        case tensor(String)
        /// The current layer's P averaged over heads (`view mean`).
        case mean
        /// Every layer × head of the loaded model (`model run`, `model overview`).
        case overview
        /// An expression's value as it was (`view EXPR`).
        case value(ViewedExpression)
        /// Two traces side by side with their difference (`view A vs B`), read afresh.
        case compare(TraceComparison.Request)
    }

    public var subject = Subject.layer
    public var layout = GridLayout.grid
    /// The palette chosen with `palette`; nil keeps the render options' own.
    public var palette: HeatmapPalette?

    public init() {}

    /// Takes in `effect`, given the session's state after its statement; the line the log shows
    /// for it, if any (the plain shell prints a grid or a table where the panes draw one).
    public mutating func apply(_ effect: PresentationEffect, in state: SessionState) -> String? {
        switch effect {
        case .viewTensor(let name):
            subject = .tensor(name)
            return state.workspace[name].map { "viewing \(name) \(Tensor.describe($0.shape))" }
        case .viewMean:
            subject = .mean
            return ViewedTensor.meanOverHeads(in: state).map { "viewing \($0.name) \(Tensor.describe($0.tensor.shape))" }
        case .viewLayer:
            subject = .layer
        case .modelOverview:
            subject = .overview
            let keys = "arrows move, Enter opens a head's layer (Esc gives the panes the keys)"
            if let stack = state.stack, let first = stack.attention.first, first.rank == 3 {
                return "overview: \(stack.depth) layers × \(first.shape[0]) heads; " + keys
            }
            return state.model.map { model in
                let config = model.model.config
                return "overview: \(config.layers) layers × \(config.heads) heads; " + keys
            }
        case .modelSentence:
            // The panes have room for every layer × head at once; `model layer L` opens one.
            subject = .overview
        case .modelLayerOpened:
            if subject == .overview { subject = .layer }
        case .layout(.grid):
            layout = .grid
        case .layout(.focus):
            layout = .focus
        case .layout(.present):
            layout = .present
        case .palette(.viridis):
            palette = .viridis
        case .palette(.gray):
            palette = .gray
        case .trainingFinished, .narration, .logPane:
            break
        case .viewExpression(let viewed):
            subject = .value(viewed)
            return "viewing \(viewed.text) \(Tensor.describe(viewed.shape))"
        case .compare(let request):
            subject = .compare(request)
            return (try? TraceComparison(request, in: state)).map { "comparing \($0.title)" }
        }
        return nil
    }

    /// The render options with the chosen palette, if any.
    public func options(base: RenderOptions) -> RenderOptions {
        var options = base
        if let palette { options.palette = palette }
        return options
    }
}
