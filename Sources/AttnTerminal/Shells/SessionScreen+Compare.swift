import AttnCore
import AttnLang

/// The panes of `view A vs B` (the three grids of each head, and the difference as the grid
/// model the cursor, the title and the inspector read) and of `view EXPR`.
extension SessionScreen {
    /// `view EXPR`: the value as it was, titled by the expression and its own shape (a vector
    /// is drawn as one row).
    static func valueModel(_ viewed: ViewedExpression) -> GridPaneModel {
        GridPaneModel(title: "view \(viewed.text) \(Tensor.describe(viewed.shape))", stageName: viewed.text,
                      tensor: viewed.tensor, queryLabels: viewed.rowLabels, keyLabels: viewed.columnLabels)
    }

    /// The difference B − A as a grid: titled by the two traces and the stage, with B's labels
    /// and the cells both traces mask.
    static func differenceModel(_ comparison: TraceComparison) -> GridPaneModel {
        let request = comparison.request
        let stage = comparison.stage
        return GridPaneModel(title: "\(comparison.description) · view \(request.before) vs \(request.after)",
                             stageNumber: stage.number, stageCount: AttentionStage.allCases.count,
                             stageName: stage.name, formula: "",
                             tensor: comparison.difference, mask: comparison.afterMask,
                             queryLabels: comparison.labels.gridLabels.rows,
                             keyLabels: comparison.labels.gridLabels.columns)
    }

    /// The compare view's model for `request`, with the grid cursor `cursor`; nil when the
    /// comparison can no longer be made (a trace was reset, a snapshot's tensor deleted).
    static func compareModel(_ request: TraceComparison.Request, in state: SessionState,
                             cursor: GridCursor) -> CompareModel? {
        guard let comparison = try? TraceComparison(request, in: state),
              comparison.after.rank == 2 || comparison.after.rank == 3 else { return nil }
        let labels = comparison.labels.gridLabels
        return CompareModel(beforeName: request.before, afterName: request.after, before: comparison.before,
                            after: comparison.after, difference: comparison.difference,
                            beforeMask: comparison.beforeMask, afterMask: comparison.afterMask,
                            queryLabels: labels.rows, keyLabels: labels.columns, cursor: cursor)
    }
}
