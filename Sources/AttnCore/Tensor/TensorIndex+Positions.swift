/// Which positions of each axis a numpy basic index keeps, for carrying axis labels along.
extension TensorIndex {
    /// The positions of each axis of a tensor of `shape` that `items` selects: for an axis the
    /// index keeps (a slice, or an axis past the last item) its positions in order, for an
    /// axis it removes (`.at`) nil. Throws as `Tensor.indexed` does for a bad index.
    ///
    /// `x[1:3, 0]` of shape [4, 5] keeps axis 0 at positions [1, 2] and removes axis 1: `[[1, 2], nil]`.
    public static func keptPositions(_ items: [TensorIndex], shape: [Int]) throws -> [[Int]?] {
        let selection = try IndexSelection(items, shape: shape)
        return selection.positions.enumerated().map { axis, positions in
            let item = axis < items.count ? items[axis] : TensorIndex.all
            if case .at = item { return nil }
            return positions
        }
    }
}
