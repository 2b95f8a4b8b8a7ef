import Testing
@testable import AttnCore

/// The fast path against `step` (bit for bit) and the plain reference
/// (within tolerance), on seeded random layers big enough to cross row
/// blocks, run in parallel, and skip masked key blocks.
@Suite struct AttentionFastPathTests {
    /// One layer setting of the table below.
    struct Setting: CustomTestStringConvertible, Sendable {
        var label: String
        var heads = 4
        var kvHeads = 4
        var dHead = 8
        var tq = 130
        var tk: Int?  // cross attention when set
        var masks: [MaskSpec] = []
        var tensorMask: [Int]?  // shape of a random 0/1 mask tensor `m`
        var posenc = PositionalEncoding.none
        var dropout: Float = 0
        var ablated: Set<Int> = []
        var bias = false
        var scale: Float?
        var temperature: Float = 1
        var testDescription: String { label }
    }

    static let settings: [Setting] = [
        Setting(label: "plain"),
        Setting(label: "tiny", heads: 1, kvHeads: 1, dHead: 3, tq: 1),
        Setting(label: "causal", masks: [.causal]),
        Setting(label: "causal, long", heads: 2, kvHeads: 2, dHead: 16, tq: 300, masks: [.causal]),
        Setting(label: "window", masks: [.window(5)]),
        Setting(label: "pad", masks: [.pad(70)]),
        Setting(label: "pad 0: every row blocked", heads: 2, kvHeads: 2, tq: 20, masks: [.pad(0)]),
        Setting(label: "block", masks: [.block([10, 60, 30])]),
        Setting(label: "causal and window", masks: [.causal, .window(9)]),
        Setting(label: "tensor [Tq, Tk] and causal", masks: [.causal, .tensor("m")], tensorMask: [130, 130]),
        Setting(label: "tensor [H, Tq, Tk]", masks: [.tensor("m")], tensorMask: [4, 130, 130]),
        Setting(label: "sinusoidal", posenc: .sinusoidal),
        Setting(label: "rope, causal", masks: [.causal], posenc: .rope),
        Setting(label: "alibi, causal", masks: [.causal], posenc: .alibi),
        Setting(label: "alibi, window", masks: [.window(20)], posenc: .alibi),
        Setting(label: "grouped-query", heads: 6, kvHeads: 2, dHead: 5, masks: [.causal]),
        Setting(label: "multi-query", heads: 4, kvHeads: 1, posenc: .rope),
        Setting(label: "cross", tq: 70, tk: 45),
        Setting(label: "cross, causal, pad", heads: 2, kvHeads: 1, tq: 90, tk: 150, masks: [.causal, .pad(100)]),
        Setting(label: "dropout", masks: [.causal], dropout: 0.3),
        Setting(label: "ablation, bias, scale, temperature", masks: [.window(3)], ablated: [1, 3], bias: true,
                scale: 0.3, temperature: 0.7),
    ]

    /// A layer with seeded random weights, input and mask tensor.
    struct Case {
        var config: LayerConfig
        var tensors: [String: Tensor] = [:]
        var input: Tensor
        var kv: Tensor?

        init(_ setting: Setting, seed: UInt64 = 7) throws {
            var random = RandomSource(seed: seed)
            config = try LayerConfig.make(
                dModel: setting.heads * setting.dHead, heads: setting.heads, dHead: setting.dHead,
                kvHeads: setting.kvHeads, bias: setting.bias, seed: seed, temperature: setting.temperature,
                scale: setting.scale, dropout: setting.dropout, posenc: setting.posenc, masks: setting.masks,
                ablated: setting.ablated)
            for name in LayerWeights.names(for: config) {
                let shape = try #require(LayerWeights.expectedShape(of: name, config: config))
                // Scaled by 1/sqrt(fan in) as real layers are, so values stay O(1).
                let fanIn = Float(shape[0]).squareRoot()
                let weight = try Tensor.randn(shape, using: &random)
                tensors[name] = Tensor(unchecked: shape, scalars: weight.scalars.map { $0 / fanIn })
            }
            if let shape = setting.tensorMask {
                let uniform = try Tensor.rand(shape, using: &random)
                tensors["m"] = Tensor(unchecked: shape, scalars: uniform.scalars.map { $0 < 0.7 ? 1 : 0 })
            }
            input = try Tensor.randn([setting.tq, config.dModel], using: &random)
            kv = try setting.tk.map { try Tensor.randn([$0, config.dModel], using: &random) }
        }

        func read(_ name: String) throws -> Tensor {
            guard let tensor = tensors[name] else { throw TensorError("no tensor named \(name)") }
            return tensor
        }
    }

    @Test(arguments: settings)
    func fastPathEqualsElevenStepsBitForBit(_ setting: Setting) throws {
        let layer = try Case(setting)
        let fast = try AttentionFastPath.forward(config: layer.config, read: layer.read, input: layer.input, kv: layer.kv)
        let steps = try AttentionEngine.run(config: layer.config, read: layer.read, input: layer.input, kv: layer.kv)
        for output in steps {
            if let kept = fast.stages[output.stage] {
                #expect(kept == output.tensor, "\(output.stage) differs from step")
            } else {
                #expect(AttentionFastPath.DerivedStages.stages.contains(output.stage))
                #expect(try fast.derived.tensor(output.stage) == output.tensor, "derived \(output.stage) differs from step")
                #expect(fast.derived.shape(of: output.stage) == output.tensor.shape)
            }
            for extra in output.extras { #expect(extra.tensor == fast.mask, "\(extra.name)") }
        }
        #expect(fast.warnings == steps.flatMap(\.warnings))
    }

    @Test(arguments: settings)
    func fastPathAgreesWithReference(_ setting: Setting) throws {
        let layer = try Case(setting)
        let fast = try AttentionFastPath.forward(config: layer.config, read: layer.read, input: layer.input, kv: layer.kv)
        let reference = try AttentionReference.forward(config: layer.config, weights: layer.read,
                                                       input: layer.input, kv: layer.kv)
        for stage in AttentionStage.allCases {
            let expected = try #require(reference[stage])
            let actual = try fast.stages[stage] ?? fast.derived.tensor(stage)
            // BLAS sums in another order than the reference's loops.
            #expect(actual.shape == expected.shape, "\(stage)")
            let agrees = AttentionFixture.agree(actual, expected, rtol: 1e-4, atol: 1e-5)
            #expect(agrees, "\(stage): largest difference \(AttentionFixture.largestDifference(actual, expected))")
        }
    }

    @Test func everyRowBlockedWarnsOnceAndGivesZeros() throws {
        let layer = try Case(Setting(label: "pad 0", heads: 2, kvHeads: 2, tq: 20, masks: [.pad(0)]))
        let fast = try AttentionFastPath.forward(config: layer.config, read: layer.read, input: layer.input, kv: nil)
        #expect(fast.stages[.p]?.scalars.allSatisfy { $0 == 0 } == true)
        #expect(fast.warnings.count == 1)
        #expect(fast.warnings.first?.contains("every key blocked") == true)
    }

    @Test func infiniteValuesGiveNaNAsTheReferenceDoes() throws {
        var layer = try Case(Setting(label: "causal", heads: 1, kvHeads: 1, tq: 10, masks: [.causal]))
        var wv = try #require(layer.tensors["attn.Wv"])
        wv.scalars[0] = .infinity
        layer.tensors["attn.Wv"] = wv
        let fast = try AttentionFastPath.forward(config: layer.config, read: layer.read, input: layer.input, kv: nil)
        let reference = try AttentionReference.forward(config: layer.config, weights: layer.read, input: layer.input, kv: nil)
        let z = try #require(fast.stages[.z])
        let expected = try #require(reference[.z])
        #expect(zip(z.scalars, expected.scalars).allSatisfy { $0.isNaN == $1.isNaN })
        #expect(z.scalars.contains { $0.isNaN })
    }
}
