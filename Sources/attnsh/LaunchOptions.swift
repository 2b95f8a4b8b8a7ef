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

    @Flag(help: "Let scripts write `record` and `history save` files outside the current folder or to dotfiles of the home folder.")
    var allowWrites = false

    /// The spellings of the flags above, so they may come before a subcommand's name
    /// (`attnsh --norc replay FILE`) as well as after it.
    static let spellings: Set<String> = ["--keep-going", "--plain", "--norc", "--ascii", "--allow-writes"]
}
