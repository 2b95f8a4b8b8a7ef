import Testing
@testable import AttnLang

/// A command of the kind later layers add (`mha`, `mask`), to check that
/// every argument and option kind parses from the table alone.
private let testCommands: [CommandSpec] = [
    CommandSpec(name: "mha", group: "attention",
                summary: "define a layer", example: "mha d_model=8 heads=2",
                arguments: [ArgumentSpec("NAME", .name, optional: true)],
                options: [OptionSpec("d_model", .integer), OptionSpec("heads", .integer), OptionSpec("bias", .boolean),
                          OptionSpec("init", .word(choices: ["xavier", "zeros"])), OptionSpec("scale", .number),
                          OptionSpec("heads_list", .integerList), OptionSpec("x", .expression)]) { _, _ in },
    CommandSpec(name: "mask", group: "attention", summary: "set the mask", example: "mask causal",
                arguments: [ArgumentSpec("SPEC", .word(choices: []), repeats: true)]) { _, _ in },
    CommandSpec(name: "block", group: "attention", summary: "segments", example: "block 2,3",
                arguments: [ArgumentSpec("SIZES", .integerList), ArgumentSpec("REST", .text, optional: true)]) { _, _ in },
] + CommandSpec.all.filter { !["mha", "mask"].contains($0.name) }

private func command(_ source: String) throws -> CommandInvocation {
    var parser = Parser(source, commands: testCommands)
    guard case .command(let invocation)? = try parser.nextStatement()?.statement else {
        throw LangError("not a command", at: SourceRange(line: 1, column: 1, length: 0))
    }
    return invocation
}

@Test func optionsOfEveryKindParse() throws {
    let mha = try command("mha enc d_model=8 heads=2 bias=true init=zeros scale=-0.5 heads_list=1,2,4 x=softmax(a) + 1")
    #expect(mha.value("NAME")?.string == "enc")
    #expect(mha.options["d_model"]?.value == .integer(8))
    #expect(mha.options["bias"]?.value == .boolean(true))
    #expect(mha.options["init"]?.value == .word("zeros"))
    #expect(mha.options["scale"]?.value == .number(-0.5))
    #expect(mha.options["heads_list"]?.value == .integerList([1, 2, 4]))
    if case .expression(let expr)? = mha.options["x"]?.value {
        #expect(expr.description == "softmax(a) + 1")
    } else {
        Issue.record("x= is not an expression")
    }
    let unnamed = try command("mha d_model=8 heads=2")
    #expect(unnamed.value("NAME") == nil)
}

@Test func repeatedWordsListsAndRawTextParse() throws {
    let mask = try command("mask causal window 2")
    #expect(mask.values("SPEC").compactMap(\.string) == ["causal", "window", "2"])
    let block = try command("block 2,3 and then ~anything! goes")
    #expect(block.value("SIZES") == .integerList([2, 3], SourceRange(line: 1, column: 7, length: 3)))
    #expect(block.value("REST")?.string == "and then ~anything! goes")
}

@Test(arguments: [
    ("mha d_model=8 init=xaviar", "1:20", "`init=` must be one of xavier, zeros, not `xaviar`; did you mean `xavier`?"),
    ("mha d_model=8 bias=yes", "1:20", "`bias=` needs true or false"),
    ("mha d_model=8 d_model=4", "1:15", "option `d_model` is given twice"),
    ("mha heads=two", "1:11", "`heads=` needs a whole number"),
    ("block", "1:6", "`block` needs SIZES"),
    ("block 2,", "1:9", "needs a whole number"),
])
func grammarErrorsAreLocated(source: String, position: String, fragment: String) {
    do {
        _ = try command(source)
        Issue.record("expected an error for \(source)")
    } catch let error as LangError {
        #expect(error.range.description == position, "\(error.message)")
        #expect(error.message.contains(fragment), "\(error.message)")
    } catch {
        Issue.record("unexpected \(error)")
    }
}
