// The entry point. `attnsh FILE` and `attnsh [options]` go to `AttnshCommand`; the subcommands
// (`attnsh replay FILE`, `attnsh bench ...`) are matched here by their first word that is not a
// shared flag (see `CommandRoute`), so a script path never has to compete with argument-parser's
// subcommand lookup.
switch CommandRoute(Array(CommandLine.arguments.dropFirst())) {
case .replay(let arguments):
    ReplayCommand.main(arguments)
case .bench(let arguments):
    BenchCommand.main(arguments)
case .attnsh(let arguments):
    AttnshCommand.main(arguments)
}
