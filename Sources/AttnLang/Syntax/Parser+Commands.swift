import AttnCore

/// Command parsing, driven entirely by the command table's argument grammar.
extension Parser {
    /// Parses `NAME args... key=value...` for `spec`; `current` is the name.
    mutating func command(_ spec: CommandSpec) throws -> Statement {
        let nameToken = current
        // Leave the next token unscanned: the first argument may be raw text.
        previous = current
        pending = true
        var arguments: [String: [ArgumentValue]] = [:]
        for argument in spec.arguments {
            var values: [ArgumentValue] = []
            while true {
                if try atArgumentEnd(argument.kind) {
                    if values.isEmpty && !argument.isOptional {
                        try ensureCurrent()
                        throw LangError("`\(spec.name)` needs \(argument.placeholder); usage: \(spec.syntax)", at: current.range)
                    }
                    break
                }
                values.append(try argumentValue(argument, of: spec))
                if !argument.repeats { break }
            }
            if !values.isEmpty { arguments[argument.placeholder] = values }
        }
        let options = try commandOptions(spec)
        return .command(CommandInvocation(name: spec.name, nameRange: nameToken.range, arguments: arguments, options: options))
    }

    /// True when no more positional values follow: the statement ended, or
    /// `key=` starts the options.
    private mutating func atArgumentEnd(_ kind: ArgumentKind) throws -> Bool {
        // Raw arguments are probed in raw mode: `~/x.npy` is not a valid token.
        switch kind {
        case .text, .path:
            var probe = lexer
            if !pending { probe.rewind(to: current) }
            if case .text = kind { return try probe.restOfStatement() == nil }
            return try probe.rawWord() == nil
        default:
            break
        }
        try ensureCurrent()
        if current.kind.endsStatement { return true }
        return current.kind == .name && (try? peekToken())?.kind == .equal
    }

    private mutating func argumentValue(_ argument: ArgumentSpec, of spec: CommandSpec) throws -> ArgumentValue {
        switch argument.kind {
        case .expression:
            try ensureCurrent()
            return .expression(try expression())
        case .name:
            try ensureCurrent()
            guard current.kind == .name else {
                throw LangError("`\(spec.name)` expects \(argument.placeholder) (a name), found \(current.quoted); usage: \(spec.syntax)", at: current.range)
            }
            let token = current
            consume()
            return .name(token.text, token.range)
        case .path:
            guard let token = try rawScan({ try $0.rawWord() }) else {
                throw LangError("`\(spec.name)` needs \(argument.placeholder)", at: current.range)
            }
            return .path(token.text, token.range)
        case .text:
            guard let token = try rawScan({ try $0.restOfStatement() }) else {
                throw LangError("`\(spec.name)` needs \(argument.placeholder)", at: current.range)
            }
            return .text(token.text, token.range)
        case .integer:
            let (value, range) = try integer(for: "`\(spec.name)`")
            return .integer(value, range)
        case .word(let choices):
            try ensureCurrent()
            let token = current
            guard token.kind == .name || token.kind == .number else {
                throw LangError("`\(spec.name)` expects \(argument.placeholder), found \(token.quoted); usage: \(spec.syntax)", at: token.range)
            }
            try checkChoice(token, choices, what: argument.placeholder)
            consume()
            return .word(token.text, token.range)
        case .integerList:
            let (list, range) = try integerList(for: "`\(spec.name)`")
            return .integerList(list, range)
        }
    }

    private mutating func commandOptions(_ spec: CommandSpec) throws -> [String: OptionValue] {
        var options: [String: OptionValue] = [:]
        try ensureCurrent()
        while !current.kind.endsStatement {
            let key = current
            guard key.kind == .name, (try? peekToken())?.kind == .equal else {
                let known = spec.options.isEmpty ? "" : " or an option"
                throw LangError("unexpected \(key.quoted); expected the end of the statement\(known); usage: \(spec.syntax)", at: key.range)
            }
            guard let option = spec.options.first(where: { $0.key == key.text }) else {
                let suggestion = EditDistance.closest(to: key.text, among: spec.options.map(\.key))
                let hint = suggestion.map { "; did you mean `\($0)=`?" }
                    ?? (spec.options.isEmpty ? "; it takes no options" : "; options: " + spec.options.map { "\($0.key)=" }.joined(separator: " "))
                throw LangError("`\(spec.name)` has no option `\(key.text)`\(hint)", at: key.range)
            }
            guard options[key.text] == nil else {
                throw LangError("option `\(key.text)` is given twice", at: key.range)
            }
            try advance()
            // `current` is `=`; the value may need a raw scan (sizes).
            previous = current
            pending = true
            options[key.text] = try optionValue(option)
            try ensureCurrent()
        }
        return options
    }

    private mutating func optionValue(_ option: OptionSpec) throws -> OptionValue {
        let what = "`\(option.key)=`"
        switch option.kind {
        case .number:
            try ensureCurrent()
            let expr = try unaryNumber(for: what)
            return OptionValue(value: .number(expr.0), range: expr.1)
        case .integer:
            let (value, range) = try integer(for: what)
            return OptionValue(value: .integer(value), range: range)
        case .integerList:
            let (list, range) = try integerList(for: what)
            return OptionValue(value: .integerList(list), range: range)
        case .expression:
            try ensureCurrent()
            let expr = try expression()
            return OptionValue(value: .expression(expr), range: expr.range)
        case .word(let choices):
            try ensureCurrent()
            let token = current
            guard token.kind == .name || token.kind == .number else {
                throw LangError("\(what) needs a word, found \(token.quoted)", at: token.range)
            }
            try checkChoice(token, choices, what: what)
            consume()
            return OptionValue(value: .word(token.text), range: token.range)
        case .boolean:
            try ensureCurrent()
            let token = current
            guard token.text == "true" || token.text == "false" else {
                throw LangError("\(what) needs true or false, found \(token.quoted)", at: token.range)
            }
            consume()
            return OptionValue(value: .boolean(token.text == "true"), range: token.range)
        case .size:
            guard let token = try rawScan({ try $0.rawWord() }) else {
                throw LangError("\(what) needs a size such as 512M or 2G", at: current.range)
            }
            guard let bytes = MemoryLimit.parseSize(token.text) else {
                throw LangError("`\(token.text)` is not a size; write a number with an optional unit, e.g. 512M or 2G", at: token.range)
            }
            return OptionValue(value: .size(bytes), range: token.range)
        }
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
