import Testing
import AttnTestSupport
@testable import AttnLang

/// Tab completion offers the words the command table says fit the argument
/// under the cursor.
@Suite struct ArgumentCompletionTests {
    private static func session() -> Session {
        let session = Transcript().session()
        session.runScript("mha attn d_model=6 heads=3 seed=1\nm = ones(3, 3)", fileName: "setup", keepGoing: false)
        return session
    }

    @Test(arguments: [
        ("mask ", 5, ["attn.Wk", "attn.Wo", "attn.Wq", "attn.Wv", "block", "causal", "m", "none", "pad", "window"]),
        ("mask ca", 5, ["causal"]),
        ("mask causal w", 12, ["window"]),
        ("mask window ", 12, []),
        ("ablate ", 7, ["0", "1", "2", "none"]),
        ("ablate 0 n", 9, ["none"]),
        ("model ", 6, ["ablate", "corpus", "heads", "importance", "info", "layer", "load", "new", "overview", "patch", "prune", "rollout", "run", "sinks"]),
        ("model l", 6, ["layer", "load"]),
        ("history ", 8, ["save"]),
        ("heads p", 6, ["prev"]),
        ("tokens a b ", 11, ["as="]),
        // `view` takes an expression: names, its keyword and functions.
        ("view m", 5, ["m", "max", "mean", "min"]),
        ("help mas", 5, ["mask"]),
        ("embeddings of", 11, ["off"]),
    ])
    func completesByArgumentKind(line: String, start: Int, expected: [String]) {
        let result = Self.session().completions(line: line, cursor: line.count)
        #expect(result.start == start, "\(line)")
        #expect(result.candidates == expected, "\(line)")
    }

    @Test func ablateOffersNoHeadsWithoutALayer() {
        let session = Transcript().session()
        #expect(session.completions(line: "ablate ", cursor: 7).candidates == ["none"])
    }
}
