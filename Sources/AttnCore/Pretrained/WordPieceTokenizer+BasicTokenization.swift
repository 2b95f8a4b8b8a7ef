import Foundation

/// BERT's basic tokenisation: the text normalised and cut into words and
/// punctuation marks before WordPiece sees it.
///
/// Order, as the models' `tokenizer.json` (BertNormalizer, then
/// BertPreTokenizer) does it:
/// 1. clean-up: drop NUL, U+FFFD and control characters; every whitespace
///    character becomes a space;
/// 2. put spaces around CJK ideographs, so each is a word of its own;
/// 3. (uncased models) strip accents: canonical decomposition (NFD), then
///    drop nonspacing marks (category Mn); then lower-case;
/// 4. split on whitespace, and make every punctuation character a word of
///    its own (Unicode categories P*, plus the ASCII symbols
///    `$ + < = > ^ \` | ~` that BERT counts as punctuation).
extension WordPieceTokenizer {
    /// The words of `text`, each as Unicode scalars.
    public static func basicTokens(_ text: String, lowercases: Bool) -> [[Unicode.Scalar]] {
        var cleaned = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.value == 0 || scalar.value == 0xFFFD || isControl(scalar) { continue }
            if isWhitespace(scalar) {
                cleaned.append(" ")
            } else if isChineseCharacter(scalar) {
                cleaned.append(" ")
                cleaned.append(scalar)
                cleaned.append(" ")
            } else {
                cleaned.append(scalar)
            }
        }
        var normalized = String(cleaned)
        if lowercases {
            let stripped = normalized.decomposedStringWithCanonicalMapping.unicodeScalars
                .filter { $0.properties.generalCategory != .nonspacingMark }
            normalized = String(String.UnicodeScalarView(stripped)).lowercased()
        }
        var words: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []
        for scalar in normalized.unicodeScalars {
            if isWhitespace(scalar) {
                if !current.isEmpty { words.append(current); current = [] }
            } else if isPunctuation(scalar) {
                if !current.isEmpty { words.append(current); current = [] }
                words.append([scalar])
            } else {
                current.append(scalar)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// Space, tab, newline, carriage return, or any Unicode White_Space.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar.properties.isWhitespace
    }

    /// Control and other invisible characters (categories Cc, Cf, Co, Cn,
    /// Cs), except the tab and line breaks, which count as whitespace.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "\t" || scalar == "\n" || scalar == "\r" { return false }
        switch scalar.properties.generalCategory {
        case .control, .format, .privateUse, .unassigned, .surrogate: return true
        default: return false
        }
    }

    /// BERT's punctuation: every ASCII non-alphanumeric printable character
    /// (33–47, 58–64, 91–96, 123–126) and Unicode punctuation (P*).
    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if (33...47).contains(v) || (58...64).contains(v) || (91...96).contains(v) || (123...126).contains(v) {
            return true
        }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    /// The CJK Unified Ideographs blocks BERT splits character by character
    /// (Hiragana, Katakana and Hangul are not among them).
    static func isChineseCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F,
             0x2B740...0x2B81F, 0x2B820...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F:
            return true
        default:
            return false
        }
    }
}
