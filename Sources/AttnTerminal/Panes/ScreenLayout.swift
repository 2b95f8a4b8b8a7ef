/// Where each pane goes on a terminal of a given size.
///
/// Grid and focus layouts (rows counted from the top, W×H terminal):
/// ```
/// ┌ title ──────────── stage ┐   border with the layer summary and the stage
/// │ grid pane                │   g rows: everything left over
/// ├ inspector ─┬ outputs ────┤
/// │ inspector  │ output pane │   m = clamp(H/4, 3, 10) rows
/// ├ attnsh ────┴─────────────┤
/// │ log … prompt             │   L = max(5, H/5) rows, the prompt on the last
/// └──────────────────────────┘
/// ```
/// The inspector takes min(56, (W − 3) / 2) columns. The present layout keeps
/// the grid, a 3-line inspector across the full width, and one line for the
/// statement (g = H − 8). Below 60×20 nothing useful fits: `tooSmall`.
public enum ScreenLayout {
    public static let minimumWidth = 60
    public static let minimumHeight = 20

    /// The inside (without borders) of every pane.
    public struct Panes: Sendable, Equatable {
        public var grid: Rect
        public var inspector: Rect
        /// nil in the present layout.
        public var output: Rect?
        /// The log and the prompt (its last row); in the present layout, the one statement line.
        public var log: Rect
    }

    public enum Result: Sendable, Equatable {
        case panes(Panes)
        case tooSmall(needWidth: Int, needHeight: Int)
    }

    public static func compute(width: Int, height: Int, layout: GridLayout) -> Result {
        guard width >= minimumWidth, height >= minimumHeight else {
            return .tooSmall(needWidth: minimumWidth, needHeight: minimumHeight)
        }
        let inner = width - 2
        if layout == .present {
            let gridHeight = height - 8
            return .panes(Panes(
                grid: Rect(x: 1, y: 1, width: inner, height: gridHeight),
                inspector: Rect(x: 1, y: gridHeight + 2, width: inner, height: 3),
                output: nil,
                log: Rect(x: 1, y: gridHeight + 6, width: inner, height: 1)))
        }
        let middle = min(10, max(3, height / 4))
        let logHeight = max(5, height / 5)
        let gridHeight = height - 4 - middle - logHeight
        let inspectorWidth = min(56, (width - 3) / 2)
        let middleY = gridHeight + 2
        return .panes(Panes(
            grid: Rect(x: 1, y: 1, width: inner, height: gridHeight),
            inspector: Rect(x: 1, y: middleY, width: inspectorWidth, height: middle),
            output: Rect(x: inspectorWidth + 2, y: middleY, width: width - inspectorWidth - 3, height: middle),
            log: Rect(x: 1, y: middleY + middle + 1, width: inner, height: logHeight)))
    }
}
