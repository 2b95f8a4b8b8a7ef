import AttnCore

/// How the grid pane arranges heads (`layout grid|focus|present`).
public enum GridLayout: Sendable, Hashable {
    /// Every head side by side, wrapping onto further rows of panels as space allows.
    case grid
    /// One head large, the others as small thumbnails beside it.
    case focus
    /// Only the cursor's head, in the largest cells that fit (projector).
    case present
}

/// The cell under the grid cursor: head, query row, key column.
public struct GridCursor: Sendable, Hashable {
    public var head: Int
    public var row: Int
    public var column: Int

    public init(head: Int = 0, row: Int = 0, column: Int = 0) {
        self.head = head
        self.row = row
        self.column = column
    }
}

/// Everything the grid pane shows: plain values, prepared by the caller.
///
/// `tensor` is [H, Tq, Tk] or [Tq, Tk] (one head). `mask`, when given, is
/// [Tq, Tk] (shared by every head) or [H, Tq, Tk], with 1 = allowed and 0 =
/// blocked; a blocked cell is drawn as masked whatever its value.
///
/// Zoom levels: 1...6 are the cell width in columns; `nil` fits the whole
/// grid (the largest cells at which it fits). Levels 0, -1, -2, ... zoom out
/// by aggregating blocks of 2×2, 4×4, 8×8, ... cells into one drawn cell (see
/// `blockSize`), each showing the **maximum** of its unmasked values for a
/// tensor without negative values (P), so a sharp peak (one key taking all
/// the weight) stays visible however far out one zooms, and the value of
/// **largest magnitude**, sign kept, for a signed one; a block is masked
/// only when every cell in it is (see `GridAggregates`).
public struct GridPaneModel: Sendable, Equatable {
    /// What every copy of a model shares: the whole-tensor reads, made at most once.
    // Not part of equality: it is a function of `tensor` and `mask`.
    struct Shared: Sendable, Equatable {
        var aggregates: GridAggregates?

        static func == (a: Shared, b: Shared) -> Bool { true }
    }

    /// The layer summary for the pane's title, e.g. `attn · d_model 8 · heads 2`.
    public var title: String
    /// The stage shown, 1-based (`stage 8/11`), if it is a stage tensor.
    public var stageNumber: Int?
    public var stageCount: Int
    /// The stage tensor's name, e.g. `P`.
    public var stageName: String
    /// The stage's formula, e.g. `softmax(masked)`.
    public var formula: String
    /// [H, Tq, Tk] or [Tq, Tk].
    public var tensor: Tensor
    /// [Tq, Tk] or [H, Tq, Tk], 1 = allowed; nil = nothing masked.
    public var mask: Tensor?
    /// Query labels (rows); missing ones are shown as their index.
    public var queryLabels: [String]
    /// Key labels (columns); missing ones are shown as their index.
    public var keyLabels: [String]
    public var layout: GridLayout
    public var cursor: GridCursor
    /// Cell width 1...6, or ≤ 0 to aggregate; nil = largest that fits.
    public var zoom: Int?
    /// The first query row and key column drawn when the grid is larger than
    /// its panel; the renderer moves them as little as needed to keep the
    /// cursor visible (see `GridPaneRenderer.scrollOffset`).
    public var scrollRow: Int
    public var scrollColumn: Int
    /// The aggregates of `tensor` and `mask`, when the caller has them from an earlier render.
    var shared = Shared()

    public init(title: String = "", stageNumber: Int? = nil, stageCount: Int = 11,
                stageName: String = "", formula: String = "", tensor: Tensor, mask: Tensor? = nil,
                queryLabels: [String] = [], keyLabels: [String] = [], layout: GridLayout = .grid,
                cursor: GridCursor = GridCursor(), zoom: Int? = nil,
                scrollRow: Int = 0, scrollColumn: Int = 0) {
        self.title = title
        self.stageNumber = stageNumber
        self.stageCount = stageCount
        self.stageName = stageName
        self.formula = formula
        self.tensor = tensor
        self.mask = mask
        self.queryLabels = queryLabels
        self.keyLabels = keyLabels
        self.layout = layout
        self.cursor = cursor
        self.zoom = zoom
        self.scrollRow = scrollRow
        self.scrollColumn = scrollColumn
    }

    /// The smallest and largest zoom levels (`-` and `+` stop there): blocks of up to 1024×1024
    /// cells, cells up to 6 columns wide.
    public static let zoomRange = -9...6

    /// Cells per aggregated block side at a zoom level: 1 for levels ≥ 1, 2^(1 - level) below.
    public static func blockSize(zoom: Int) -> Int {
        guard zoom < 1 else { return 1 }
        // Clamp before subtracting: 1 - Int.min would overflow.
        return 1 << (1 - max(zoom, zoomRange.lowerBound))
    }

    /// The zoom level whose block is `block` (a power of two > 1): 1 − log2(block).
    public static func zoomLevel(block: Int) -> Int {
        guard block > 1 else { return 1 }
        return 1 - (Int.bitWidth - 1 - block.leadingZeroBitCount)
    }

    /// The level one step (`+1` in, `-1` out) from `level`, kept inside `zoomRange`.
    public static func zoomLevel(_ level: Int, steppedBy step: Int) -> Int {
        min(zoomRange.upperBound, max(zoomRange.lowerBound, level + step))
    }

    /// Moves the cursor and scroll offsets into the grid (the renderer's
    /// arithmetic on them can then never overflow, whatever the caller passed).
    mutating func clampPositions() {
        func clamp(_ value: Int, _ count: Int) -> Int { min(max(value, 0), max(count - 1, 0)) }
        cursor = GridCursor(head: clamp(cursor.head, headCount), row: clamp(cursor.row, rowCount),
                            column: clamp(cursor.column, columnCount))
        scrollRow = clamp(scrollRow, rowCount)
        scrollColumn = clamp(scrollColumn, columnCount)
    }

    /// Number of heads: H for a rank-3 tensor, 1 for rank 2, 0 for anything else.
    public var headCount: Int {
        switch tensor.rank {
        case 3: return tensor.shape[0]
        case 2: return 1
        default: return 0
        }
    }

    /// Query rows Tq (0 when the tensor is not rank 2 or 3).
    public var rowCount: Int { tensor.rank >= 2 && tensor.rank <= 3 ? tensor.shape[tensor.rank - 2] : 0 }
    /// Key columns Tk (0 when the tensor is not rank 2 or 3).
    public var columnCount: Int { tensor.rank >= 2 && tensor.rank <= 3 ? tensor.shape[tensor.rank - 1] : 0 }

    /// Whether the mask allows query `row` to see key `column` in `head` (true without a mask).
    public func isAllowed(head: Int, row: Int, column: Int) -> Bool {
        guard mask != nil, head >= 0, head < headCount, row >= 0, row < rowCount,
              column >= 0, column < columnCount else { return true }
        return GridValues(self).isAllowed(head: head, row: row, column: column)
    }

    /// The query label of `row`: the given label, or the index when there is none.
    public func queryLabel(_ row: Int) -> String {
        row < queryLabels.count && !queryLabels[row].isEmpty ? queryLabels[row] : String(row)
    }

    /// The key label of `column`: the given label, or the index when there is none.
    public func keyLabel(_ column: Int) -> String {
        column < keyLabels.count && !keyLabels[column].isEmpty ? keyLabels[column] : String(column)
    }
}
