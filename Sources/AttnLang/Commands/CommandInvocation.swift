import AttnCore

/// A parsed command: the table entry it resolved to, and the values of its
/// arguments and options.
///
/// The parser resolves the command once and keeps its `spec` here, so the
/// interpreter runs `spec.run` without looking the name up again.
public struct CommandInvocation: Sendable, Equatable {
    public let spec: CommandSpec
    public var nameRange: SourceRange
    /// The keyword of the subcommand given (`model run` → `run`), with its range.
    public var subcommand: (keyword: String, range: SourceRange)?
    /// Values of positional arguments, keyed by placeholder (a repeating
    /// argument has several).
    public var arguments: [String: [ArgumentValue]]
    /// Options given, keyed by key.
    public var options: [String: OptionValue]

    public init(spec: CommandSpec, nameRange: SourceRange, subcommand: (keyword: String, range: SourceRange)? = nil,
                arguments: [String: [ArgumentValue]] = [:], options: [String: OptionValue] = [:]) {
        self.spec = spec
        self.nameRange = nameRange
        self.subcommand = subcommand
        self.arguments = arguments
        self.options = options
    }

    /// The command's name.
    public var name: String { spec.name }

    /// The values of the argument with `placeholder`.
    public func values(_ placeholder: String) -> [ArgumentValue] { arguments[placeholder] ?? [] }

    /// The single value of the argument with `placeholder`, if given.
    public func value(_ placeholder: String) -> ArgumentValue? { arguments[placeholder]?.first }

    // Two invocations are equal when they name the same command with the same values
    // (a table holds one command per name; the handler is not comparable).
    public static func == (lhs: CommandInvocation, rhs: CommandInvocation) -> Bool {
        lhs.spec.name == rhs.spec.name && lhs.nameRange == rhs.nameRange
            && lhs.subcommand?.keyword == rhs.subcommand?.keyword && lhs.subcommand?.range == rhs.subcommand?.range
            && lhs.arguments == rhs.arguments && lhs.options == rhs.options
    }
}

/// The value of one positional argument.
public enum ArgumentValue: Sendable, Equatable {
    case expression(Expr)
    case name(String, SourceRange)
    case path(String, SourceRange)
    case integer(Int, SourceRange)
    case word(String, SourceRange)
    case integerList([Int], SourceRange)
    case text(String, SourceRange)
    /// One mask spec, with the range of its words (`window 2`).
    case mask(MaskSpec, SourceRange)

    public var range: SourceRange {
        switch self {
        case .expression(let e): return e.range
        case .name(_, let r), .path(_, let r), .integer(_, let r), .word(_, let r),
             .integerList(_, let r), .text(_, let r), .mask(_, let r):
            return r
        }
    }

    /// The text of a name, path, word or free text.
    public var string: String? {
        switch self {
        case .name(let s, _), .path(let s, _), .word(let s, _), .text(let s, _): return s
        default: return nil
        }
    }
}

/// The value of one option, with the range of the value.
public struct OptionValue: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case number(Float)
        case integer(Int)
        case word(String)
        case boolean(Bool)
        case integerList([Int])
        case expression(Expr)
        case size(Int)
        case name(String)
    }
    public var value: Kind
    public var range: SourceRange
}
