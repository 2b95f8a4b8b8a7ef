/// Expression parsing: one method per precedence level, lowest first.
extension Parser {
    /// Parses an expression (the lowest level: comparison).
    mutating func expression() throws -> Expr {
        try enterNesting()
        defer { depth -= 1 }
        return try comparison()
    }

    private mutating func enterNesting() throws {
        depth += 1
        if depth > Parser.maxDepth {
            try ensureCurrent()
            throw LangError("expression nests deeper than \(Parser.maxDepth) levels", at: current.range)
        }
    }

    /// `a < b`; chains such as `a < b < c` are an error.
    private mutating func comparison() throws -> Expr {
        let left = try additive()
        guard let op = comparisonOperator(current.kind) else { return left }
        let opToken = current
        try advance()
        let right = try additive()
        if comparisonOperator(current.kind) != nil {
            throw LangError("comparisons cannot be chained; use parentheses, e.g. `(a < b) * (b < c)`", at: current.range)
        }
        return .binary(op, left, right, opToken.range)
    }

    private func comparisonOperator(_ kind: TokenKind) -> BinaryOperator? {
        switch kind {
        case .less: .less
        case .lessEqual: .lessEqual
        case .greater: .greater
        case .greaterEqual: .greaterEqual
        case .equalEqual: .equal
        case .bangEqual: .notEqual
        default: nil
        }
    }

    /// `a + b`, `a - b`, left-associative.
    private mutating func additive() throws -> Expr {
        var left = try multiplicative()
        // Each operator in a chain deepens the tree by one level; count it so
        // that evaluating (and freeing) the tree cannot overflow the stack.
        let entryDepth = depth
        defer { depth = entryDepth }
        while current.kind == .plus || current.kind == .minus {
            try enterNesting()
            let op: BinaryOperator = current.kind == .plus ? .add : .subtract
            let opToken = current
            try advance()
            left = .binary(op, left, try multiplicative(), opToken.range)
        }
        return left
    }

    /// `a * b`, `a / b`, `a @ b`, left-associative.
    private mutating func multiplicative() throws -> Expr {
        var left = try unary()
        let entryDepth = depth
        defer { depth = entryDepth }
        while true {
            let op: BinaryOperator
            switch current.kind {
            case .star: op = .multiply
            case .slash: op = .divide
            case .at: op = .matmul
            default: return left
            }
            try enterNesting()
            let opToken = current
            try advance()
            left = .binary(op, left, try unary(), opToken.range)
        }
    }

    /// Prefix `-x`, `+x`.
    private mutating func unary() throws -> Expr {
        try ensureCurrent()
        guard current.kind == .minus || current.kind == .plus else { return try power() }
        let opToken = current
        try enterNesting()
        defer { depth -= 1 }
        try advance()
        let operand = try unary()
        return .unary(opToken.kind == .minus ? .negate : .plus, operand, opToken.range)
    }

    /// `a ** b`, right-associative; the exponent may carry a sign (`2**-1`).
    private mutating func power() throws -> Expr {
        let base = try postfix()
        guard current.kind == .starStar else { return base }
        let opToken = current
        try advance()
        try enterNesting()
        defer { depth -= 1 }
        return .binary(.power, base, try unary(), opToken.range)
    }

    /// Calls `f(...)`, indexing `x[...]` and `.T` after a primary.
    private mutating func postfix() throws -> Expr {
        var expr = try primary()
        let entryDepth = depth
        defer { depth = entryDepth }
        while true {
            if [.leftParen, .leftBracket, .dot].contains(current.kind) { try enterNesting() }
            switch current.kind {
            case .leftParen:
                guard case .name(let name, let range) = expr else {
                    throw LangError("only a function name can be called", at: current.range)
                }
                try advance()
                expr = .call(name, try callArguments(), range)
            case .leftBracket:
                let open = current
                try advance()
                let items = try indexItems()
                expr = .index(expr, items, open.range.through(previous.range))
            case .dot:
                let dot = current
                let afterName = previous.kind == .name
                try advance()
                guard current.kind == .name, current.text == "T" else {
                    if afterName, case .name(let name, _) = expr {
                        // `a.b.` or `a.b.0`: the dot ends a name instead of joining two parts.
                        throw LangError("`\(name).` is not a name: a `.` in a name must be followed by a letter or `_`", at: dot.range.through(current.range))
                    }
                    throw LangError("only `.T` (transpose) may follow `)` or `]`, not \(current.kind == .end || current.kind == .newline ? "the end of the statement" : current.quoted)", at: dot.range.through(current.range))
                }
                try advance()
                expr = .transpose(expr, dot.range.through(previous.range))
            default:
                return expr
            }
        }
    }

    /// Numbers, names, `(expr)`, `[list]`.
    private mutating func primary() throws -> Expr {
        try ensureCurrent()
        let token = current
        switch token.kind {
        case .number:
            try advance()
            return .number(try Parser.floatValue(token), text: token.text, token.range)
        case .name:
            try advance()
            if token.text == "inf" { return .number(.infinity, text: token.text, token.range) }
            if token.text == "nan" { return .number(.nan, text: token.text, token.range) }
            // `x.T.T…` lexes as one dotted name; each `.T` counts as a level.
            if Parser.trailingTransposes(token.text) > Parser.maxDepth {
                throw LangError("`.T` is repeated more than \(Parser.maxDepth) times (expression nests deeper than \(Parser.maxDepth) levels)", at: token.range)
            }
            return .name(token.text, token.range)
        case .leftParen:
            try advance()
            let inner = try expression()
            try expect(.rightParen, "`)`")
            return inner
        case .leftBracket:
            try advance()
            var elements: [Expr] = []
            while current.kind != .rightBracket {
                elements.append(try expression())
                guard try match(.comma) else { break }
            }
            try expect(.rightBracket, "`,` or `]` in the list")
            return .list(elements, token.range.through(previous.range))
        default:
            throw LangError("expected an expression, found \(token.quoted)", at: token.range)
        }
    }

    /// How many `.T` end a dotted name (`x.T.T` has 2), counted in one pass.
    static func trailingTransposes(_ name: String) -> Int {
        var count = 0
        var bytes = name.utf8[...]
        while bytes.count > 2, bytes.last == UInt8(ascii: "T"), bytes.dropLast().last == UInt8(ascii: ".") {
            bytes = bytes.dropLast(2)
            count += 1
        }
        return count
    }

    /// The value of a number token, or an error when float32 cannot hold it.
    static func floatValue(_ token: Token) throws -> Float {
        guard let wide = Double(token.text), let value = Float(token.text) else {
            throw LangError("`\(token.text)` is not a number", at: token.range)
        }
        // Double catches 1e999 (infinite) and 1e39 (finite in Double, not in Float).
        guard wide.isFinite, value.isFinite else {
            throw LangError("number \(token.text) is too large for float32", at: token.range)
        }
        return value
    }

    /// Arguments after `(`: positional, then `key=value`; consumes `)`.
    private mutating func callArguments() throws -> [Argument] {
        var arguments: [Argument] = []
        while current.kind != .rightParen {
            if current.kind == .name, try peekToken().kind == .equal {
                let label = current
                try advance()
                try advance()
                arguments.append(Argument(label: label.text, labelRange: label.range, value: try expression()))
            } else {
                let value = try expression()
                if arguments.contains(where: { $0.label != nil }) {
                    throw LangError("a positional argument cannot follow a keyword argument", at: value.range)
                }
                arguments.append(Argument(value: value))
            }
            guard try match(.comma) else { break }
        }
        try expect(.rightParen, "`,` or `)` in the call")
        return arguments
    }

    /// Index items after `[`: `i`, `a:b`, `a:b:s`, `:`; consumes `]`.
    mutating func indexItems() throws -> [IndexItem] {
        var items: [IndexItem] = []
        if current.kind == .rightBracket {
            throw LangError("an index needs at least one item, e.g. `x[0]` or `x[:, 1]`", at: current.range)
        }
        while true {
            items.append(try indexItem())
            guard try match(.comma) else { break }
        }
        try expect(.rightBracket, "`,` or `]` in the index")
        return items
    }

    private mutating func indexItem() throws -> IndexItem {
        let first = current
        let start: Expr? = current.kind == .colon ? nil : try expression()
        guard current.kind == .colon else {
            // `start` is non-nil here: a missing start means the item began with `:`.
            guard let start else { throw LangError("expected an index", at: first.range) }
            return .at(start)
        }
        try advance()
        let ends: [TokenKind] = [.colon, .comma, .rightBracket]
        let stop: Expr? = ends.contains(current.kind) ? nil : try expression()
        var step: Expr?
        if try match(.colon) {
            step = [.comma, .rightBracket].contains(current.kind) ? nil : try expression()
        }
        return .slice(start: start, stop: stop, step: step, first.range.through(previous.range))
    }
}
