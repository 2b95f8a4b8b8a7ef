import AttnTestSupport
import Testing
@testable import AttnCore

@Suite("WordPiece tokenizer")
struct WordPieceTokenizerTests {
    /// A tiny vocabulary in the shape of BERT's.
    static let vocabulary = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "un", "##aff", "##able", "aff", "the", "cat",
                             ",", "!", "cafe", "北", "##s", "x", "##y"]

    static let cases: [(String, [String])] = [
        ("unaffable", ["[CLS]", "un", "##aff", "##able", "[SEP]"]),
        ("The  CAT,cats!", ["[CLS]", "the", "cat", ",", "cat", "##s", "!", "[SEP]"]),
        ("Café", ["[CLS]", "cafe", "[SEP]"]),
        ("北x", ["[CLS]", "北", "x", "[SEP]"]),
        ("dog", ["[CLS]", "[UNK]", "[SEP]"]),
        ("unaffablez", ["[CLS]", "[UNK]", "[SEP]"]),
        ("x\u{200B}y\u{0}", ["[CLS]", "x", "##y", "[SEP]"]),
        (String(repeating: "x", count: 101), ["[CLS]", "[UNK]", "[SEP]"]),
        ("", ["[CLS]", "[SEP]"]),
    ]

    @Test("Basic tokenisation and greedy longest match on a small vocabulary", arguments: cases.indices)
    func smallVocabulary(_ index: Int) throws {
        let (text, expected) = WordPieceTokenizerTests.cases[index]
        let tokenizer = try WordPieceTokenizer(vocabulary: WordPieceTokenizerTests.vocabulary)
        let encoding = tokenizer.encode(text)
        #expect(encoding.pieces == expected)
        #expect(encoding.ids == expected.map { WordPieceTokenizerTests.vocabulary.firstIndex(of: $0) ?? -1 })
    }

    @Test("A vocabulary without the special tokens is refused")
    func missingSpecials() {
        #expect(throws: TensorError("the vocabulary has no [UNK] token; is this a BERT vocab.txt?")) {
            try WordPieceTokenizer(vocabulary: ["a", "b"])
        }
    }

    @Test("The model's vocab.txt gives the ids of its own tokenizer.json", .enabled(if: InstalledModel.isAvailable, InstalledModel.missingReason),
          arguments: ModelFixture.sentences("tokens.json"))
    func modelTokenizer(_ sentence: ModelFixture.Sentence) throws {
        let model = try ModelFixture.model.get()
        let encoding = model.tokenizer.encode(sentence.text)
        #expect(encoding.pieces == sentence.pieces)
        #expect(encoding.ids == sentence.ids)
    }

    @Test("The token fixture holds ten sentences")
    func fixtureCount() {
        #expect(ModelFixture.sentences("tokens.json").count == 10)
    }
}
