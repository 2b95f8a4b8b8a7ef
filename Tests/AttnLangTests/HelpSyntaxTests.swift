import Testing
import AttnTestSupport
@testable import AttnLang

/// `help`'s syntax lines are generated from the command table, so they say
/// exactly what the parser accepts.
@Suite struct HelpSyntaxTests {
    private static let noop: CommandSpec.Handler = { _, _ in }

    @Test(arguments: [
        (CommandSpec(name: "c", group: "g", summary: "s", example: "c", run: noop), "c"),
        (CommandSpec(name: "c", group: "g", summary: "s", example: "c 1",
                     arguments: [ArgumentSpec("N", .integer), ArgumentSpec("K", .integer, optional: true)], run: noop),
         "c N [K]"),
        (CommandSpec(name: "c", group: "g", summary: "s", example: "c x y",
                     arguments: [ArgumentSpec("NAME", .name, repeats: true)], run: noop), "c NAME..."),
        (CommandSpec(name: "c", group: "g", summary: "s", example: "c a",
                     arguments: [ArgumentSpec("F", .word(choices: ["a", "b"])), ArgumentSpec("P", .path, keywords: ["off"])], run: noop),
         "c a|b P|off"),
        (CommandSpec(name: "c", group: "g", summary: "s", example: "c 0",
                     arguments: [ArgumentSpec("H", .head, repeats: true, keywords: ["none"])],
                     options: [OptionSpec("n", .integer, placeholder: "N", required: true), OptionSpec("b", .boolean),
                               OptionSpec("w", .word(choices: ["x", "y"])), OptionSpec("m", .size)], run: noop),
         "c H...|none n=N [b=true|false] [w=x|y] [m=SIZE]"),
        (CommandSpec(name: "c", group: "g", summary: "s", example: "c k=1",
                     options: [OptionSpec("k", .integer)], listsOptions: false, run: noop), "c KEY=VALUE..."),
        (CommandSpec(name: "c", group: "g", summary: "s", example: "c a",
                     subcommands: [SubcommandSpec("a", [ArgumentSpec("P", .path, optional: true)]), SubcommandSpec("b")], run: noop),
         "c a [P] | c b"),
        (CommandSpec(name: "c", group: "g", summary: "s", example: "c",
                     arguments: [ArgumentSpec("N", .integer, optional: true)],
                     subcommands: [SubcommandSpec("save", [ArgumentSpec("PATH", .path)])], run: noop),
         "c [N] | c save PATH"),
    ])
    func theGeneratorWritesEachKindOfArgument(spec: CommandSpec, expected: String) {
        #expect(CommandSyntax.line(spec) == expected)
    }

    /// Every command's syntax line is the generator's, `help NAME` opens with
    /// it, and the overview lists it: no line is typed by hand.
    @Test func everySyntaxLineIsGenerated() throws {
        for spec in CommandSpec.all {
            #expect(spec.syntax == CommandSyntax.line(spec), "\(spec.name)")
            #expect(spec.syntax.hasPrefix(spec.name), "\(spec.name)")
            let help = try #require(HelpText.topic(spec.name))
            #expect(help.components(separatedBy: "\n").first == spec.syntax, "\(spec.name)")
            #expect(HelpText.overview.contains("  " + spec.syntax), "\(spec.name)")
        }
    }

    /// The generated lines of the commands whose arguments used to be raw text.
    @Test(arguments: [
        ("mask", "mask SPEC..."),
        ("ablate", "ablate H...|none"),
        ("tokens", "tokens WORD... [as=NAME]"),
        ("model", "model new [NAME] layers=L d_model=D heads=H [kv_heads=G] [mlp=N] [vocab=V] [posenc=...] [seed=S] | model load [DIR] | model run TEXT | model layer L | model overview | model heads | model info | model ablate L.H...|none [mode=zero|mean] | model patch L.H|none [from=\"TEXT\"] | model importance [FILE] [mode=zero|mean] | model prune [FILE] [steps=N] [mode=zero|mean] | model rollout | model sinks | model corpus FILE [importance=true|false] [mode=zero|mean]"),
        ("history", "history [N] | history save PATH"),
        ("set", "set KEY=VALUE..."),
        ("mha", "mha [NAME] d_model=D heads=H [d_head=K] [kv_heads=G] [bias=true|false] [init=xavier|normal|identity|zeros] [seed=S] [from=PATH]"),
    ])
    func rawTextCommandsHaveTheirSyntax(name: String, expected: String) throws {
        #expect(try #require(CommandSpec.named(name)).syntax == expected)
    }

    /// Each command's example parses with the table: the syntax the table
    /// generates and the grammar it parses are one.
    @Test func everyExampleParses() throws {
        for spec in CommandSpec.all {
            var parser = Parser(spec.example)
            var names: [String] = []
            while let parsed = try parser.nextStatement() {
                if case .command(let invocation) = parsed.statement { names.append(invocation.name) }
            }
            #expect(names.last == spec.name, "\(spec.name): \(spec.example)")
        }
    }

    @Test func helpMaskMatchesGolden() throws {
        try expectGolden(try #require(HelpText.topic("mask")), "help-mask.txt")
    }
}
