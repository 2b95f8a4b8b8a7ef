/// The syntax line of a command, generated from its table entry so that
/// `help` always says what the parser accepts.
///
/// Each form is the name, then the arguments, then the options:
///
///     NAME              a required argument
///     [NAME]            an optional one
///     NAME...           one or more (`[NAME...]`: zero or more)
///     PATH|off          a value or a keyword written in its place
///     a|b|c             one of the choices of an enumerated keyword
///     key=VALUE         a required option; [key=VALUE] an optional one
///     KEY=VALUE...      the options summed up (`set`)
///
/// A command with subcommands shows one form per subcommand, joined by ` | `:
/// `history [N] | history save PATH`.
public enum CommandSyntax {
    /// The whole syntax line of `spec`.
    public static func line(_ spec: CommandSpec) -> String {
        var forms: [String] = []
        if !spec.needsSubcommand {
            var words = [spec.name] + spec.arguments.map(argument)
            if spec.listsOptions {
                words += spec.options.map(option)
            } else if !spec.options.isEmpty {
                words.append("KEY=VALUE...")
            }
            forms.append(words.joined(separator: " "))
        }
        for subcommand in spec.subcommands {
            forms.append(([spec.name, subcommand.keyword] + subcommand.arguments.map(argument)
                          + subcommand.options.map(option)).joined(separator: " "))
        }
        return forms.joined(separator: " | ")
    }

    /// One positional argument: `EXPR`, `[K]`, `NAME...`, `H...|none`, `svg|csv`.
    public static func argument(_ argument: ArgumentSpec) -> String {
        var text: String
        if case .word(let choices) = argument.kind, !choices.isEmpty {
            text = choices.joined(separator: "|")
        } else {
            text = argument.placeholder
        }
        if argument.repeats { text += "..." }
        text += argument.keywords.map { "|" + $0 }.joined()
        return argument.isOptional ? "[\(text)]" : text
    }

    /// One option: `d_model=D`, `[precision=N]`, `[bias=true|false]`.
    public static func option(_ option: OptionSpec) -> String {
        let text = "\(option.key)=\(option.placeholder)"
        return option.isRequired ? text : "[\(text)]"
    }
}
