import AttnCore

/// The arguments of one call of a built-in function, with accessors that
/// check them and word errors the same way for every function.
///
/// Positional arguments are evaluated before the body runs; keyword
/// arguments are evaluated on request (so `keepdim=true` can be a word).
public struct FunctionCall {
    public let spec: FunctionSpec
    /// The range of the function name.
    public let range: SourceRange
    public let positional: [(expr: Expr, value: Tensor)]
    public let keywords: [String: Argument]

    /// Fails unless the number of positional arguments is in `allowed`.
    public func expectCount(_ allowed: ClosedRange<Int>) throws {
        guard !allowed.contains(positional.count) else { return }
        let wanted = allowed.lowerBound == allowed.upperBound ? "\(allowed.lowerBound)"
            : allowed.upperBound == Int.max ? "at least \(allowed.lowerBound)"
            : "\(allowed.lowerBound) to \(allowed.upperBound)"
        let noun = allowed.upperBound == 1 ? "argument" : "arguments"
        throw LangError("`\(spec.name)` takes \(wanted) \(noun), got \(positional.count); usage: \(spec.signature)", at: range)
    }

    /// The `i`th positional tensor.
    public func tensor(_ i: Int) throws -> Tensor {
        guard i < positional.count else {
            throw LangError("`\(spec.name)` is missing an argument; usage: \(spec.signature)", at: range)
        }
        return positional[i].value
    }

    /// The `i`th positional argument as a single number.
    public func number(_ i: Int, what: String) throws -> Float {
        let value = try tensor(i)
        guard value.rank == 0 else {
            throw LangError("\(what) of `\(spec.name)` must be a single number, not a tensor of shape \(Tensor.describe(value.shape))", at: positional[i].expr.range)
        }
        return value.scalars[0]
    }

    /// The `i`th positional argument as a whole number.
    public func integer(_ i: Int, what: String) throws -> Int {
        let value = try number(i, what: what)
        return try Interpreter.wholeNumber(value, what: "\(what) of `\(spec.name)`", at: positional[i].expr.range,
                                           literal: positional[i].expr)
    }

    /// A shape given from argument `i` on, either as whole numbers
    /// (`zeros(2, 3)`) or as one list (`zeros([2, 3])`).
    public func shape(from i: Int) throws -> [Int] {
        if positional.count == i + 1, positional[i].value.rank == 1 {
            let expr = positional[i].expr
            let scalars = positional[i].value.scalars
            var written: [Expr] = []
            if case .list(let elements, _) = expr, elements.count == scalars.count { written = elements }
            return try scalars.indices.map { k in
                try Interpreter.wholeNumber(scalars[k], what: "an extent of the shape", at: expr.range,
                                            literal: written.isEmpty ? nil : written[k])
            }
        }
        guard positional.count > i else {
            throw LangError("`\(spec.name)` needs a shape; usage: \(spec.signature)", at: range)
        }
        return try (i..<positional.count).map { try integer($0, what: "an extent of the shape") }
    }

    /// Whether keyword `key` was given.
    public func has(_ key: String) -> Bool { keywords[key] != nil }

    /// Keyword `key` as a whole number, or nil when absent.
    public func keywordInteger(_ key: String, in interpreter: inout Interpreter) throws -> Int? {
        guard let argument = keywords[key] else { return nil }
        let value = try interpreter.evaluate(argument.value)
        guard value.rank == 0 else {
            throw LangError("`\(key)=` must be a single whole number", at: argument.value.range)
        }
        return try Interpreter.wholeNumber(value.scalars[0], what: "`\(key)=`", at: argument.value.range, literal: argument.value)
    }

    /// Keyword `key` as a seed (a non-negative whole number, read exactly from a literal).
    public func keywordSeed(_ key: String, in interpreter: inout Interpreter) throws -> UInt64? {
        guard let argument = keywords[key] else { return nil }
        if case .number(_, let text, _) = argument.value, let exact = UInt64(text) { return exact }
        guard let value = try keywordInteger(key, in: &interpreter) else { return nil }
        guard value >= 0 else {
            throw LangError("`\(key)=` must not be negative", at: argument.value.range)
        }
        return UInt64(value)
    }

    /// Keyword `key` as a flag: `true`, `false`, or a number (non-zero is true).
    public func keywordFlag(_ key: String, in interpreter: inout Interpreter) throws -> Bool {
        guard let argument = keywords[key] else { return false }
        if case .name(let word, _) = argument.value, word == "true" || word == "false" {
            return word == "true"
        }
        let value = try interpreter.evaluate(argument.value)
        guard value.rank == 0 else {
            throw LangError("`\(key)=` must be true or false", at: argument.value.range)
        }
        return value.scalars[0] != 0
    }

    /// The range of keyword `key`'s value, or of the call.
    public func rangeOf(_ key: String) -> SourceRange {
        keywords[key]?.value.range ?? range
    }
}
