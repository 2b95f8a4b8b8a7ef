import AttnCore
import AttnLang

/// What the pane cursors can move over: the grid's heads, rows and columns, and the model
/// overview's layers and heads when the overview is shown.
///
/// The pane shell reads it from the session's state after each statement, so the controller
/// clamps its cursors as it moves them without building the panes.
public struct PaneExtent: Sendable, Equatable {
    /// Heads, query rows and key columns of the grid pane (0 when it shows nothing).
    public var heads: Int
    public var rows: Int
    public var columns: Int
    /// Layers and heads of the model overview, nil when it is not shown.
    public var overview: (layers: Int, heads: Int)? {
        get { overviewLayers.map { ($0, overviewHeads) } }
        set {
            overviewLayers = newValue?.layers
            overviewHeads = newValue?.heads ?? 0
        }
    }
    private var overviewLayers: Int?
    private var overviewHeads = 0

    public init(heads: Int = 0, rows: Int = 0, columns: Int = 0, overview: (layers: Int, heads: Int)? = nil) {
        self.heads = heads
        self.rows = rows
        self.columns = columns
        self.overview = overview
    }

    /// The extent of what `shown` makes the panes show for `state`.
    public static func of(_ state: SessionState, showing shown: PaneScreenState) -> PaneExtent {
        if shown.subject == .overview {
            // The overview's size alone: its patterns are classified only when it is drawn.
            guard let encoding = state.model?.encoding else { return PaneExtent() }
            let overview = OverviewModel(title: "", attention: encoding.attention, tokens: [])
            return PaneExtent(overview: (overview.layerCount, overview.headCount))
        }
        guard let grid = SessionScreen.gridModel(of: state, subject: shown.subject) else { return PaneExtent() }
        return PaneExtent(heads: grid.headCount, rows: grid.rowCount, columns: grid.columnCount)
    }

    /// `cursor` moved into the grid's heads, rows and columns.
    public func clamped(_ cursor: GridCursor) -> GridCursor {
        GridCursor(head: Self.clamp(cursor.head, heads), row: Self.clamp(cursor.row, rows),
                   column: Self.clamp(cursor.column, columns))
    }

    /// `cursor` moved into the overview's layers and heads.
    public func clamped(_ cursor: OverviewCursor) -> OverviewCursor {
        guard let overview else { return cursor }
        return OverviewCursor(layer: Self.clamp(cursor.layer, overview.layers), head: Self.clamp(cursor.head, overview.heads))
    }

    private static func clamp(_ value: Int, _ count: Int) -> Int { min(max(value, 0), max(count - 1, 0)) }
}
