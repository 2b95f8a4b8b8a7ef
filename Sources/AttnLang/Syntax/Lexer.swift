/// Turns source text into tokens on demand, tracking 1-based line and column
/// (in Characters).
///
/// The parser pulls one token at a time, so for commands that take a path or
/// free text it can rewind to a token and re-scan the same characters in a
/// raw mode (`rawWord`, `restOfStatement`). `#` starts a comment to the end
/// of the line (outside quotes); a `\` that ends a line joins the next line
/// to the statement while every token keeps its own original position.
public struct Lexer: Sendable {
    private let chars: [Character]
    private var index = 0
    private var line: Int
    private var column = 1

    public init(_ source: String, firstLine: Int = 1) {
        self.chars = Array(source)
        self.line = firstLine
    }

    /// True at the end of the input.
    public var isAtEnd: Bool { index >= chars.count }

    /// Moves back to the start of `token` so it can be scanned again.
    mutating func rewind(to token: Token) {
        index = token.offset
        line = token.range.line
        column = token.range.column
    }

    /// The next token (`.end` forever once the input is exhausted).
    public mutating func next() throws -> Token {
        try skipBlanks()
        guard let c = peek() else { return make(.end, "", startIndex: index, line: line, column: column) }
        let start = (index, line, column)
        if c.isNewline {
            advance()
            return make(.newline, "\n", startIndex: start.0, line: start.1, column: start.2)
        }
        if c.isASCIIDigit || (c == "." && peek(1)?.isASCIIDigit == true) { return try number() }
        if c.isNameStart { return name() }
        if c == "\"" { return try quoted() }
        advance()
        func token(_ kind: TokenKind) -> Token {
            make(kind, String(chars[start.0..<index]), startIndex: start.0, line: start.1, column: start.2)
        }
        switch c {
        case "+": return token(.plus)
        case "-": return token(.minus)
        case "*": if peek() == "*" { advance(); return token(.starStar) }; return token(.star)
        case "/": return token(.slash)
        case "@": return token(.at)
        case "<": if peek() == "=" { advance(); return token(.lessEqual) }; return token(.less)
        case ">": if peek() == "=" { advance(); return token(.greaterEqual) }; return token(.greater)
        case "=": if peek() == "=" { advance(); return token(.equalEqual) }; return token(.equal)
        case "!":
            if peek() == "=" { advance(); return token(.bangEqual) }
            throw LangError("unexpected `!`; did you mean `!=`?", at: SourceRange(line: start.1, column: start.2, length: 1))
        case "(": return token(.leftParen)
        case ")": return token(.rightParen)
        case "[": return token(.leftBracket)
        case "]": return token(.rightBracket)
        case ",": return token(.comma)
        case ":": return token(.colon)
        case ".": return token(.dot)
        case ";": return token(.semicolon)
        case "\\":
            throw LangError("unexpected `\\`; a backslash continues a statement only at the end of a line",
                            at: SourceRange(line: start.1, column: start.2, length: 1))
        default:
            throw LangError("unexpected character \(c.visibleDescription)", at: SourceRange(line: start.1, column: start.2, length: 1))
        }
    }

    /// Scans a raw word (a path or size): a quoted string, or characters up to
    /// whitespace, `;` or `#`. Nil when the statement has ended.
    mutating func rawWord() throws -> Token? {
        try skipBlanks()
        guard let c = peek(), !c.isNewline, c != ";", c != "#" else { return nil }
        if c == "\"" { return try quoted() }
        let start = (index, line, column)
        while let c = peek(), !c.isWhitespace, c != ";", c != "#" { advance() }
        return make(.name, String(chars[start.0..<index]), startIndex: start.0, line: start.1, column: start.2)
    }

    /// Scans the rest of the statement as raw text (up to `;`, `#` or the end
    /// of the line, outside quotes), trailing blanks removed. Nil when empty.
    mutating func restOfStatement() throws -> Token? {
        try skipBlanks()
        let start = (index, line, column)
        var inQuotes = false
        while let c = peek(), !c.isNewline {
            if c == "\"" { inQuotes.toggle() }
            if !inQuotes && (c == ";" || c == "#") { break }
            advance()
        }
        var text = String(chars[start.0..<index])
        while text.last?.isWhitespace == true { text.removeLast() }
        if text.isEmpty { return nil }
        return make(.string, text, startIndex: start.0, line: start.1, column: start.2)
    }

    /// The source text between two Character offsets.
    func text(from start: Int, to end: Int) -> String {
        let lower = min(max(start, 0), chars.count)
        return String(chars[lower..<min(max(end, lower), chars.count)])
    }

    // MARK: - Scanning pieces

    private func peek(_ ahead: Int = 0) -> Character? {
        let i = index + ahead
        return i < chars.count ? chars[i] : nil
    }

    private mutating func advance() {
        if chars[index].isNewline { line += 1; column = 1 } else { column += 1 }
        index += 1
    }

    private func make(_ kind: TokenKind, _ text: String, startIndex: Int, line: Int, column: Int) -> Token {
        Token(kind: kind, text: text, range: SourceRange(line: line, column: column, length: index - startIndex),
              offset: startIndex)
    }

    /// Skips spaces, tabs, comments, and `\` line continuations.
    private mutating func skipBlanks() throws {
        while let c = peek() {
            if c == " " || c == "\t" || c == "\r" {
                advance()
            } else if c == "#" {
                while let c = peek(), !c.isNewline { advance() }
            } else if c == "\\" && isContinuation(at: index) {
                // Skip the backslash, trailing blanks, an optional comment, and the newline.
                advance()
                while let c = peek(), !c.isNewline { advance() }
                if peek() != nil { advance() }
            } else {
                return
            }
        }
    }

    /// True when the `\` at `i` is followed only by blanks or a comment before the line ends.
    private func isContinuation(at i: Int) -> Bool {
        var j = i + 1
        while j < chars.count {
            let c = chars[j]
            if c.isNewline || c == "#" { return true }
            if c != " " && c != "\t" { return false }
            j += 1
        }
        return true
    }

    private mutating func number() throws -> Token {
        let start = (index, line, column)
        while peek()?.isASCIIDigit == true { advance() }
        if peek() == ".", !(peek(1)?.isNameStart ?? false) {
            advance()
            while peek()?.isASCIIDigit == true { advance() }
        }
        if peek() == "e" || peek() == "E" {
            let signed = peek(1) == "+" || peek(1) == "-"
            if peek(signed ? 2 : 1)?.isASCIIDigit == true {
                advance()
                if signed { advance() }
                while peek()?.isASCIIDigit == true { advance() }
            }
        }
        return make(.number, String(chars[start.0..<index]), startIndex: start.0, line: start.1, column: start.2)
    }

    private mutating func name() -> Token {
        let start = (index, line, column)
        while true {
            while let c = peek(), c.isNameContinuation { advance() }
            // Join `a.b` into one dotted name only when a letter or `_` follows the dot
            // (the rule of `NameSyntax`).
            if peek() == ".", peek(1)?.isNameStart == true { advance() } else { break }
        }
        return make(.name, String(chars[start.0..<index]), startIndex: start.0, line: start.1, column: start.2)
    }

    private mutating func quoted() throws -> Token {
        let start = (index, line, column)
        advance()
        var text = ""
        while let c = peek(), c != "\"", !c.isNewline {
            text.append(c)
            advance()
        }
        guard peek() == "\"" else {
            throw LangError("unterminated string: a `\"` is missing before the end of the line",
                            at: SourceRange(line: start.1, column: start.2, length: index - start.0))
        }
        advance()
        return make(.string, text, startIndex: start.0, line: start.1, column: start.2)
    }
}
