/// Where each pane goes on a terminal of a given size.
///
/// Grid and focus layouts (rows counted from the top, W×H terminal):
/// ```
/// ┌ title ──────────── stage ┐   border with the layer summary and the stage
/// │ grid pane                │   g rows: everything left over
/// ├ inspector ─┬ outputs ────┤
/// │ inspector  │ output pane │   m = clamp(H/4, 3, 10) rows
/// ├ attnsh ────┴─────────────┤
/// │ log …                    │   L = max(5, H/5) rows, the prompt on the last,
/// │ caption (narration)      │   c more for the caption (at most H/4), taken from m
/// │ prompt                   │   down to 3, then from g
/// └──────────────────────────┘
/// ```
/// The inspector takes min(56, (W − 3) / 2) columns. A long output (`LogRoom.overMiddle`) takes
/// the inspector's and output pane's rows for the log as well. The present layout keeps the grid,
/// then the inspector beside the statement just run with the first lines of its output
/// (m = clamp(H/6, 3, 6) rows), then the caption and the prompt (g = H − 5 − m − c). Below 60×20
/// nothing useful fits: `tooSmall`. A grown log (`LogRoom.grown`) is drawn over all of it.
public enum ScreenLayout {
    public static let minimumWidth = 60
    public static let minimumHeight = 20

    /// What the log needs besides its own rows.
    public struct LogRoom: Sendable, Equatable {
        /// Rows of the caption (the last narration, wrapped) above the prompt.
        public var captionRows: Int
        /// The log also takes the inspector's and output pane's rows (a long output).
        public var overMiddle: Bool

        public init(captionRows: Int = 0, overMiddle: Bool = false) {
            self.captionRows = captionRows
            self.overMiddle = overMiddle
        }
    }

    /// The inside (without borders) of every pane.
    public struct Panes: Sendable, Equatable {
        public var grid: Rect
        public var inspector: Rect
        /// nil in the present layout.
        public var output: Rect?
        /// The log, the caption and the prompt (its last row); in the present layout, the caption
        /// and the prompt.
        public var log: Rect
        /// In the present layout, the statement just run and the first lines of its output.
        public var statement: Rect?
        /// Rows of `log` above the prompt that hold the caption.
        public var captionRows: Int = 0
        /// True when the log covers the inspector's and output pane's rows (`inspector` is then
        /// where they would be, not drawn).
        public var logOverMiddle = false
    }

    public enum Result: Sendable, Equatable {
        case panes(Panes)
        case tooSmall(needWidth: Int, needHeight: Int)
    }

    /// The caption rows a layout grants: at most a quarter of the screen.
    public static func captionRows(_ wanted: Int, height: Int) -> Int {
        min(max(0, wanted), max(1, height / 4))
    }

    public static func compute(width: Int, height: Int, layout: GridLayout,
                               room: LogRoom = LogRoom()) -> Result {
        guard width >= minimumWidth, height >= minimumHeight else {
            return .tooSmall(needWidth: minimumWidth, needHeight: minimumHeight)
        }
        let inner = width - 2
        let caption = captionRows(room.captionRows, height: height)
        let inspectorWidth = min(56, (width - 3) / 2)
        if layout == .present {
            let middle = min(6, max(3, height / 6))
            let gridHeight = height - 5 - middle - caption
            let middleY = gridHeight + 2
            return .panes(Panes(
                grid: Rect(x: 1, y: 1, width: inner, height: gridHeight),
                inspector: Rect(x: 1, y: middleY, width: inspectorWidth, height: middle),
                output: nil,
                log: Rect(x: 1, y: middleY + middle + 1, width: inner, height: caption + 1),
                statement: Rect(x: inspectorWidth + 2, y: middleY, width: width - inspectorWidth - 3, height: middle),
                captionRows: caption))
        }
        var middle = min(10, max(3, height / 4))
        let fromMiddle = min(caption, middle - 3)
        middle -= fromMiddle
        let logHeight = max(5, height / 5) + caption
        let gridHeight = height - 4 - middle - logHeight
        let middleY = gridHeight + 2
        var panes = Panes(
            grid: Rect(x: 1, y: 1, width: inner, height: gridHeight),
            inspector: Rect(x: 1, y: middleY, width: inspectorWidth, height: middle),
            output: Rect(x: inspectorWidth + 2, y: middleY, width: width - inspectorWidth - 3, height: middle),
            log: Rect(x: 1, y: middleY + middle + 1, width: inner, height: logHeight),
            captionRows: caption)
        if room.overMiddle {
            panes.log = Rect(x: 1, y: middleY, width: inner, height: middle + 1 + logHeight)
            panes.logOverMiddle = true
        }
        return .panes(panes)
    }
}
