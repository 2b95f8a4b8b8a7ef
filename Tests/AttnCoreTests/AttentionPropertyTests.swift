import Testing
@testable import AttnCore

/// Properties of the forward pass on random layers and inputs (seeded, so
/// every run checks the same cases).
@Suite struct AttentionPropertyTests {
    /// A random layer with random weights and input; `options` turns on
    /// masks, positions, bias, dropout and ablation at random.
    struct RandomCase {
        var config: LayerConfig
        var workspace: [String: Tensor]
        var input: Tensor
        var kv: Tensor?

        init(seed: UInt64, options: Bool, cross: Bool = false) throws {
            var random = RandomSource(seed: seed)
            func pick(_ n: Int) -> Int { Int(random.nextUInt64() % UInt64(n)) }
            let heads = [1, 2, 3, 4][pick(4)]
            let dHead = 1 + pick(3)
            let kvChoices = (1...heads).filter { heads % $0 == 0 }
            let kvHeads = kvChoices[pick(kvChoices.count)]
            let dModel = heads * dHead
            let tq = 1 + pick(6)
            let tk = cross ? 1 + pick(6) : tq
            var masks: [MaskSpec] = []
            var posenc = PositionalEncoding.none
            var ablated: Set<Int> = []
            var dropout: Float = 0
            let bias = options && pick(2) == 0
            if options {
                let choices: [MaskSpec] = [.causal, .window(pick(3)), .pad(pick(tk + 1)), .block([1 + pick(3), 1 + pick(3)])]
                masks = choices.filter { _ in pick(3) == 0 }
                posenc = PositionalEncoding.allCases[pick(4)]
                if pick(3) == 0 { ablated = [pick(heads)] }
                if pick(4) == 0 { dropout = 0.25 }
            }
            config = try LayerConfig.make(dModel: dModel, heads: heads, kvHeads: kvHeads, bias: bias,
                                          initScheme: .normal, seed: seed, temperature: 0.5 + random.nextUniform(),
                                          dropout: dropout, posenc: posenc, masks: masks, ablated: ablated)
            workspace = [:]
            for name in LayerWeights.names(for: config) {
                let shape = try #require(LayerWeights.expectedShape(of: name, config: config))
                workspace[name] = try Tensor.randn(shape, using: &random)
            }
            input = try Tensor.randn([tq, dModel], using: &random)
            kv = cross ? try Tensor.randn([tk, dModel], using: &random) : nil
        }

        func read(_ name: String) throws -> Tensor {
            guard let tensor = workspace[name] else { throw TensorError("no tensor named \(name)") }
            return tensor
        }
    }

    @Test(arguments: 0..<40)
    func weightRowsSumToOneOrAreZeroAndMaskedWeightsAreZero(seed: Int) throws {
        var layer = try RandomCase(seed: UInt64(seed), options: true, cross: seed % 2 == 0)
        layer.config.dropout = 0
        let outputs = try AttentionEngine.run(config: layer.config, read: layer.read, input: layer.input, kv: layer.kv)
        let p = outputs[AttentionStage.p.number - 1].tensor  // [H, Tq, Tk]
        let mask = try #require(outputs[AttentionStage.masked.number - 1].extras.first?.tensor)  // [Tq, Tk]
        let (h, tq, tk) = (p.shape[0], p.shape[1], p.shape[2])
        #expect(mask.shape == [tq, tk])
        for head in 0..<h {
            for i in 0..<tq {
                let row = (0..<tk).map { p[[head, i, $0]] }
                let total = row.reduce(0, +)
                #expect(row.allSatisfy { $0.isFinite && $0 >= 0 })
                #expect(abs(total - 1) < 1e-5 || row.allSatisfy { $0 == 0 }, "row \(i) of head \(head) sums to \(total)")
                for j in 0..<tk where mask[[i, j]] == 0 { #expect(row[j] == 0) }
            }
        }
        let blockedRows = (0..<tq).filter { i in (0..<tk).allSatisfy { mask[[i, $0]] == 0 } }
        #expect(outputs[AttentionStage.p.number - 1].warnings.isEmpty == blockedRows.isEmpty)
    }

    @Test(arguments: 0..<20)
    func permutingInputRowsPermutesOutputRows(seed: Int) throws {
        let layer = try RandomCase(seed: UInt64(seed), options: false)
        let tq = layer.input.shape[0], d = layer.input.shape[1]
        var random = RandomSource(seed: UInt64(1000 + seed))
        var order = Array(0..<tq)
        for i in stride(from: tq - 1, to: 0, by: -1) { order.swapAt(i, Int(random.nextUInt64() % UInt64(i + 1))) }
        let permuted = try Tensor(shape: [tq, d], scalars: order.flatMap { row in (0..<d).map { layer.input[[row, $0]] } })
        let out = try #require(AttentionEngine.forward(config: layer.config, read: layer.read, input: layer.input, kv: nil)[.out])
        let outPermuted = try #require(AttentionEngine.forward(config: layer.config, read: layer.read, input: permuted, kv: nil)[.out])
        let expected = try Tensor(shape: out.shape, scalars: order.flatMap { row in (0..<d).map { out[[row, $0]] } })
        let matches = AttentionFixture.agree(outPermuted, expected, rtol: 1e-4, atol: 1e-5)
        #expect(matches, "order \(order): largest difference \(AttentionFixture.largestDifference(outPermuted, expected))")
    }

    @Test(arguments: 0..<40)
    func engineEqualsReference(seed: Int) throws {
        let layer = try RandomCase(seed: UInt64(seed), options: true, cross: seed % 3 == 0)
        let engine = try AttentionEngine.forward(config: layer.config, read: layer.read, input: layer.input, kv: layer.kv)
        let reference = try AttentionReference.forward(config: layer.config, weights: layer.read, input: layer.input, kv: layer.kv)
        for stage in AttentionStage.allCases {
            let a = try #require(engine[stage]), b = try #require(reference[stage])
            #expect(a.shape == stage.shape(layer.config, tq: layer.input.shape[0], tk: (layer.kv ?? layer.input).shape[0]))
            let matches = AttentionFixture.agree(a, b, rtol: 1e-5, atol: 1e-5)
            #expect(matches, "\(layer.config) stage \(stage.name): largest difference \(AttentionFixture.largestDifference(a, b))")
        }
    }

    /// docs/reference.md §3.2: an edit to a stage tensor flows into the stages after it.
    @Test func editingAStageFlowsIntoLaterStages() throws {
        let layer = try RandomCase(seed: 7, options: false)
        var workspace = layer.workspace
        func step(_ stage: AttentionStage) throws -> StageOutput {
            let output = try AttentionEngine.compute(stage, config: layer.config, read: { name in
                guard let t = workspace[name] else { throw TensorError("no tensor named \(name)") }
                return t
            }, input: layer.input, kv: nil)
            workspace[stage.tensorName(layer: "attn")] = output.tensor
            return output
        }
        for stage in AttentionStage.allCases where stage <= .scaled { _ = try step(stage) }
        let tk = layer.input.shape[0]
        var scaled = try #require(workspace["attn.scaled"])
        for j in 0..<tk { scaled[[0, 0, j]] = j == tk - 1 ? 0 : -.infinity }
        workspace["attn.scaled"] = scaled
        _ = try step(.masked)
        let p = try step(.p).tensor
        #expect(p[[0, 0, tk - 1]] == 1)
        for j in 0..<(tk - 1) { #expect(p[[0, 0, j]] == 0) }
        let z = try step(.z).tensor
        let values = try #require(workspace["attn.V"])
        for c in 0..<layer.config.dHead { #expect(z[[0, 0, c]] == values[[0, tk - 1, c]]) }
    }

    @Test func dropoutIsSeededAndScalesSurvivors() throws {
        var layer = try RandomCase(seed: 3, options: false)
        layer.config.dropout = 0.5
        let dropped = try #require(AttentionEngine.forward(config: layer.config, read: layer.read, input: layer.input, kv: nil)[.p])
        let again = try #require(AttentionEngine.forward(config: layer.config, read: layer.read, input: layer.input, kv: nil)[.p])
        #expect(dropped == again)
        layer.config.dropout = 0
        let plain = try #require(AttentionEngine.forward(config: layer.config, read: layer.read, input: layer.input, kv: nil)[.p])
        var random = RandomSource(seed: 3)
        for index in plain.scalars.indices {
            let expected: Float = random.nextUniform() >= 0.5 ? plain.scalars[index] * 2 : 0
            #expect(abs(dropped.scalars[index] - expected) <= 1e-6)
        }
    }
}
