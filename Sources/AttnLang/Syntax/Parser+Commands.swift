import AttnCore

/// Command parsing, driven entirely by the command table's argument grammar.
extension Parser {
    /// Parses `NAME [SUBCOMMAND] args... key=value...` for `spec`; `current` is the name.
    mutating func command(_ spec: CommandSpec) throws -> Statement {
        let nameToken = current
        // Leave the next token unscanned: the first argument may be raw text.
        previous = current
        pending = true
        let subcommand = try subcommand(of: spec)
        let usage = subcommand.map { "`\(spec.name) \($0.keyword)`" } ?? "`\(spec.name)`"
        // After a keyword the form's own arguments and options apply.
        let form = subcommand.flatMap { spec.form($0.keyword) } ?? spec
        let argumentSpecs = form.arguments
        var arguments: [String: [ArgumentValue]] = [:]
        for argument in argumentSpecs {
            var values: [ArgumentValue] = []
            while true {
                if try atArgumentEnd(argument.kind, of: form) {
                    if values.isEmpty && !argument.isOptional {
                        try ensureCurrent()
                        throw LangError("\(usage) needs \(argument.meaning ?? argument.placeholder); usage: \(spec.syntax)", at: current.range)
                    }
                    break
                }
                values += try argumentValues(argument, of: spec, usage: usage)
                if !argument.repeats { break }
            }
            if !values.isEmpty { arguments[argument.placeholder] = values }
        }
        let options = try commandOptions(form, usage: spec.syntax)
        return .command(CommandInvocation(spec: spec, nameRange: nameToken.range, subcommand: subcommand,
                                          arguments: arguments, options: options))
    }

    /// The subcommand keyword after the command name, if the command has
    /// subcommands and one is given; an error when one is needed and missing,
    /// or when a word stands where only a keyword fits.
    private mutating func subcommand(of spec: CommandSpec) throws -> (keyword: String, range: SourceRange)? {
        guard !spec.subcommands.isEmpty else { return nil }
        try ensureCurrent()
        let token = current
        let keywords = spec.subcommands.map(\.keyword)
        let isOption = token.kind == .name && (try? peekToken())?.kind == .equal
        if token.kind == .name, !isOption, spec.subcommand(token.text) != nil {
            consume()
            return (token.text, token.range)
        }
        let choices = keywords.map { "`\($0)`" }.joined(separator: ", ")
        if spec.needsSubcommand {
            if token.kind.endsStatement {
                throw LangError("`\(spec.name)` needs one of \(choices); usage: \(spec.syntax)", at: token.range)
            }
            throw LangError("`\(spec.name)` expects one of \(choices), not \(token.quoted)\(Parser.hintOrUsage(token.text, keywords, spec.syntax))", at: token.range)
        }
        // A name where the command's own first argument cannot be a name (`history ten`).
        if token.kind == .name, !isOption, let first = spec.arguments.first, !first.acceptsNameToken {
            let what = first.meaning ?? first.placeholder
            throw LangError("`\(spec.name)` expects \(what) or \(choices), found \(token.quoted)\(Parser.hintOrUsage(token.text, keywords, spec.syntax))", at: token.range)
        }
        return nil
    }

    /// "; did you mean `save`?" when a keyword is close to `word`, else the usage.
    static func hintOrUsage(_ word: String, _ keywords: [String], _ syntax: String) -> String {
        let hint = EditDistance.hint(for: word, among: keywords)
        return hint.isEmpty ? "; usage: \(syntax)" : hint
    }

    /// True when no more positional values follow: the statement ended, or
    /// `key=` starts the options.
    private mutating func atArgumentEnd(_ kind: ArgumentKind, of spec: CommandSpec) throws -> Bool {
        // Raw arguments are probed in raw mode: `~/x.npy` is not a valid token.
        if kind.isRaw {
            var probe = lexer
            if !pending { probe.rewind(to: current) }
            if case .text = kind { return try probe.restOfStatement() == nil }
            guard let word = try probe.rawWord() else { return true }
            // `as=X` after the words of `tokens`: an option of the command.
            return spec.options.contains { word.kind == .name && word.text.hasPrefix($0.key + "=") }
        }
        try ensureCurrent()
        if current.kind.endsStatement { return true }
        return current.kind == .name && (try? peekToken())?.kind == .equal
    }

    private mutating func commandOptions(_ spec: CommandSpec, usage: String) throws -> [String: OptionValue] {
        var options: [String: OptionValue] = [:]
        try ensureCurrent()
        while !current.kind.endsStatement {
            let key = current
            guard key.kind == .name, (try? peekToken())?.kind == .equal else {
                let known = spec.options.isEmpty ? "" : " or an option"
                throw LangError("unexpected \(key.quoted); expected the end of the statement\(known); usage: \(usage)", at: key.range)
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
        case .name:
            try ensureCurrent()
            let token = current
            guard token.kind == .name else {
                throw LangError("\(what) needs a tensor name, found \(token.quoted)", at: token.range)
            }
            consume()
            return OptionValue(value: .name(token.text), range: token.range)
        case .string:
            guard let token = try rawScan({ try $0.rawWord() }) else {
                throw LangError("\(what) needs a quoted string or a word", at: current.range)
            }
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

extension ArgumentKind {
    /// Scanned in raw mode, as words up to whitespace (or the rest of the
    /// statement) rather than as tokens.
    var isRaw: Bool {
        switch self {
        case .path, .text, .maskSpec, .head, .rawWord: return true
        default: return false
        }
    }
}

extension ArgumentSpec {
    /// Whether a name token can be (the start of) this argument's value.
    var acceptsNameToken: Bool {
        switch kind {
        case .integer, .integerList: return false
        default: return true
        }
    }
}
