/// A span of source text: the 1-based line and column (counting Characters)
/// where it starts, and its length in Characters.
///
/// A statement continued with `\` keeps the positions of its original lines,
/// so a range may start on a later line than the statement does.
public struct SourceRange: Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var length: Int

    public init(line: Int, column: Int, length: Int) {
        self.line = line
        self.column = column
        self.length = max(length, 0)
    }

    /// The range that starts where `self` starts and ends where `other` ends
    /// (on one line; across lines the length is kept as `self`'s).
    public func through(_ other: SourceRange) -> SourceRange {
        guard other.line == line else { return self }
        return SourceRange(line: line, column: column, length: other.column + other.length - column)
    }

    public var description: String { "\(line):\(column)" }
}

/// A failure found while lexing, parsing or running a statement, located in
/// the source. The session turns it into a `Diagnostic`.
public struct LangError: Error, Equatable, Sendable {
    public var message: String
    public var range: SourceRange

    public init(_ message: String, at range: SourceRange) {
        self.message = message
        self.range = range
    }
}
