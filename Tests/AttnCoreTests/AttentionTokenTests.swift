import Testing
@testable import AttnCore

/// Token vectors for `tokens` and GloVe word vectors for `embeddings`.
@Suite struct AttentionTokenTests {
    /// Published FNV-1a 64-bit test vectors.
    @Test(arguments: [("", 0xcbf2_9ce4_8422_2325), ("a", 0xaf63_dc4c_8601_ec8c), ("foobar", 0x8594_4171_f739_67e8)] as [(String, UInt64)])
    func fnv1a64(text: String, hash: UInt64) {
        #expect(TokenVectors.fnv1a64(text.utf8) == hash)
    }

    @Test func tokenVectorsComeFromWordAndSeed() throws {
        let vector = TokenVectors.vector(for: "cat", seed: 9, dModel: 4)
        var random = RandomSource(seed: TokenVectors.fnv1a64("cat".utf8) ^ 9)
        #expect(vector == (0..<4).map { _ in random.nextNormal() })
        #expect(vector != TokenVectors.vector(for: "cat", seed: 10, dModel: 4))
        #expect(vector != TokenVectors.vector(for: "dog", seed: 9, dModel: 4))
        let x = try TokenVectors.matrix(words: ["the", "cat", "the"], seed: 9, dModel: 4)
        #expect(x.shape == [3, 4])
        #expect(Array(x.scalars[4..<8]) == vector)
        #expect(Array(x.scalars[0..<4]) == Array(x.scalars[8..<12]))
    }

    @Test func tokenMatrixRespectsTheMemoryLimit() {
        MemoryLimit.$scoped.withValue(64) {
            #expect(throws: TensorError.self) { try TokenVectors.matrix(words: ["a", "b", "c"], seed: 0, dModel: 8) }
        }
    }

    @Test func gloveTextParses() throws {
        let vectors = try WordVectors(text: "the 0.1 -0.2 3e-1\ncat 1 2 3\n\n\tdog 4\t5 6\nthe 9 9 9\n", source: "v.txt")
        #expect(vectors.dimension == 3)
        #expect(try vectors.vector(for: "the") == [0.1, -0.2, 0.3])
        #expect(try vectors.vector(for: "dog") == [4, 5, 6])
        let x = try vectors.matrix(words: ["cat", "the"])
        #expect(x.shape == [2, 3] && x.scalars == [1, 2, 3, 0.1, -0.2, 0.3])
    }

    @Test(arguments: [
        ("a 1 2\nb 1 2 3\n", "v.txt:2: `b` has 3 values but line 1 has 2; every vector needs the same dimension"),
        ("a 1 x\n", "v.txt:1:5: `x` is not a finite number"),
        ("a 1\nb\n", "v.txt:2: `b` has no vector values"),
        ("a 1 inf\n", "v.txt:1:5: `inf` is not a finite number"),
        ("\n\n", "v.txt holds no word vectors"),
    ])
    func gloveErrorsNameTheLine(text: String, message: String) {
        #expect {
            _ = try WordVectors.parse(text: text, source: "v.txt")
        } throws: { error in
            (error as? TensorError)?.message == message
        }
    }

    @Test func unknownWordIsNamed() throws {
        let vectors = try WordVectors(text: "a 1 2\n", source: "glove.txt")
        #expect {
            _ = try vectors.matrix(words: ["a", "foo"])
        } throws: { error in
            (error as? TensorError)?.message == "unknown word `foo` (not in glove.txt)"
        }
    }
}
