/// Reading the grid's values block by block, with the mask applied (see `GridValues`).
extension GridPaneModel {
    typealias DrawnValue = GridValues.Drawn

    /// The drawn value of a block: its maximum, or for a signed tensor its value of largest
    /// magnitude (see `GridValues.drawn` and `GridAggregates`).
    func drawnValue(head: Int, row: Int, column: Int, block: Int) -> DrawnValue {
        GridValues(self).drawn(head: head, row: row, column: column, block: block)
    }
}
