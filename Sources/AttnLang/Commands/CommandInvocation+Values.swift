/// The values of a parsed command, as handlers need them: a missing or
/// mistyped value is an error, never a quiet success.
///
/// The parser gives every required argument a value, so these errors mean
/// an invocation was built by hand without one; they name the argument and
/// the usage all the same.
extension CommandInvocation {
    /// The value of the required argument `placeholder`.
    public func required(_ placeholder: String) throws -> ArgumentValue {
        guard let value = value(placeholder) else { throw missing(placeholder) }
        return value
    }

    /// Every value of the required, repeating argument `placeholder` (at least one).
    public func requiredValues(_ placeholder: String) throws -> [ArgumentValue] {
        let values = values(placeholder)
        guard !values.isEmpty else { throw missing(placeholder) }
        return values
    }

    /// The required expression argument `placeholder`.
    public func expression(_ placeholder: String) throws -> Expr {
        guard case .expression(let expr) = try required(placeholder) else { throw missing(placeholder) }
        return expr
    }

    /// The required name argument `placeholder`, with its range.
    public func name(_ placeholder: String) throws -> (String, SourceRange) {
        guard case .name(let name, let range) = try required(placeholder) else { throw missing(placeholder) }
        return (name, range)
    }

    /// The required path argument `placeholder` (as written), with its range.
    public func path(_ placeholder: String) throws -> (String, SourceRange) {
        guard case .path(let path, let range) = try required(placeholder) else { throw missing(placeholder) }
        return (path, range)
    }

    /// The required whole-number argument `placeholder`, with its range.
    public func integer(_ placeholder: String) throws -> (Int, SourceRange) {
        guard case .integer(let value, let range) = try required(placeholder) else { throw missing(placeholder) }
        return (value, range)
    }

    /// The required word argument `placeholder`, with its range.
    public func word(_ placeholder: String) throws -> (String, SourceRange) {
        guard case .word(let word, let range) = try required(placeholder) else { throw missing(placeholder) }
        return (word, range)
    }

    /// The error for a required argument without a value of its kind.
    /// The case of `Choice` that the word argument `placeholder` names (the parser has already
    /// checked the word against the argument's choices; a word it let through is still located).
    public func choice<Choice: RawRepresentable & CaseIterable>(_ placeholder: String, of: Choice.Type) throws -> Choice
    where Choice.RawValue == String {
        let (word, range) = try self.word(placeholder)
        guard let choice = Choice(rawValue: word) else {
            let names = Choice.allCases.map(\.rawValue).joined(separator: ", ")
            throw LangError("unknown \(placeholder.lowercased()) `\(word)` (one of \(names))", at: range)
        }
        return choice
    }

    func missing(_ placeholder: String) -> LangError {
        let usage = subcommand.map { "`\(name) \($0.keyword)`" } ?? "`\(name)`"
        return LangError("\(usage) needs \(placeholder); usage: \(spec.syntax)", at: nameRange)
    }
}
