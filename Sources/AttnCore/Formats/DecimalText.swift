/// Numbers as text files spell them, read strictly: no guessing.
///
/// Accepted: an optional sign, digits with an optional fraction (`12`,
/// `1.5`, `.5`, `3.`), an optional exponent (`1e-3`, `4E+2`), and `inf`,
/// `infinity`, `nan` in any case. Anything else is refused with the reason:
/// hexadecimal (`0x10`, which `Float("0x10")` would read as 16), a NUL byte
/// (which C's strtof would stop at, reading `2\0junk` as 2), trailing junk.
public enum DecimalText {
    /// Why a field is not a float32.
    public enum Problem: Error, Equatable, Sendable {
        case empty, nulByte, hexadecimal, notANumber
        /// A finite literal beyond float32 (`1e39`), not made infinite silently.
        case outOfRange
    }

    /// The float32 spelled by `bytes` (no surrounding blanks), or the problem.
    public static func parse<Bytes: Collection>(_ bytes: Bytes) -> Result<Float, Problem> where Bytes.Element == UInt8 {
        if let result = bytes.withContiguousStorageIfAvailable({ parse(UnsafeRawBufferPointer($0)) }) { return result }
        return Array(bytes).withUnsafeBytes { parse($0) }
    }

    /// The same, on raw bytes (the hot path of CSV and GloVe reading).
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> Result<Float, Problem> {
        guard !bytes.isEmpty else { return .failure(.empty) }
        if bytes.contains(0) { return .failure(.nulByte) }
        let text = String(decoding: bytes, as: UTF8.self)
        guard isDecimal(bytes) else {
            let lowered = text.lowercased()
            let unsigned = lowered.hasPrefix("-") || lowered.hasPrefix("+") ? lowered.dropFirst() : Substring(lowered)
            if ["inf", "infinity"].contains(unsigned) { return .success(lowered.hasPrefix("-") ? -.infinity : .infinity) }
            if unsigned == "nan" { return .success(.nan) }
            return .failure(unsigned.hasPrefix("0x") ? .hexadecimal : .notANumber)
        }
        guard let value = Float(text) else { return .failure(.notANumber) }
        return value.isFinite ? .success(value) : .failure(.outOfRange)
    }

    /// A sentence saying why `field` is not a number, its text shown with
    /// invisible characters escaped.
    public static func explain(_ problem: Problem, field: String) -> String {
        let shown = visible(field)
        switch problem {
        case .empty: return "an empty field is not a number"
        case .nulByte: return "'\(shown)' is not a number (it holds a NUL byte)"
        case .hexadecimal: return "'\(shown)' is not a number (hexadecimal is not read; write it in decimal)"
        case .notANumber: return "'\(shown)' is not a number"
        case .outOfRange: return "'\(shown)' is beyond the float32 range (about ±3.4e38)"
        }
    }

    /// `text` with control characters as escapes (`\0`, `\t`, `\u{7}`), so
    /// that a message never carries an invisible or terminal-control byte.
    public static func visible(_ text: String) -> String {
        var shown = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\0": shown += "\\0"
            case "\t": shown += "\\t"
            case "\r": shown += "\\r"
            case "\n": shown += "\\n"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    shown += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    shown.unicodeScalars.append(scalar)
                }
            }
        }
        return shown
    }

    /// True for `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`.
    private static func isDecimal(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let count = bytes.count
        var index = 0
        func isDigit(_ i: Int) -> Bool { i < count && bytes[i] >= 0x30 && bytes[i] <= 0x39 }
        func isSign(_ i: Int) -> Bool { i < count && (bytes[i] == 0x2B || bytes[i] == 0x2D) }
        if isSign(index) { index += 1 }
        var mantissa = 0
        while isDigit(index) { index += 1; mantissa += 1 }
        if index < count && bytes[index] == 0x2E {
            index += 1
            while isDigit(index) { index += 1; mantissa += 1 }
        }
        guard mantissa > 0 else { return false }
        if index < count && (bytes[index] == 0x65 || bytes[index] == 0x45) {
            index += 1
            if isSign(index) { index += 1 }
            guard isDigit(index) else { return false }
            while isDigit(index) { index += 1 }
        }
        return index == count
    }
}
