import AttnCore

/// The value of an expression as `view EXPR` shows it (docs/reference.md §6.3): its text, its
/// value as a grid and the labels its axes keep.
///
/// `view attn.P[0, 0]` is the row of head 0's weights of the first query: a rank-1 value,
/// shown as one row [1, Tk] with the key tokens across. The value is taken when the statement
/// runs; `view NAME` instead follows the named tensor as it changes.
public struct ViewedExpression: Sendable, Equatable {
    /// The expression as written back (`attn.P[0, 0]`).
    public var text: String
    /// [Tq, Tk] or [H, Tq, Tk]; a rank-1 value becomes one row [1, N].
    public var tensor: Tensor
    /// The value's shape before a rank-1 value became one row.
    public var shape: [Int]
    /// Labels down the side and across the top (empty: indices).
    public var rowLabels: [String]
    public var columnLabels: [String]

    /// `value` of `text` with the labels it keeps; nil when it is not of rank 1, 2 or 3 or has an
    /// empty axis.
    public init?(text: String, value: Tensor, labels: AxisLabels?) {
        guard (1...3).contains(value.rank), !value.shape.contains(0) else { return nil }
        self.text = text
        shape = value.shape
        tensor = value.rank == 1 ? Tensor(unchecked: [1, value.count], scalars: value.scalars) : value
        let grid = labels?.gridLabels ?? (rows: [], columns: [])
        rowLabels = grid.rows
        columnLabels = grid.columns
    }
}
