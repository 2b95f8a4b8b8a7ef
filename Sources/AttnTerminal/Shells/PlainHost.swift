import AttnCore
import AttnLang

/// The host of a session shown as plain text: the plain shell's, and that of a script run by
/// `attnsh FILE` or piped in.
///
/// How it shows the presentation effects: `view TENSOR`, `view EXPR` and `view mean` print the
/// tensor as a labelled grid (one table per head), `view A vs B` the two traces' tables and their
/// difference's, `model overview` prints the table of each head's
/// strongest pattern; the others (a layout, a palette, the overview a screen would show after
/// `model run`, going back to the layer, the end of training) change nothing a transcript shows.
/// Long work stops on the Ctrl-C flag.
public final class PlainHost: SessionHost {
    /// `--ascii`: the training sparklines use ASCII characters only.
    public let drawsASCII: Bool

    public init(drawsASCII: Bool = false) {
        self.drawsASCII = drawsASCII
    }

    public func present(_ effect: PresentationEffect, in state: SessionState) -> String? {
        Self.text(for: effect, in: state)
    }

    /// The text the plain shell prints for `effect`, given the state after its statement; nil
    /// for effects that print nothing.
    public static func text(for effect: PresentationEffect, in state: SessionState) -> String? {
        switch effect {
        case .viewTensor(let name):
            return ViewedTensor.named(name, in: state)?.labelledGrid(precision: state.precision)
        case .viewMean:
            return ViewedTensor.meanOverHeads(in: state)?.labelledGrid(precision: state.precision)
        case .modelOverview:
            return state.stack.flatMap(ModelOverviewTable.text) ?? state.model.flatMap(ModelOverviewTable.text)
        case .viewExpression(let viewed):
            let title = "\(viewed.text) \(Tensor.describe(viewed.shape))\n"
            guard viewed.shape.count > 1 else {
                // A vector: one row under its labels, as `show` prints it.
                let labels = AxisLabels([viewed.columnLabels.isEmpty ? nil : viewed.columnLabels])
                let vector = Tensor(unchecked: viewed.shape, scalars: viewed.tensor.scalars)
                return title + StageFormatter.grids(vector, labels: labels, precision: state.precision)
            }
            return title + StageFormatter.grids(viewed.tensor, rows: viewed.rowLabels, columns: viewed.columnLabels,
                                                precision: state.precision, headLabel: "head")
        case .compare(let request):
            return (try? TraceComparison(request, in: state))?.text(precision: state.precision)
        case .viewLayer, .modelSentence, .modelLayerOpened, .layout, .palette, .trainingFinished, .narration, .logPane:
            return nil
        }
    }
}
