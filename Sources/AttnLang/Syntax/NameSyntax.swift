/// What a name of the language is: identifier segments (a letter or `_`,
/// then letters, digits, `_`) joined by dots, `attn.P`, `h0.q`.
///
/// The one rule for names: the lexer scans names with it, and every place
/// that takes a name from raw text (a mask tensor in `mask`) checks with it.
public enum NameSyntax {
    /// Whether `text` is exactly one name.
    public static func isName(_ text: String) -> Bool {
        let segments = text.split(separator: ".", omittingEmptySubsequences: false)
        return segments.allSatisfy { segment in
            guard let first = segment.first, first.isNameStart else { return false }
            return segment.allSatisfy(\.isNameContinuation)
        }
    }
}

extension Character {
    /// Starts a name, or a segment of a dotted name.
    var isNameStart: Bool { (isASCII && isLetter) || self == "_" }
    /// Continues a name segment.
    var isNameContinuation: Bool { isNameStart || isASCIIDigit }
    var isASCIIDigit: Bool { isASCII && isNumber }
}
