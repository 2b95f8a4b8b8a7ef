import ArgumentParser

/// The flags every way of starting the shell shares: `attnsh`, `attnsh FILE`, `-i FILE` and
/// `attnsh replay FILE` take them through one `@OptionGroup`, and `Launcher` reads them.
struct LaunchOptions: ParsableArguments {
    @Flag(help: "Report every failing statement and run the rest (the exit status is still 1).")
    var keepGoing = false

    @Flag(help: "Use the plain line-mode shell, without the full-screen panes.")
    var plain = false

    @Flag(help: "Do not run ~/.attnshrc.")
    var norc = false

    @Flag(help: "Draw with ASCII characters only.")
    var ascii = false

    /// The spellings of the flags above, so they may come before a subcommand's name
    /// (`attnsh --norc replay FILE`) as well as after it.
    static let spellings: Set<String> = ["--keep-going", "--plain", "--norc", "--ascii"]
}

/// Which command a command line is for, found by its first word that is not a shared flag.
///
/// argument-parser wants a subcommand's options after its name; the shared flags are accepted
/// before it too by moving them behind the name. A script path never competes with a
/// subcommand's name unless it is spelled exactly `replay` or `bench` (`./replay` runs the file).
enum CommandRoute: Equatable {
    case attnsh([String])
    case replay([String])
    case bench([String])

    /// The route for `arguments`, the command line without the program's name.
    init(_ arguments: [String]) {
        let leading = arguments.prefix { LaunchOptions.spellings.contains($0) }
        let rest = arguments.dropFirst(leading.count)
        switch rest.first {
        case "replay":
            self = .replay(Array(rest.dropFirst()) + leading)
        case "bench":
            // bench takes none of the shell's flags: leave them for its parser to reject.
            self = .bench(Array(rest.dropFirst()) + leading)
        default:
            self = .attnsh(arguments)
        }
    }
}
