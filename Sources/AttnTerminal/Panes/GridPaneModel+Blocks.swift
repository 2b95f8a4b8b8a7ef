/// Reading the grid's values block by block, with the mask applied (see `GridValues`).
extension GridPaneModel {
    typealias DrawnValue = GridValues.Drawn

    /// The drawn value of a block: the maximum of its allowed, finite values (see `GridValues.drawn`).
    func drawnValue(head: Int, row: Int, column: Int, block: Int) -> DrawnValue {
        GridValues(self).drawn(head: head, row: row, column: column, block: block)
    }
}
