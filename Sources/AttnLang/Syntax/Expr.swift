/// An expression of the attnsh language, with the source range of each node.
public indirect enum Expr: Sendable, Equatable {
    /// A number literal; `text` is kept so integer arguments can be read exactly.
    case number(Float, text: String, SourceRange)
    /// A workspace name (`x`, `attn.P`); a trailing `.T` on a name that is
    /// not itself defined means the transpose of the rest, resolved when run.
    case name(String, SourceRange)
    /// `[a, b, ...]`, numpy style: rank-0 elements or equal-shaped tensors.
    case list([Expr], SourceRange)
    /// `-x` or `+x`.
    case unary(UnaryOperator, Expr, SourceRange)
    /// `a + b`, `a @ b`, `a < b`, ...; the range is the operator's.
    case binary(BinaryOperator, Expr, Expr, SourceRange)
    /// `f(a, b, key=v)`; the range is the function name's.
    case call(String, [Argument], SourceRange)
    /// `x[i, a:b, :]`; the range covers the brackets.
    case index(Expr, [IndexItem], SourceRange)
    /// Postfix `.T`: swap the last two axes.
    case transpose(Expr, SourceRange)

    /// Where the node is in the source.
    public var range: SourceRange {
        switch self {
        case .number(_, _, let r), .name(_, let r), .list(_, let r), .unary(_, _, let r),
             .binary(_, _, _, let r), .call(_, _, let r), .index(_, _, let r), .transpose(_, let r):
            return r
        }
    }
}

/// A prefix operator.
public enum UnaryOperator: String, Sendable, Equatable {
    case negate = "-"
    case plus = "+"
}

/// An infix operator and the symbol it is written with.
public enum BinaryOperator: String, Sendable, Equatable, CaseIterable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", matmul = "@", power = "**"
    case less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">=", equal = "==", notEqual = "!="

    var isComparison: Bool {
        switch self {
        case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual: true
        default: false
        }
    }
}

/// One argument of a call: positional (`label` nil) or keyword (`dim=-1`).
public struct Argument: Sendable, Equatable {
    public var label: String?
    public var labelRange: SourceRange?
    public var value: Expr

    public init(label: String? = nil, labelRange: SourceRange? = nil, value: Expr) {
        self.label = label
        self.labelRange = labelRange
        self.value = value
    }
}

/// One item inside `x[...]`: a position, or a `start:stop:step` slice whose
/// parts may be missing (`:` is all three missing).
public enum IndexItem: Sendable, Equatable {
    case at(Expr)
    case slice(start: Expr?, stop: Expr?, step: Expr?, SourceRange)
}
