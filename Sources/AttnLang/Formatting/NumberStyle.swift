import Foundation

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
