/// What a statement asks to be shown, as a value: each shell shows it in its own way.
///
/// A command reports effects with `Interpreter.present`; the session hands a statement's effects
/// to its `SessionHost`, in order, right after the statement's printed text and only once the
/// statement succeeded (a failing statement shows nothing new). Statements run by `source`, by
/// `attnsh -i FILE` or by a replay report theirs the same way, one statement at a time.
///
/// The effects name tensors and models, never a pane: the plain shell prints text for some of
/// them (`view` a labelled grid, `model overview` the table of patterns) and nothing for the
/// rest; the pane shell keeps what it was asked to show in its own state and draws it.
public enum PresentationEffect: Sendable, Equatable {
    /// `view TENSOR`: show this workspace tensor (rank 2 or 3), read afresh until told otherwise.
    case viewTensor(String)
    /// `view mean`: the current layer's P averaged over heads (its stage 8 is computed).
    case viewMean
    /// `view` alone: back to the current layer's latest stage.
    case viewLayer
    /// `model overview`, `view overview`: every layer × head of the model for its last sentence.
    case modelOverview
    /// `model run`: a new sentence went through the model; a screen with room for the overview
    /// shows it, a printed transcript shows nothing more.
    case modelSentence
    /// `model layer L`: one layer of the model is now the current layer, run; a screen that shows
    /// the overview goes to that layer instead.
    case modelLayerOpened
    /// `layout`: how the heads of a grid are arranged.
    case layout(Layout)
    /// `palette`: the colours for weights.
    case palette(Palette)
    /// `train` finished (or was stopped and kept its best weights): the trained layer is the
    /// current layer and has run on the held-out sequence; a live loss chart is over.
    case trainingFinished
    /// `echo TEXT`: a line of narration; a screen keeps the last one in view as a caption.
    case narration(String)
    /// `log [grow|back]`: the pane log over the panes, back to its place, or the other of the two.
    case logPane(LogPaneChange)
    /// `view EXPR` of an expression that is not a name (`view attn.P[0, 0]`): its value as it
    /// was, with the labels it keeps.
    case viewExpression(ViewedExpression)
    /// `view A vs B`: two traces' grids of one stage side by side with their difference B − A
    /// (`TraceComparison`), read afresh until told otherwise.
    case compare(TraceComparison.Request)

    /// How the heads of a grid are arranged, as `layout` spells them.
    public enum Layout: String, Sendable, CaseIterable {
        /// Every head side by side.
        case grid
        /// One head large, the others small.
        case focus
        /// Only the cursor's head, as large as it fits (for a projector).
        case present
    }

    /// The colours for weights, as `palette` spells them.
    public enum Palette: String, Sendable, CaseIterable {
        /// Colour-blind safe.
        case viridis
        /// For printing.
        case gray
    }

    /// How `log` changes the pane log, as it spells them (`log` alone toggles).
    public enum LogPaneChange: String, Sendable, CaseIterable {
        /// Over the panes, the whole screen.
        case grow
        /// Back to its place below the panes.
        case back
        /// The other of the two.
        case toggle
    }
}
