/// One statement: an assignment, an index assignment, a bare expression
/// whose value is printed, or a command from the command table.
public enum Statement: Sendable, Equatable {
    /// `NAME = EXPR`
    case assign(name: String, nameRange: SourceRange, value: Expr)
    /// `NAME[INDEX] = EXPR`
    case assignIndex(name: String, nameRange: SourceRange, items: [IndexItem], value: Expr)
    /// A bare `EXPR`: its value is printed.
    case expression(Expr)
    /// A command with its parsed arguments.
    case command(CommandInvocation)
}

/// A statement with the range of all its text (for `record`, `history` and
/// diagnostics) and the source text itself.
public struct ParsedStatement: Sendable, Equatable {
    public var statement: Statement
    public var range: SourceRange
    public var text: String
}
