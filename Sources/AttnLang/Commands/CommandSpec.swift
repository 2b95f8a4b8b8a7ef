/// One entry of the command table: a command's name, what it does, the
/// grammar of its arguments, and the code that runs it.
///
/// The same table drives parsing (`Parser` reads `arguments` and `options`),
/// `help` (name, syntax, summary, example) and tab completion (names, option
/// keys, where a path is expected), so they cannot drift apart. A later file
/// adds commands with an `extension CommandSpec { static let attention: [CommandSpec] }`
/// and lists it in `CommandSpec.all`; the parser needs no change.
public struct CommandSpec: Sendable {
    /// Runs a parsed command against the interpreter (which holds a copy of
    /// the session state; the copy is kept only if this returns normally).
    public typealias Handler = @Sendable (inout Interpreter, CommandInvocation) throws -> Void

    public let name: String
    /// Groups commands in `help`: "workspace", "attention", "session", ...
    public let group: String
    /// How the command is written: `show EXPR [precision=N]`.
    public let syntax: String
    public let summary: String
    public let example: String
    /// Positional arguments, in order.
    public let arguments: [ArgumentSpec]
    /// `key=value` options accepted after the positional arguments.
    public let options: [OptionSpec]
    public let run: Handler

    public init(name: String, group: String, syntax: String, summary: String, example: String,
                arguments: [ArgumentSpec] = [], options: [OptionSpec] = [], run: @escaping Handler) {
        self.name = name
        self.group = group
        self.syntax = syntax
        self.summary = summary
        self.example = example
        self.arguments = arguments
        self.options = options
        self.run = run
    }

    /// Every command the language knows, in help order.
    public static let all: [CommandSpec] = workspace + attention + analysis + model + training + session + screen

    /// The command called `name`, if any.
    public static func named(_ name: String) -> CommandSpec? {
        all.first { $0.name == name }
    }
}

/// One positional argument of a command.
public struct ArgumentSpec: Sendable {
    /// The placeholder shown in syntax and errors: `EXPR`, `NAME`, `PATH`.
    public let placeholder: String
    public let kind: ArgumentKind
    public let isOptional: Bool
    /// Takes one or more values (`del NAME...`); with `isOptional`, zero or more.
    public let repeats: Bool

    public init(_ placeholder: String, _ kind: ArgumentKind, optional: Bool = false, repeats: Bool = false) {
        self.placeholder = placeholder
        self.kind = kind
        self.isOptional = optional
        self.repeats = repeats
    }
}

/// What a positional argument is made of.
public enum ArgumentKind: Sendable {
    /// An expression of the language.
    case expression
    /// A name (of a tensor, layer, or anything named).
    case name
    /// A file path: a raw word up to whitespace, or a quoted string; `~` expands to $HOME.
    case path
    /// A whole number, possibly negative.
    case integer
    /// A word; when `choices` is not empty it must be one of them.
    case word(choices: [String])
    /// Whole numbers separated by commas: `1,2,4`.
    case integerList
    /// The rest of the statement, exactly as written.
    case text
}

/// One `key=value` option of a command.
public struct OptionSpec: Sendable {
    public let key: String
    public let kind: OptionKind
    public let summary: String

    public init(_ key: String, _ kind: OptionKind, _ summary: String = "") {
        self.key = key
        self.kind = kind
        self.summary = summary
    }
}

/// What the value of an option is made of.
public enum OptionKind: Sendable {
    case number
    case integer
    /// A word; when `choices` is not empty it must be one of them.
    case word(choices: [String])
    case boolean
    case integerList
    case expression
    /// A byte size: `512M`, `2G`, `4096`.
    case size
}

/// A parsed command: which one, and the values of its arguments and options.
public struct CommandInvocation: Sendable, Equatable {
    public var name: String
    public var nameRange: SourceRange
    /// Values of positional arguments, keyed by placeholder (a repeating
    /// argument has several).
    public var arguments: [String: [ArgumentValue]]
    /// Options given, keyed by key.
    public var options: [String: OptionValue]

    /// The values of the argument with `placeholder`.
    public func values(_ placeholder: String) -> [ArgumentValue] { arguments[placeholder] ?? [] }

    /// The single value of the argument with `placeholder`, if given.
    public func value(_ placeholder: String) -> ArgumentValue? { arguments[placeholder]?.first }
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

    public var range: SourceRange {
        switch self {
        case .expression(let e): return e.range
        case .name(_, let r), .path(_, let r), .integer(_, let r), .word(_, let r),
             .integerList(_, let r), .text(_, let r):
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
    }
    public var value: Kind
    public var range: SourceRange
}
