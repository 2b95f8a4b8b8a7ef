/// How a character is shown in a message, visible even when it is not.
extension Character {
    /// The character in backquotes when it can be seen (`` `§` ``), else its
    /// code points and names: `U+FEFF (byte order mark)`,
    /// `U+00A0 (no-break space)`, `U+0007 (control character)`.
    var visibleDescription: String {
        let invisible = unicodeScalars.contains { scalar in
            let properties = scalar.properties
            return properties.isWhitespace || properties.generalCategory == .control
                || properties.generalCategory == .format || properties.generalCategory == .unassigned
                || properties.generalCategory == .privateUse || properties.generalCategory == .surrogate
                || properties.generalCategory == .nonspacingMark
        }
        guard invisible else { return "`\(self)`" }
        return unicodeScalars.map { scalar in
            let code = String(scalar.value, radix: 16, uppercase: true)
            let padded = String(repeating: "0", count: max(0, 4 - code.count)) + code
            return "U+\(padded) (\(Character.scalarName(scalar)))"
        }.joined(separator: " ")
    }

    /// A lower-case name for a code point, with the usual word for the few
    /// that turn up in pasted text.
    private static func scalarName(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0xFEFF: return "byte order mark"
        case 0x00A0: return "no-break space"
        case 0x0000: return "NUL"
        default:
            if scalar.properties.generalCategory == .control { return "control character" }
            return scalar.properties.name?.lowercased() ?? "unnamed character"
        }
    }
}
