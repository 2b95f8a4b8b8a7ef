import Testing
@testable import AttnCore

/// Mask semantics (docs/reference.md §3.3); the words of `mask` are parsed
/// in AttnLang (MaskSyntaxTests).
@Suite struct AttentionMaskTests {
    @Test func blockPositionsPastTheSegmentsAreBlocked() throws {
        let mask = try MaskSpec.combined([.block([2, 1])], heads: 1, queries: 4, keys: 4, read: { _ in throw TensorError("none") })
        let expected: [Float] = [1, 1, 0, 0,
                                 1, 1, 0, 0,
                                 0, 0, 1, 0,
                                 0, 0, 0, 0]
        #expect(mask.shape == [4, 4] && mask.scalars == expected)
    }

    @Test func wrongShapedMaskTensorIsNamed() throws {
        let config = try LayerConfig.make(dModel: 4, heads: 2, masks: [.tensor("m")])
        var random = RandomSource(seed: 1)
        var workspace = Dictionary(uniqueKeysWithValues: try LayerWeights.initialise(config, using: &random).map { ($0.name, $0.tensor) })
        workspace["m"] = try Tensor(shape: [3, 4], repeating: 1)
        let input = try Tensor.randn([3, 4], using: &random)
        #expect {
            _ = try AttentionEngine.run(config: config, read: { name in try workspace[name] ?? { throw TensorError("no tensor named \(name)") }() }, input: input, kv: nil)
        } throws: { error in
            (error as? TensorError)?.message == "mask tensor m has shape [3, 4] but the mask needs [3, 3] or [2, 3, 3]"
        }
    }
}
