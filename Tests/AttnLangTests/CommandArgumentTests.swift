import Testing
import AttnTestSupport
@testable import AttnLang

/// Every argument has a kind in the command table, so a wrong word is a
/// located error (line:column of that word) with a suggestion from the
/// words that fit there.
@Suite struct CommandArgumentTests {
    /// A session with a two-head layer `attn` run on three tokens.
    private static func session(_ transcript: Transcript) -> Session {
        let session = transcript.session()
        #expect(session.runScript("mha attn d_model=4 heads=2 seed=1\ntokens a b c\nrun", fileName: "setup", keepGoing: false))
        return session
    }

    @Test(arguments: [
        ("mask casual", "1:6", "`casual` is neither a mask nor a tensor; did you mean `causal`?"),
        ("mask causal windw 2", "1:13", "did you mean `window`?"),
        ("mask window x", "1:13", "`window` needs a width W (a whole number ≥ 0), got `x`"),
        ("mask block 2,0", "1:12", "`block` needs positive segment lengths"),
        ("mask 3abc", "1:6", "unknown mask `3abc`"),
        ("rn", "1:1", "`rn` is not defined; did you mean `run`?"),
        ("Run", "1:1", "`Run` is not defined; did you mean `run`?"),
        ("show attn.p", "1:6", "`attn.p` is not defined; did you mean `attn.P`?"),
        ("y = attn.p + 1", "1:5", "did you mean `attn.P`?"),
        ("ablate x", "1:8", "`ablate` takes head numbers or `none`, not `x`; usage: ablate H...|none"),
        ("ablate nome", "1:8", "not `nome`; did you mean `none`?"),
        ("ablate 0,7", "1:10", "`ablate` takes head numbers 0..1 or `none`, not `7`"),
        ("model lod", "1:7", "`model` expects one of `new`, `load`, `run`, `layer`, `overview`, `heads`, `info`, `ablate`, `patch`, `importance`, `prune`, `rollout`, `sinks`, `corpus`, not `lod`; did you mean `load`?"),
        ("model", "1:6", "`model` needs one of `new`, `load`, `run`"),
        ("model layer x", "1:13", "`model layer` needs a whole number, found `x`"),
        ("history sav", "1:9", "`history` expects a count of statements or `save`, found `sav`; did you mean `save`?"),
        ("tokens a b as=1x", "1:15", "`as=` needs a tensor name"),
        ("tokens as=Y", "1:8", "`tokens` needs WORD; usage: tokens WORD... [as=NAME]"),
        ("heads prve", "1:7", "did you mean `prev`?"),
    ])
    func wrongWordsAreLocatedWithASuggestion(line: String, position: String, message: String) {
        let transcript = Transcript()
        let session = Self.session(transcript)
        #expect(!session.runLine(line, lineNumber: 1))
        let header = transcript.errorHeaders.first ?? "(no error)"
        #expect(header.hasPrefix("<stdin>:\(position): error: "), "\(line): \(header)")
        #expect(header.contains(message), "\(line): \(header)")
    }

    @Test func maskWordsKeepTheirOwnRanges() throws {
        var parser = Parser("mask causal window 2 block 2, 3 m")
        guard case .command(let invocation)? = try parser.nextStatement()?.statement else {
            Issue.record("`mask` is not a command")
            return
        }
        let values = invocation.values("SPEC")
        #expect(values == [
            .mask(.causal, SourceRange(line: 1, column: 6, length: 6)),
            .mask(.window(2), SourceRange(line: 1, column: 13, length: 8)),
            .mask(.block([2, 3]), SourceRange(line: 1, column: 22, length: 10)),
            .mask(.tensor("m"), SourceRange(line: 1, column: 33, length: 1)),
        ])
    }

    @Test func tokensTakeRawWordsAndAnAsOption() {
        let transcript = Transcript()
        let session = Self.session(transcript)
        #expect(session.runLine("tokens don't stop=here as=Y", lineNumber: 1), "\(transcript.errors)")
        #expect(session.state.labels["Y"] == ["don't", "stop=here"])
        #expect(session.state.workspace["Y"]?.shape == [2, 4])
    }

    @Test func theParserResolvesTheCommandOnce() throws {
        var parser = Parser("ablate 1")
        guard case .command(let invocation)? = try parser.nextStatement()?.statement else {
            Issue.record("`ablate` is not a command")
            return
        }
        #expect(invocation.spec.name == "ablate")
        #expect(invocation.values("H") == [.integer(1, SourceRange(line: 1, column: 8, length: 1))])
    }

    /// An invocation without a required argument (only code can build one:
    /// the parser never does) fails instead of doing nothing.
    @Test(arguments: ["mask", "ablate", "tokens", "embeddings", "stats", "load", "seed", "use", "source", "explain", "export"])
    func aMissingArgumentIsAnError(name: String) throws {
        let transcript = Transcript()
        let session = Self.session(transcript)
        let spec = try #require(CommandSpec.named(name))
        var interpreter = Interpreter(state: session.state)
        let range = SourceRange(line: 1, column: 1, length: name.count)
        #expect {
            try interpreter.execute(.command(CommandInvocation(spec: spec, nameRange: range)))
        } throws: { error in
            guard let error = error as? LangError else { return false }
            return error.range == range && error.message.contains("`\(name)` needs ") && error.message.contains("usage: \(spec.syntax)")
        }
    }

    @Test(arguments: [
        ("a = zeros(16777217)", "1:11"),
        ("a = zeros(2, -16777217)", "1:14"),
        ("a = zeros([16777217, 1])", "1:11"),
        ("a = eye(16777218)", "1:9"),
        ("a = randn(2, 3, seed=1)[0, 16777217]", "1:28"),
        ("a = ones(2)[16777217]", "1:13"),
    ])
    func integerArgumentsAbove2To24AreErrors(statement: String, position: String) {
        let transcript = Transcript()
        let session = transcript.session()
        #expect(!session.runLine(statement, lineNumber: 1))
        let header = transcript.errorHeaders.first ?? "(no error)"
        #expect(header.hasPrefix("<stdin>:\(position): error: "), "\(statement): \(header)")
        #expect(header.contains("at most 2^24 = 16777216"), "\(statement): \(header)")
    }

    @Test func integerArgumentsUpTo2To24AreAccepted() {
        let transcript = Transcript()
        let session = transcript.session()
        #expect(session.runLine("a = zeros(16777216, 0)", lineNumber: 1), "\(transcript.errors)")
        #expect(session.state.workspace["a"]?.shape == [16_777_216, 0])
        #expect(Interpreter.largestWholeNumber == 1 << 24)
    }
}
