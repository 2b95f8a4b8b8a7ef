/// One lexical token: its kind, the exact text it was read from, and where.
public struct Token: Sendable, Equatable {
    public var kind: TokenKind
    public var text: String
    public var range: SourceRange
    /// Index of the first Character in the lexer's source (lets the parser
    /// re-scan from here in a raw mode, for paths and free text).
    var offset: Int

    public init(kind: TokenKind, text: String, range: SourceRange, offset: Int = 0) {
        self.kind = kind
        self.text = text
        self.range = range
        self.offset = offset
    }
}

/// The kinds of token the attnsh language has.
public enum TokenKind: Sendable, Equatable {
    case number        // 3, 0.5, 1e-3, .5
    case name          // x, attn.P, h0.q (dots joined while a letter follows)
    case string        // "a b.npy" (text holds the contents, unquoted)
    case plus, minus, star, slash, at, starStar
    case less, lessEqual, greater, greaterEqual, equalEqual, bangEqual
    case equal
    case leftParen, rightParen, leftBracket, rightBracket
    case comma, colon, dot
    case semicolon, newline, end

    /// Ends a statement: `;`, a line end, or the end of input.
    public var endsStatement: Bool {
        self == .semicolon || self == .newline || self == .end
    }
}

extension Token {
    /// How the token reads in an error message: `` `x` ``, "end of line".
    var quoted: String {
        switch kind {
        case .newline: return "end of line"
        case .end: return "end of input"
        case .string: return "\"\(text)\""
        default: return "`\(text)`"
        }
    }
}
