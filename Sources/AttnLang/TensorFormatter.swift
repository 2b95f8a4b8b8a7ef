import AttnCore
import Foundation

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

/// How the numbers of one tensor are written, following numpy's rules:
/// scientific when the largest magnitude is at least 1e8, the smallest
/// non-zero one below 1e-4, or their ratio above 1000; fixed otherwise.
/// Fixed numbers keep up to `precision` digits each and are padded around
/// the point; scientific ones all get as many digits as the longest needs.
struct NumberStyle {
    let precision: Int
    let scientific: Bool
    /// Digits after the point in scientific notation, shared by all numbers.
    private var mantissaDigits: Int
    private var integerWidth = 0
    private var fractionWidth = 0
    private var totalWidth = 0

    init(values: [Float], precision: Int) {
        let precision = max(0, min(precision, 16))
        self.precision = precision
        var largest: Float = 0
        var smallest = Float.infinity
        for value in values where value.isFinite {
            let magnitude = abs(value)
            largest = max(largest, magnitude)
            if magnitude > 0 { smallest = min(smallest, magnitude) }
        }
        // Fixed notation would print 1e9 with ten digits and 1e-6 as 0.
        scientific = largest >= 1e8 || smallest < 1e-4 || (smallest.isFinite && largest / smallest > 1000)
        mantissaDigits = precision
        if scientific {
            mantissaDigits = values.filter(\.isFinite).map { NumberStyle.trimmedMantissaDigits($0, precision) }.max() ?? 0
        }
        var nonFiniteWidth = 0
        for value in values {
            let text = plain(value)
            guard value.isFinite else { nonFiniteWidth = max(nonFiniteWidth, text.count); continue }
            totalWidth = max(totalWidth, text.count)
            guard !scientific, let dot = text.firstIndex(of: ".") else { continue }
            integerWidth = max(integerWidth, text.distance(from: text.startIndex, to: dot))
            fractionWidth = max(fractionWidth, text.distance(from: dot, to: text.endIndex))
        }
        // As numpy does, a wide `-inf` widens the integer column of the finite numbers.
        integerWidth = max(integerWidth, nonFiniteWidth - fractionWidth)
        totalWidth = max(totalWidth, nonFiniteWidth, integerWidth + fractionWidth)
    }

    /// The number without padding: `1.`, `0.25`, `1.5e-07`.
    func plain(_ value: Float) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if scientific {
            let text = String(format: "%.\(mantissaDigits)e", Double(value))
            guard mantissaDigits == 0, let e = text.firstIndex(of: "e") else { return text }
            return text[..<e] + "." + text[e...]
        }
        return NumberStyle.trimZeros(String(format: "%.\(precision)f", Double(value)))
    }

    /// The number padded to line up with the others of its tensor.
    func aligned(_ value: Float) -> String {
        let text = plain(value)
        guard value.isFinite, !scientific, let dot = text.firstIndex(of: ".") else {
            return String(repeating: " ", count: max(totalWidth - text.count, 0)) + text
        }
        let left = text.distance(from: text.startIndex, to: dot)
        let right = text.distance(from: dot, to: text.endIndex)
        return String(repeating: " ", count: integerWidth - left) + text
            + String(repeating: " ", count: fractionWidth - right)
    }

    /// How many mantissa digits `value` needs at `precision` once trailing zeros go.
    private static func trimmedMantissaDigits(_ value: Float, _ precision: Int) -> Int {
        let text = String(format: "%.\(precision)e", Double(value))
        guard let dot = text.firstIndex(of: "."), let e = text.firstIndex(of: "e") else { return 0 }
        var digits = text[text.index(after: dot)..<e]
        while digits.last == "0" { digits.removeLast() }
        return digits.count
    }

    /// `1.2500` → `1.25`, `3.0000` → `3.`, `3` → `3.`.
    private static func trimZeros(_ text: String) -> String {
        guard text.contains(".") else { return text + "." }
        var result = Substring(text)
        while result.last == "0" { result.removeLast() }
        return String(result)
    }
}
