import AttnCore

/// The values of one positional argument, by its kind in the command table.
extension Parser {
    /// Parses the value (or, for masks and head lists, the values) of
    /// `argument`; every value keeps the range of its own word.
    mutating func argumentValues(_ argument: ArgumentSpec, of spec: CommandSpec, usage: String) throws -> [ArgumentValue] {
        switch argument.kind {
        case .expression:
            try ensureCurrent()
            return [.expression(try expression())]
        case .name:
            try ensureCurrent()
            guard current.kind == .name else {
                throw LangError("\(usage) expects \(argument.placeholder) (a name), found \(current.quoted); usage: \(spec.syntax)", at: current.range)
            }
            let token = current
            consume()
            return [.name(token.text, token.range)]
        case .path:
            guard let token = try rawScan({ try $0.rawWord() }) else {
                throw LangError("\(usage) needs \(argument.placeholder)", at: current.range)
            }
            return [.path(token.text, token.range)]
        case .text:
            guard let token = try rawScan({ try $0.restOfStatement() }) else {
                throw LangError("\(usage) needs \(argument.meaning ?? argument.placeholder)", at: current.range)
            }
            return [.text(token.text, token.range)]
        case .rawWord:
            guard let token = try rawScan({ try $0.rawWord() }) else {
                throw LangError("\(usage) needs \(argument.placeholder)", at: current.range)
            }
            return [.word(token.text, token.range)]
        case .integer:
            let (value, range) = try integer(for: usage)
            return [.integer(value, range)]
        case .word(let choices):
            try ensureCurrent()
            let token = current
            guard token.kind == .name || token.kind == .number else {
                throw LangError("\(usage) expects \(argument.placeholder), found \(token.quoted); usage: \(spec.syntax)", at: token.range)
            }
            try checkChoice(token, choices, what: argument.placeholder)
            consume()
            return [.word(token.text, token.range)]
        case .helpTopic:
            try ensureCurrent()
            let token = current
            guard token.kind == .name || token.kind == .number else {
                throw LangError("\(usage) expects \(argument.placeholder), found \(token.quoted); usage: \(spec.syntax)", at: token.range)
            }
            consume()
            return [.word(token.text, token.range)]
        case .integerList:
            let (list, range) = try integerList(for: usage)
            return [.integerList(list, range)]
        case .maskSpec:
            var words: [Token] = []
            while !(try atRawEnd(of: spec)), let word = try rawScan({ try $0.rawWord() }) { words.append(word) }
            return try MaskSyntax.specs(words).map { .mask($0.spec, $0.range) }
        case .head:
            guard let word = try rawScan({ try $0.rawWord() }) else {
                throw LangError("\(usage) needs \(argument.placeholder)", at: current.range)
            }
            return try Parser.heads(in: word, keywords: argument.keywords, usage: usage, syntax: spec.syntax)
        }
    }

    /// True when the next raw word ends the statement or starts an option of `spec`.
    private mutating func atRawEnd(of spec: CommandSpec) throws -> Bool {
        var probe = lexer
        if !pending { probe.rewind(to: current) }
        guard let word = try probe.rawWord() else { return true }
        return spec.options.contains { word.kind == .name && word.text.hasPrefix($0.key + "=") }
    }

    /// The head numbers (or keywords) in one raw word, split at commas: `0,2`
    /// gives two values, each with the range of its own digits.
    static func heads(in word: Token, keywords: [String], usage: String, syntax: String) throws -> [ArgumentValue] {
        var values: [ArgumentValue] = []
        var column = word.range.column
        for part in word.text.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
            let range = SourceRange(line: word.range.line, column: column, length: part.count)
            column += part.count + 1
            if part.isEmpty { continue }
            if let head = Int(part) {
                values.append(.integer(head, range))
            } else if keywords.contains(part) {
                values.append(.word(part, range))
            } else {
                let choices = (["head numbers"] + keywords.map { "`\($0)`" }).joined(separator: " or ")
                throw LangError("\(usage) takes \(choices), not `\(part)`\(Parser.hintOrUsage(part, keywords, syntax))", at: range)
            }
        }
        return values
    }
}

// MARK: - Argument pieces

extension Parser {
    /// Consumes `current` without scanning the next token yet: the next
    /// argument may be raw text that is not valid tokens (`~/x.npy`).
    mutating func consume() {
        previous = current
        pending = true
    }

    /// Scans a raw token with `scan` from where `current` starts (or would start).
    mutating func rawScan(_ scan: (inout Lexer) throws -> Token?) throws -> Token? {
        if !pending { lexer.rewind(to: current) }
        pending = true
        guard let token = try scan(&lexer) else { return nil }
        previous = token
        return token
    }

    /// A number with an optional sign, as a Float, with its range.
    mutating func unaryNumber(for what: String) throws -> (Float, SourceRange) {
        try ensureCurrent()
        let start = current
        var sign: Float = 1
        if current.kind == .minus || current.kind == .plus {
            if current.kind == .minus { sign = -1 }
            try advance()
        }
        let token = current
        let value: Float
        if token.kind == .number {
            value = try Parser.floatValue(token)
        } else if token.kind == .name && (token.text == "inf" || token.text == "nan") {
            value = token.text == "inf" ? .infinity : .nan
        } else {
            throw LangError("\(what) needs a number, found \(token.quoted)", at: token.range)
        }
        consume()
        return (sign * value, start.range.through(token.range))
    }

    /// A whole number with an optional sign, read exactly from its text.
    mutating func integer(for what: String) throws -> (Int, SourceRange) {
        try ensureCurrent()
        let start = current
        var negative = false
        if current.kind == .minus || current.kind == .plus {
            negative = current.kind == .minus
            try advance()
        }
        let token = current
        guard token.kind == .number else {
            throw LangError("\(what) needs a whole number, found \(token.quoted)", at: token.range)
        }
        let range = start.range.through(token.range)
        guard let magnitude = Int(token.text) else {
            if let float = Double(token.text), float.isFinite, float == float.rounded(.towardZero), abs(float) < 9.0e15 {
                consume()
                return ((negative ? -1 : 1) * Int(float), range)
            }
            throw LangError("\(what) needs a whole number in range, not \(negative ? "-" : "")\(token.text)", at: range)
        }
        consume()
        return (negative ? -magnitude : magnitude, range)
    }

    /// Whole numbers separated by commas: `1,2,4`.
    mutating func integerList(for what: String) throws -> ([Int], SourceRange) {
        let (first, firstRange) = try integer(for: what)
        var values = [first]
        var range = firstRange
        while try match(.comma) {
            let (value, valueRange) = try integer(for: what)
            values.append(value)
            range = range.through(valueRange)
        }
        return (values, range)
    }

    /// Checks `token` is one of `choices` (any word when there are none).
    func checkChoice(_ token: Token, _ choices: [String], what: String) throws {
        guard !choices.isEmpty, !choices.contains(token.text) else { return }
        let suggestion = EditDistance.closest(to: token.text, among: choices).map { "; did you mean `\($0)`?" } ?? ""
        throw LangError("\(what) must be one of \(choices.joined(separator: ", ")), not `\(token.text)`\(suggestion)", at: token.range)
    }
}
