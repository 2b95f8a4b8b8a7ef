/// Short decimal renderings of floats for cells, legends and the inspector.
///
/// Written by hand rather than with `String(format:)`: it is called for every
/// visible cell on every redraw, and it must never trap on a huge or NaN value.
public enum NumberText {
    /// `value` with exactly `decimals` digits after the point: `1.84`, `-0.50`, `inf`, `nan`.
    public static func fixed(_ value: Float, decimals: Int, minus: String = "-") -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? minus + "inf" : "inf" }
        let places = min(max(decimals, 0), 6)
        var power: Double = 1
        for _ in 0..<places { power *= 10 }
        let scaled = (abs(Double(value)) * power).rounded()
        // Past 2^53 a Double stops holding whole numbers exactly, and Int(_:)
        // would trap past Int.max: such values are written in e-notation.
        guard scaled < 9.0e15 else { return scientific(value, minus: minus) }
        let whole = Int(scaled)
        let divisor = Int(power)
        var text = value < 0 && whole != 0 ? minus : ""
        text += String(whole / divisor)
        if places > 0 {
            let fraction = String(whole % divisor)
            text += "." + String(repeating: "0", count: places - fraction.count) + fraction
        }
        return text
    }

    /// The most precise rendering of `value` that fits in `width` columns
    /// (up to 2 decimals, leading `0` dropped: `.47`, `-.5`, `12`), or `#`s
    /// when even the whole number does not fit.
    public static func compact(_ value: Float, width: Int, minus: String = "-") -> String {
        guard width > 0 else { return "" }
        if value.isNaN { return width >= 3 ? "nan" : "?" }
        if value.isInfinite {
            let text = value < 0 ? minus + "inf" : "inf"
            if text.count <= width { return text }
            return value < 0 ? minus : "+"
        }
        for decimals in stride(from: 2, through: 0, by: -1) {
            var text = fixed(value, decimals: decimals, minus: minus)
            if decimals > 0 {
                // "0.47" -> ".47" and "-0.5" -> "-.5": the zero carries no information.
                if text.hasPrefix("0.") {
                    text.removeFirst()
                } else if text.hasPrefix(minus + "0.") {
                    text = minus + text.dropFirst(minus.count + 1)
                }
            }
            if text.count <= width { return text }
        }
        return String(repeating: "#", count: width)
    }

    /// `1.2e5`-style text for values too large for `fixed`.
    static func scientific(_ value: Float, minus: String) -> String {
        var magnitude = abs(Double(value))
        var exponent = 0
        while magnitude >= 10 {
            magnitude /= 10
            exponent += 1
        }
        let sign = value < 0 ? minus : ""
        return sign + fixed(Float(magnitude), decimals: 1) + "e" + String(exponent)
    }
}
