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

    public init(title: String = "head outputs Z", tensor: Tensor, tokenLabels: [String] = [],
                highlightedRow: Int? = nil) {
        self.title = title
        self.tensor = tensor
        self.tokenLabels = tokenLabels
        self.highlightedRow = highlightedRow
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
