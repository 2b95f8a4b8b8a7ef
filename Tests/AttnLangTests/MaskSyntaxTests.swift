import AttnCore
import Testing
@testable import AttnLang

/// The words of `mask` as the language parses them into `MaskSpec`s (the
/// core keeps the value and its semantics; the words belong to the language).
@Suite struct MaskSyntaxTests {
    /// The masks in force after `mask WORDS`.
    private static func masks(_ words: String) throws -> [MaskSpec] {
        var parser = Parser("mask " + words)
        guard case .command(let invocation)? = try parser.nextStatement()?.statement else { return [] }
        let written: [(spec: MaskSpec, range: SourceRange)] = invocation.values("SPEC").compactMap {
            if case .mask(let spec, let range) = $0 { return (spec, range) }
            return nil
        }
        return MaskSyntax.inForce(written).map(\.spec)
    }

    @Test(arguments: [
        ("causal", [MaskSpec.causal]),
        ("causal window 3 pad 5 block 2,3 m", [.causal, .window(3), .pad(5), .block([2, 3]), .tensor("m")]),
        ("causal none", []),
        ("causal none pad 2", [.pad(2)]),
        ("block 2, 3", [.block([2, 3])]),
        ("h0.mask", [.tensor("h0.mask")]),
        ("none", []),
    ] as [(String, [MaskSpec])])
    func parses(words: String, specs: [MaskSpec]) throws {
        #expect(try Self.masks(words) == specs)
    }

    @Test(arguments: [
        ("window", "`window` needs a width W"),
        ("window x", "got `x`"),
        ("pad -1", "`pad` needs"),
        ("block 2,0", "positive segment lengths"),
        ("block", "`block` needs segment lengths"),
        ("3abc", "unknown mask `3abc`"),
        ("", "`mask` needs SPEC"),
    ])
    func errorsAreNamed(words: String, message: String) {
        #expect {
            _ = try Self.masks(words)
        } throws: { error in
            (error as? LangError)?.message.contains(message) == true
        }
    }

    /// The one rule for names: what the lexer reads as one name.
    @Test(arguments: [("x", true), ("attn.P", true), ("_a1.b_2", true), ("a.", false), ("a..b", false),
                      (".a", false), ("1a", false), ("a.1", false), ("é", false), ("", false)])
    func namesFollowTheLexer(text: String, isName: Bool) throws {
        #expect(NameSyntax.isName(text) == isName)
        var lexer = Lexer(text)
        let token = try? lexer.next()
        let lexedAsOneName = token?.kind == .name && token?.text == text
        #expect(lexedAsOneName == isName)
    }
}
