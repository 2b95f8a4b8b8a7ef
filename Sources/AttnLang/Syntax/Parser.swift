/// A recursive-descent parser for attnsh statements, one method per
/// precedence level (Crafting Interpreters style).
///
/// Precedence, lowest first:
///
///     comparison   < <= > >= == !=     (non-associative)
///     additive     + -                 (left)
///     multiplicative  * / @            (left, like Python)
///     unary        - +                 (prefix)
///     power        **                  (right; -x**2 is -(x**2); 2**-1 is allowed)
///     postfix      f(...)  x[...]  .T
///     primary      number, name, (expr), [list]
///
/// `nextStatement()` returns one statement at a time, so a script can run
/// each before the next is parsed. After an error the parser has already
/// skipped to the next statement (recovery), so calling it again goes on.
public struct Parser {
    /// Deeper nesting than this is an error (10,000 nested parentheses must
    /// not overflow the stack, so depth is counted and parsing stops early).
    public static let maxDepth = 256
    /// The longest statement accepted, in Characters.
    public static let maxStatementLength = 1 << 20

    var lexer: Lexer
    var current = Token(kind: .newline, text: "", range: SourceRange(line: 1, column: 1, length: 0))
    var previous = Token(kind: .newline, text: "", range: SourceRange(line: 1, column: 1, length: 0))
    /// True when `current` has not been scanned yet (after a command name,
    /// whose next argument may need a raw scan).
    var pending = true
    let commands: [String: CommandSpec]
    var depth = 0

    public init(_ source: String, firstLine: Int = 1, commands: [CommandSpec] = CommandSpec.all) {
        self.lexer = Lexer(source, firstLine: firstLine)
        self.commands = Dictionary(commands.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Parses the next statement, or returns nil at the end of the input.
    public mutating func nextStatement() throws -> ParsedStatement? {
        do {
            try ensureCurrent()
            while current.kind == .newline || current.kind == .semicolon { try advance() }
        } catch {
            try? synchronize()
            throw error
        }
        if current.kind == .end { return nil }
        let first = current
        depth = 0
        do {
            let statement = try parseStatement()
            try ensureCurrent()
            guard current.kind.endsStatement else {
                throw LangError("unexpected \(current.quoted) after the end of the statement", at: current.range)
            }
            let endOffset = previous.offset + previous.range.length
            guard endOffset - first.offset <= Parser.maxStatementLength else {
                throw LangError("statement is longer than the limit of 1 MiB (\(endOffset - first.offset) characters)", at: first.range)
            }
            let range = first.range.through(previous.range)
            return ParsedStatement(statement: statement, range: range, text: lexer.text(from: first.offset, to: endOffset))
        } catch {
            try? synchronize()
            throw error
        }
    }

    /// Skips to the end of the current statement after an error.
    mutating func synchronize() throws {
        while true {
            do {
                try ensureCurrent()
                if current.kind.endsStatement { return }
                try advance()
            } catch {
                // The lexer has consumed the bad character; keep going.
                pending = true
                if lexer.isAtEnd { current = Token(kind: .end, text: "", range: current.range, offset: current.offset); pending = false; return }
            }
        }
    }

    // MARK: - Statements

    mutating func parseStatement() throws -> Statement {
        if current.kind == .name {
            // Look ahead without failing: a command's arguments (a path with
            // `~`, free text) need not be valid tokens.
            if let spec = commands[current.text], !isAssignmentAhead(), !isFunctionCallAhead() {
                return try command(spec)
            }
            let next = try peekToken()
            if next.kind == .equal {
                let name = current
                try checkAssignable(name)
                try advance()
                try advance()
                return .assign(name: name.text, nameRange: name.range, value: try expression())
            }
            if next.kind == .leftBracket, isAssignmentAhead() {
                let name = current
                try checkAssignable(name)
                try advance()
                try advance()
                let items = try indexItems()
                try expect(.equal, "`=` after the index")
                return .assignIndex(name: name.text, nameRange: name.range, items: items, value: try expression())
            }
            if next.kind == .name || next.kind == .number || next.kind == .string {
                throw unknownCommand(current)
            }
        }
        return .expression(try expression())
    }

    private func unknownCommand(_ word: Token) -> LangError {
        let suggestion = EditDistance.closest(to: word.text, among: commands.keys)
        let hint = suggestion.map { "; did you mean `\($0)`?" } ?? " (type `help` for the list of commands)"
        return LangError("unknown command `\(word.text)`\(hint)", at: word.range)
    }

    private func checkAssignable(_ name: Token) throws {
        if name.text == "inf" || name.text == "nan" {
            throw LangError("cannot assign to `\(name.text)`: it is a number", at: name.range)
        }
    }

    /// True when `current` names a function and `(` follows: `entropy(p)` is
    /// the function even though `entropy` is also a command.
    private func isFunctionCallAhead() -> Bool {
        guard FunctionSpec.named(current.text) != nil else { return false }
        var probe = lexer
        return (try? probe.next())?.kind == .leftParen
    }

    /// True when the tokens from `current` read `NAME =` or `NAME[...] =`.
    private func isAssignmentAhead() -> Bool {
        var probe = lexer
        guard var token = try? probe.next() else { return false }
        if token.kind == .equal { return true }
        guard token.kind == .leftBracket else { return false }
        var nesting = 1
        while nesting > 0 {
            guard let next = try? probe.next() else { return false }
            token = next
            switch token.kind {
            case .leftBracket, .leftParen: nesting += 1
            case .rightBracket, .rightParen: nesting -= 1
            case .newline, .semicolon, .end: return false
            default: break
            }
        }
        return (try? probe.next())?.kind == .equal
    }

    // MARK: - Token plumbing

    mutating func ensureCurrent() throws {
        if pending {
            current = try lexer.next()
            pending = false
        }
    }

    mutating func advance() throws {
        try ensureCurrent()
        previous = current
        pending = true
        try ensureCurrent()
    }

    /// The token after `current`, without consuming anything.
    mutating func peekToken() throws -> Token {
        try ensureCurrent()
        var probe = lexer
        return try probe.next()
    }

    mutating func check(_ kind: TokenKind) throws -> Bool {
        try ensureCurrent()
        return current.kind == kind
    }

    mutating func match(_ kind: TokenKind) throws -> Bool {
        guard try check(kind) else { return false }
        try advance()
        return true
    }

    mutating func expect(_ kind: TokenKind, _ what: String) throws {
        guard try match(kind) else {
            throw LangError("expected \(what), found \(current.quoted)", at: current.range)
        }
    }
}
