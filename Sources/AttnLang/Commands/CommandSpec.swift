/// One entry of the command table: a command's name, what it does, the
/// grammar of its arguments, and the code that runs it.
///
/// The same table drives parsing (`Parser` reads `arguments`, `options` and
/// `subcommands`), `help` (the syntax line is generated from them by
/// `CommandSyntax`), tab completion and "did you mean" (each argument's
/// `ArgumentKind` says which words fit), so they cannot drift apart. A later
/// file adds commands with an `extension CommandSpec { static let attention: [CommandSpec] }`
/// and lists it in `CommandSpec.all`; the parser needs no change.
public struct CommandSpec: Sendable {
    /// Runs a parsed command against the interpreter (which holds a copy of
    /// the session state; the copy is kept only if this returns normally).
    public typealias Handler = @Sendable (inout Interpreter, CommandInvocation) throws -> Void

    public let name: String
    /// Groups commands in `help`: "workspace", "attention", "session", ...
    public let group: String
    public let summary: String
    public let example: String
    /// Positional arguments, in order.
    public let arguments: [ArgumentSpec]
    /// `key=value` options accepted after the positional arguments.
    public let options: [OptionSpec]
    /// Forms led by a keyword (`model load [DIR]`, `history save PATH`). A
    /// command with subcommands and no arguments of its own needs one.
    public let subcommands: [SubcommandSpec]
    /// False when the syntax line sums the options up as `KEY=VALUE...`
    /// (`set`, which takes every setting of a layer) instead of listing each.
    public let listsOptions: Bool
    public let run: Handler

    public init(name: String, group: String, summary: String, example: String,
                arguments: [ArgumentSpec] = [], options: [OptionSpec] = [], subcommands: [SubcommandSpec] = [],
                listsOptions: Bool = true, run: @escaping Handler) {
        self.name = name
        self.group = group
        self.summary = summary
        self.example = example
        self.arguments = arguments
        self.options = options
        self.subcommands = subcommands
        self.listsOptions = listsOptions
        self.run = run
    }

    /// How the command is written, generated from its arguments and options:
    /// `show EXPR [precision=N]`.
    public var syntax: String { CommandSyntax.line(self) }

    /// Whether the command cannot be given without one of its subcommands.
    public var needsSubcommand: Bool { !subcommands.isEmpty && arguments.isEmpty && options.isEmpty }

    /// The subcommand led by `keyword`, if any.
    public func subcommand(_ keyword: String) -> SubcommandSpec? {
        subcommands.first { $0.keyword == keyword }
    }

    /// The form led by `keyword` as a command of its own (`model new`), with
    /// the subcommand's arguments and options: what the parser reads after
    /// the keyword. Nil when there is no such subcommand.
    public func form(_ keyword: String) -> CommandSpec? {
        guard let subcommand = subcommand(keyword) else { return nil }
        return CommandSpec(name: "\(name) \(keyword)", group: group, summary: summary, example: example,
                           arguments: subcommand.arguments, options: subcommand.options + options, run: run)
    }

    /// Every command the language knows, in help order.
    public static let all: [CommandSpec] = workspace + attention + analysis + model + training + session + lesson + screen

    /// The command called `name`, if any.
    public static func named(_ name: String) -> CommandSpec? {
        all.first { $0.name == name }
    }
}

/// One form of a command led by a keyword: `model run TEXT`, `history save PATH`.
public struct SubcommandSpec: Sendable {
    public let keyword: String
    /// Positional arguments after the keyword, in order.
    public let arguments: [ArgumentSpec]
    /// `key=value` options of this form alone (`model new ... layers=L`).
    public let options: [OptionSpec]

    public init(_ keyword: String, _ arguments: [ArgumentSpec] = [], options: [OptionSpec] = []) {
        self.keyword = keyword
        self.arguments = arguments
        self.options = options
    }
}
