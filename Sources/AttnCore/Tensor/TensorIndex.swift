/// One item of a numpy-style index: `x[0, 1:3, :, -1]`.
public enum TensorIndex: Sendable, Equatable {
    /// A single position; negative counts from the end. Removes the axis.
    case at(Int)
    /// `start:stop:step`, each optional, numpy semantics (negative allowed,
    /// clamped to the axis). Keeps the axis.
    case slice(start: Int?, stop: Int?, step: Int?)

    /// `:`, the whole axis.
    public static let all = TensorIndex.slice(start: nil, stop: nil, step: nil)
}
