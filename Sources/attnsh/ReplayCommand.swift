import ArgumentParser
import AttnLang

/// `attnsh replay FILE [--delay SECONDS]`: classroom replay in the interactive shell (docs/reference.md §1, §5.2).
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attnsh replay",
        abstract: "Present a script one statement at a time, then stay in the shell.",
        discussion: """
            Each statement appears at the prompt as if typed; Enter runs it (edit it first if you \
            like). With --delay each runs on a timer instead (any key runs it at once). The panes \
            follow the lesson. `q` leaves the replay and keeps the workspace in the interactive \
            shell; so does the end of the script. In the panes `q` works while the line holds the \
            statement unedited, Esc q and Ctrl-C always; with --plain, clear the line (Ctrl-U) \
            and type `q` then Enter. `pause` in the script waits for Enter. When standard input or \
            output is not a terminal, the script simply runs, as with `attnsh FILE`. The shell's \
            flags may also come before `replay` (`attnsh --norc replay FILE`).
            """)

    @ArgumentParser.Argument(help: ArgumentHelp("The script to replay.", valueName: "FILE"))
    var file: String

    // Read as text, and whatever the next word is: `--delay -1` must reach `validate` (which
    // names the rule) instead of being taken for an option and reported as a missing value.
    @ArgumentParser.Option(parsing: .unconditional,
                           help: ArgumentHelp("Run each statement after this many seconds instead of on Enter.", valueName: "SECONDS"))
    var delay: String?

    @OptionGroup var options: LaunchOptions

    /// `--delay` in seconds, nil without it or when it is not a number of seconds it allows.
    var delaySeconds: Double? {
        guard let delay, let seconds = Double(delay), seconds.isFinite, seconds >= 0,
              seconds <= CommandSpec.maxReplayDelay else { return nil }
        return seconds
    }

    func validate() throws {
        if let delay, delaySeconds == nil {
            throw ValidationError("--delay must be a number of seconds ≥ 0 (at most \(Int(CommandSpec.maxReplayDelay))), not `\(delay)`.")
        }
    }

    func run() throws {
        throw ExitCode(Launcher(options: options).run(.replay(path: file, delay: delaySeconds)))
    }
}
