/// The screen's panes when the grid pane needs more rows than the default layout gives it.
extension ScreenLayout {
    /// The fewest rows the inspector and output panes keep when the grid takes rows from them.
    public static let minimumMiddleHeight = 4

    /// The panes for a screen showing `grid`: those of `compute(width:height:layout:)`, except
    /// that in the grid layout the inspector and output panes give the grid pane rows (keeping
    /// `minimumMiddleHeight`) when that lets it show every head unaggregated with numbers and
    /// word labels (`GridPaneRenderer.preferredHeight`): 4 heads × 8 tokens at 120×36 wrap 2×2
    /// instead of shrinking to two-column cells. The log keeps its rows.
    public static func compute(width: Int, height: Int, layout: GridLayout, room: LogRoom = LogRoom(),
                               grid: GridPaneModel?) -> Result {
        let result = compute(width: width, height: height, layout: layout, room: room)
        guard layout == .grid, var grid, case .panes(var panes) = result, let output = panes.output,
              !panes.logOverMiddle, panes.inspector.height == output.height else { return result }
        let spare = panes.inspector.height - minimumMiddleHeight
        guard spare > 0 else { return result }
        grid.layout = layout
        let wanted = GridPaneRenderer.preferredHeight(grid, width: panes.grid.width, height: panes.grid.height,
                                                      maxHeight: panes.grid.height + spare)
        let extra = min(spare, wanted - panes.grid.height)
        guard extra > 0 else { return result }
        panes.grid.height += extra
        panes.inspector.y += extra
        panes.inspector.height -= extra
        panes.output = Rect(x: output.x, y: output.y + extra, width: output.width, height: output.height - extra)
        return .panes(panes)
    }
}
