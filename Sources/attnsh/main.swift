// The entry point. `attnsh FILE` and `attnsh [options]` go to `AttnshCommand`; later subcommands
// (`attnsh replay FILE`, `attnsh bench ...`) are matched here by their first word first, so a
// script path never has to compete with argument-parser's subcommand lookup.
let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "replay":
    ReplayCommand.main(Array(arguments.dropFirst()))
case "bench":
    BenchCommand.main(Array(arguments.dropFirst()))
default:
    AttnshCommand.main(arguments)
}
