import AttnCore

/// The axis labels an expression's value keeps: those of a trace tensor, carried through
/// indexing (docs/reference.md §2.6).
extension Interpreter {
    /// The labels of `expr`'s value and the shape they label, when it is a trace or snapshot
    /// tensor (`attn.P`, `before.scaled`) or an index or slice of one (`attn.P[0:2]`,
    /// `bert0.P[2][1:4]`); nil for anything else, which then prints as numpy does.
    mutating func axisLabels(of expr: Expr) throws -> (labels: AxisLabels, shape: [Int])? {
        switch expr {
        case .name(let name, _):
            guard let shape = state.workspace.entry(name)?.shape,
                  let labels = AxisLabels.traceTensor(name, shape: shape, in: state) else { return nil }
            return (labels, shape)
        case .index(let base, let items, let range):
            guard let (labels, shape) = try axisLabels(of: base) else { return nil }
            let indices = try tensorIndices(items)
            let kept = try located(range) { try TensorIndex.keptPositions(indices, shape: shape) }
            return (try located(range) { try labels.indexed(indices, shape: shape) }, kept.compactMap { $0?.count })
        default:
            return nil
        }
    }

    /// What `show EXPR` prints for an index or slice of a labelled tensor: the expression and
    /// its shape, then labelled tables at `precision` digits; nil when it keeps no labels.
    mutating func labelledText(of expr: Expr, value: Tensor, precision: Int) throws -> String? {
        guard case .index = expr, value.rank >= 1, let (labels, _) = try axisLabels(of: expr) else { return nil }
        return "\(expr) \(Tensor.describe(value.shape))\n" + StageFormatter.grids(value, labels: labels, precision: precision)
    }
}
