/// The size of one head's panel: cell size, aggregation, label column and the visible window.
///
/// A panel is drawn as
/// ```
///          head 0                 <- header row
///           the  cat  sat         <- key labels (or key indices)
///      the  ████                  <- one line per query row (cellHeight lines each)
///      cat  ▓▓▓▓ ░░░░
/// ```
/// Each cell is preceded by `gap` columns (1 when cells are 3 or more wide,
/// else 0), which is where the cursor's brackets go. All sizes are in drawn
/// units: with aggregation, one drawn cell stands for block×block values.
///
/// A compact panel has no header row: its name (`h0`) goes in the corner left of the key labels,
/// which gives one more row of cells (one head of 7 tokens then fits in 8 lines unaggregated).
struct GridPanelGeometry: Equatable {
    var cellWidth: Int
    var cellHeight: Int
    var block: Int
    /// Columns of the query label column (0 = labels not drawn in this panel).
    var labelWidth: Int
    /// Drawn rows and columns in the whole grid.
    var rows: Int
    var columns: Int
    /// How many of them fit in the panel.
    var visibleRows: Int
    var visibleColumns: Int
    /// 1, or 0 for a compact panel (the name in the key-label row's corner).
    var headerRows: Int

    var gap: Int { cellWidth >= 3 ? 1 : 0 }
    var pitch: Int { cellWidth + gap }
    /// Columns from the panel's left edge to the first cell's gap.
    var labelPart: Int { labelWidth == 0 ? 0 : labelWidth + (gap == 0 ? 1 : 0) }
    /// Columns of the cells (with their gaps and a trailing gap for the last bracket).
    var gridWidth: Int { gap + visibleColumns * pitch }
    var width: Int { labelPart + gridWidth }
    /// Header row (unless compact), key-label row, cell rows.
    var height: Int { headerRows + 1 + visibleRows * cellHeight }
    var isCompact: Bool { headerRows == 0 }

    /// The geometry of a grid of `rowCount`×`columnCount` values at this cell
    /// size and block, with as many rows and columns as fit in `maxWidth` by
    /// `maxHeight` (at least one of each); `compact` leaves out the header row.
    init(cellWidth: Int, cellHeight: Int = 1, block: Int, labelWidth: Int,
         rowCount: Int, columnCount: Int, maxWidth: Int, maxHeight: Int, compact: Bool = false) {
        self.cellWidth = max(1, cellWidth)
        self.cellHeight = max(1, cellHeight)
        self.block = max(1, block)
        self.labelWidth = max(0, labelWidth)
        headerRows = compact ? 0 : 1
        rows = (rowCount + self.block - 1) / self.block
        columns = (columnCount + self.block - 1) / self.block
        visibleRows = rows
        visibleColumns = columns
        let labelColumns = self.labelWidth == 0 ? 0 : self.labelWidth + (self.cellWidth >= 3 ? 0 : 1)
        let fitColumns = (maxWidth - labelColumns - gap) / pitch
        visibleColumns = max(1, min(columns, fitColumns))
        let fitRows = (maxHeight - 1 - headerRows) / self.cellHeight
        visibleRows = max(1, min(rows, fitRows))
    }

    /// Whether the whole grid is visible (no scrolling needed).
    var showsEverything: Bool { visibleRows == rows && visibleColumns == columns }

    /// Whether the panel also fits the given space.
    func fits(width maxWidth: Int, height maxHeight: Int) -> Bool {
        width <= maxWidth && height <= maxHeight
    }

    /// Whether cells show their numbers in colour and whole short words as key labels.
    var showsNumbersAndWords: Bool { block == 1 && cellWidth >= 3 }

    /// Whether cells are wide enough to print their values in this shading.
    func showsNumbers(_ shading: HeatShading) -> Bool { cellWidth >= shading.minimumNumberWidth }
}
