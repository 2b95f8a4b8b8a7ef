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
