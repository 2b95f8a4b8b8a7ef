import AttnTestSupport
import Testing
@testable import AttnCore

/// The encoder against numpy (float64) on the same safetensors file:
/// every layer's input, the output, and every layer's attention weights.
@Suite("BERT encoder", .enabled(if: InstalledModel.isAvailable, InstalledModel.missingReason))
struct BertEncoderTests {
    static let tolerance: Float = 1e-4

    static func maxDifference(_ a: Tensor, _ b: Tensor) -> Float {
        zip(a.scalars, b.scalars).map { abs($0 - $1) }.max() ?? 0
    }

    @Test("The model loads with the configuration of all-MiniLM-L6-v2")
    func configuration() throws {
        let model = try ModelFixture.model.get()
        #expect(model.config.hiddenSize == 384)
        #expect(model.config.heads == 12)
        #expect(model.config.layers == 6)
        #expect(model.encoder.layers.count == 6)
        #expect(model.tokenizer.vocabulary.count == model.encoder.vocabularySize)
    }

    @Test("Layer inputs, output and attention weights match numpy for every layer",
          arguments: ModelFixture.sentences("sentences.json"))
    func matchesNumpy(_ sentence: ModelFixture.Sentence) throws {
        let model = try ModelFixture.model.get()
        #expect(model.tokenizer.encode(sentence.text).ids == sentence.ids)
        let encoding = try model.encoder.encode(sentence.ids)
        #expect(encoding.layerInputs.count == model.config.layers + 1)
        for layer in 0...model.config.layers {
            let expected = try ModelFixture.tensor("s\(sentence.index)_input\(layer).npy")
            let actual = encoding.layerInputs[layer]
            #expect(actual.shape == expected.shape)
            let difference = BertEncoderTests.maxDifference(actual, expected)
            #expect(difference <= BertEncoderTests.tolerance, "layer \(layer) input differs by \(difference)")
        }
        for layer in 0..<model.config.layers {
            let expected = try ModelFixture.tensor("s\(sentence.index)_attention\(layer).npy")
            let actual = encoding.attention[layer]
            #expect(actual.shape == expected.shape)
            let difference = BertEncoderTests.maxDifference(actual, expected)
            #expect(difference <= BertEncoderTests.tolerance, "layer \(layer) attention differs by \(difference)")
        }
    }

    @Test("Ids outside the vocabulary and too many tokens are errors")
    func badIds() throws {
        let encoder = try ModelFixture.model.get().encoder
        #expect(throws: TensorError.self) { try encoder.encode([101, 999_999]) }
        #expect(throws: TensorError.self) { try encoder.encode([]) }
        #expect(throws: TensorError.self) { try encoder.encode([Int](repeating: 100, count: 513)) }
    }
}

@Test("Two encoder fixture sentences exist")
func encoderFixtureCount() {
    #expect(ModelFixture.sentences("sentences.json").count == 2)
}
