import AttnCore

/// What the output pane shows: head outputs Z [H, T, K] or a layer output [T, D].
public struct OutputPaneModel: Sendable, Equatable {
    /// The pane's title on its border, e.g. `head outputs Z` or `layer output`.
    public var title: String
    /// [H, T, K] (one block per head) or [T, D] (one block).
    public var tensor: Tensor
    /// Token labels down the side; missing ones are shown as their index.
    public var tokenLabels: [String]
    /// The token row to highlight and keep visible (the grid cursor's query), if any.
    public var highlightedRow: Int?
    /// The block (head) to keep visible when not every head fits (the grid cursor's head), if any.
    public var highlightedBlock: Int?
    /// The range of the tensor's finite values (nil when none is finite): the colour scale. The
    /// renderer reads only the rows it draws, so the range is found once, here or by the caller.
    public var range: ClosedRange<Float>?

    /// A model of `tensor`; `range` is its finite range when the caller already knows it, else
    /// it is found now (one pass over the tensor).
    public init(title: String = "head outputs Z", tensor: Tensor, tokenLabels: [String] = [],
                highlightedRow: Int? = nil, highlightedBlock: Int? = nil, range: ClosedRange<Float>?? = nil) {
        self.title = title
        self.tensor = tensor
        self.tokenLabels = tokenLabels
        self.highlightedRow = highlightedRow
        self.highlightedBlock = highlightedBlock
        self.range = range ?? OutputPaneModel.finiteRange(of: tensor)
    }

    /// The smallest and largest finite values of `tensor`, nil when none is finite.
    public static func finiteRange(of tensor: Tensor) -> ClosedRange<Float>? {
        var low = Float.infinity, high = -Float.infinity
        for value in tensor.scalars where value.isFinite {
            low = min(low, value)
            high = max(high, value)
        }
        return low <= high ? low...high : nil
    }

    /// Blocks side by side: H for [H, T, K], 1 for [T, D], 0 otherwise.
    var blockCount: Int {
        switch tensor.rank {
        case 3: return tensor.shape[0]
        case 2: return 1
        default: return 0
        }
    }

    var rowCount: Int { blockCount > 0 ? tensor.shape[tensor.rank - 2] : 0 }
    var columnCount: Int { blockCount > 0 ? tensor.shape[tensor.rank - 1] : 0 }

    func label(_ row: Int) -> String {
        row < tokenLabels.count && !tokenLabels[row].isEmpty ? tokenLabels[row] : String(row)
    }

    func value(block: Int, row: Int, column: Int) -> Float {
        tensor.scalars[(block * rowCount + row) * columnCount + column]
    }
}
