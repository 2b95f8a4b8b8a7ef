import ArgumentParser
import AttnCore

/// The `attnsh` command line: run a script, or the interactive shell (docs/reference.md §1).
// Property wrappers are spelled `ArgumentParser.Argument`: AttnLang has a type named `Argument` too.
struct AttnshCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attnsh",
        abstract: "A shell for experimenting with and teaching multi-head attention.",
        discussion: """
            Without FILE: the interactive shell when standard input and output are terminals, \
            otherwise standard input runs as a script named <stdin>. ~/.attnshrc runs before an \
            interactive session. History is kept in $XDG_STATE_HOME/attnsh/history when \
            XDG_STATE_HOME is set, else in ~/.attnsh_history. A terminal curses cannot drive \
            (TERM unknown or unset) gets the plain shell; without a UTF-8 locale the drawing is \
            ASCII, as with --ascii.

            Exit status: 0 when every statement succeeded; 1 after a failing statement, an \
            unreadable FILE or a failed write to standard output or error; 130 when Ctrl-C \
            cancelled a script's statement (a second Ctrl-C ends it at once); 64 for a bad \
            command line.

            Also: `attnsh replay FILE [--delay SECONDS]` presents a script one statement at a \
            time (classroom replay; it takes the flags above, before or after `replay`), and \
            `attnsh bench --seq T --d-model D --heads H ...` times the forward pass; each takes \
            --help. Inside the shell, `help` lists every command.
            """,
        version: "attnsh \(AttnVersion.string)")

    @ArgumentParser.Argument(help: ArgumentHelp("A script to run non-interactively.", valueName: "FILE"))
    var file: String?

    @ArgumentParser.Flag(name: .customShort("i"), help: "Run FILE, then stay in the interactive shell with its workspace.")
    var interactive = false

    @OptionGroup var options: LaunchOptions

    func validate() throws {
        if interactive && file == nil {
            throw ValidationError("-i needs a FILE to run before the interactive shell.")
        }
    }

    func run() throws {
        let entry: Launcher.Entry = switch file {
        case nil: .shell
        case let path? where interactive: .scriptThenShell(path: path)
        case let path?: .script(path: path)
        }
        throw ExitCode(Launcher(options: options).run(entry))
    }
}
