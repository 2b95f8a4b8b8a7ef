import AttnCore

/// Prints tensors the way numpy's `print` does: nested brackets, aligned
/// columns, `precision` digits after the point with trailing zeros dropped
/// (`[0.1235 1.    ]`), `inf` / `-inf` / `nan` spelled so, and tensors of
/// more than 1000 elements summarised with the first and last 3 items of
/// each long axis around `...`.
///
/// A rank-0 tensor prints as a plain number (`6.0`, `0.1235`).
public enum TensorFormatter {
    /// Above this many elements a tensor is summarised.
    public static let summaryThreshold = 1000
    /// Items kept at each end of a summarised axis.
    public static let edgeItems = 3

    /// The printed form of `tensor` (several lines for rank 2 and up).
    public static func format(_ tensor: Tensor, precision: Int) -> String {
        if tensor.rank == 0 { return formatScalar(tensor.scalars[0], precision: precision) }
        let summarise = tensor.count > summaryThreshold
        // Displayed positions per axis; nil marks the `...` gap.
        let axes: [[Int?]] = tensor.shape.map { extent in
            guard summarise, extent > 2 * edgeItems else { return Array(0..<extent) }
            return Array(0..<edgeItems) + [nil] + Array((extent - edgeItems)..<extent)
        }
        let strides = tensor.strides
        var shown: [Float] = []
        collect(axes, axis: 0, offset: 0, strides: strides, scalars: tensor.scalars, into: &shown)
        let style = NumberStyle(values: shown, precision: precision)
        return render(axes, axis: 0, offset: 0, strides: strides, scalars: tensor.scalars, style: style)
    }

    /// One number on its own: `6.0`, `-0.5`, `inf`, `1.5e-07`.
    public static func formatScalar(_ value: Float, precision: Int = 4) -> String {
        let text = NumberStyle(values: [value], precision: precision).plain(value)
        return text.hasSuffix(".") ? text + "0" : text
    }

    private static func collect(_ axes: [[Int?]], axis: Int, offset: Int, strides: [Int],
                                scalars: [Float], into values: inout [Float]) {
        for position in axes[axis] {
            guard let position else { continue }
            let next = offset + position * strides[axis]
            if axis == axes.count - 1 {
                values.append(scalars[next])
            } else {
                collect(axes, axis: axis + 1, offset: next, strides: strides, scalars: scalars, into: &values)
            }
        }
    }

    private static func render(_ axes: [[Int?]], axis: Int, offset: Int, strides: [Int],
                               scalars: [Float], style: NumberStyle) -> String {
        if axis == axes.count - 1 {
            let items = axes[axis].map { position in
                position.map { style.aligned(scalars[offset + $0 * strides[axis]]) } ?? "..."
            }
            return "[" + items.joined(separator: " ") + "]"
        }
        let children = axes[axis].map { position -> String in
            guard let position else { return "..." }
            let child = render(axes, axis: axis + 1, offset: offset + position * strides[axis],
                               strides: strides, scalars: scalars, style: style)
            // Nested blocks sit one column further right than their parent bracket.
            return child.split(separator: "\n", omittingEmptySubsequences: false)
                .enumerated()
                .map { $0.offset == 0 || $0.element.isEmpty ? String($0.element) : " " + $0.element }
                .joined(separator: "\n")
        }
        let blankLines = String(repeating: "\n", count: axes.count - axis - 1)
        return "[" + children.joined(separator: blankLines + " ") + "]"
    }
}
