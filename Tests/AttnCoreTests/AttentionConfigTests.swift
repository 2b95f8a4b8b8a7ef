import Testing
@testable import AttnCore

/// Layer settings, weight shapes and starting values, stage table, masks.
@Suite struct AttentionConfigTests {
    @Test func defaultsFollowTheSpec() throws {
        let config = try LayerConfig.make(dModel: 8, heads: 2)
        #expect(config.name == "attn")
        #expect(config.dHead == 4 && config.kvHeads == 2)
        #expect(!config.bias && config.initScheme == .xavier && config.seed == nil)
        #expect(config.temperature == 1 && config.scale == nil && config.dropout == 0)
        #expect(config.effectiveScale == 0.5)
        #expect(config.posenc == .none && config.ropeBase == 10000)
        #expect(config.masks.isEmpty && config.ablated.isEmpty)
    }

    @Test(arguments: [
        (8, 3, nil, nil, "heads=3 does not divide d_model=8"),
        (8, 4, nil, 3, "kv_heads=3 does not divide heads=4"),
        (8, 0, nil, nil, "heads must be positive"),
        (0, 2, nil, nil, "d_model must be positive"),
        (8, 2, 0, nil, "d_head must be positive"),
        (8, 2, nil, 0, "kv_heads must be positive"),
        (8, 2, Int.max, nil, "is too large"),
    ] as [(Int, Int, Int?, Int?, String)])
    func badDimensionsAreNamed(d: Int, h: Int, k: Int?, g: Int?, message: String) {
        #expect {
            _ = try LayerConfig.make(dModel: d, heads: h, dHead: k, kvHeads: g)
        } throws: { error in
            (error as? TensorError)?.message.contains(message) == true
        }
    }

    @Test func badSettingsAreNamed() throws {
        func message(_ build: () throws -> LayerConfig) -> String {
            do { _ = try build(); return "" } catch { return (error as? TensorError)?.message ?? "" }
        }
        #expect(message { try LayerConfig.make(dModel: 8, heads: 2, dropout: 1) }.contains("dropout must be in [0, 1)"))
        #expect(message { try LayerConfig.make(dModel: 8, heads: 2, dropout: -0.1) }.contains("dropout"))
        #expect(message { try LayerConfig.make(dModel: 8, heads: 2, temperature: 0) }.contains("temperature"))
        #expect(message { try LayerConfig.make(dModel: 8, heads: 2, scale: .nan) }.contains("scale"))
        #expect(message { try LayerConfig.make(dModel: 8, heads: 2, ropeBase: 0) }.contains("rope_base"))
        #expect(message { try LayerConfig.make(dModel: 8, heads: 2, ablated: [2]) }.contains("head 2 is ablated"))
        // An explicit d_head need not divide anything.
        #expect(try LayerConfig.make(dModel: 8, heads: 3, dHead: 5).dHead == 5)
    }

    @Test func resplitKeepsWeightShapesWhenDHeadIsDerived() throws {
        let two = try LayerConfig.make(dModel: 8, heads: 2)
        let four = try two.resplit(heads: 4)
        #expect(four.heads == 4 && four.dHead == 2 && four.kvHeads == 4)
        #expect(LayerWeights.expectedShape(of: "attn.Wq", config: four) == [8, 8])
        #expect(four.hasSameWeightShapes(as: two))
        let explicit = try LayerConfig.make(dModel: 8, heads: 2, dHead: 4)
        let grown = try explicit.resplit(heads: 4)
        #expect(grown.dHead == 4 && !grown.hasSameWeightShapes(as: explicit))
        #expect(throws: TensorError.self) { try two.resplit(heads: 3) }
        let grouped = try LayerConfig.make(dModel: 8, heads: 4, kvHeads: 2)
        #expect(try grouped.resplit(heads: 2).kvHeads == 2)
        #expect(throws: TensorError.self) { try grouped.resplit(heads: 1) }
        let ablated = try LayerConfig.make(dModel: 8, heads: 4, ablated: [3])
        #expect(throws: TensorError.self) { try ablated.resplit(heads: 2) }
    }

    @Test func weightShapesFollowSpec31() throws {
        let config = try LayerConfig.make(name: "enc", dModel: 6, heads: 4, dHead: 3, kvHeads: 2, bias: true)
        let expected: [String: [Int]] = [
            "enc.Wq": [6, 12], "enc.Wk": [6, 6], "enc.Wv": [6, 6], "enc.Wo": [12, 6],
            "enc.bq": [12], "enc.bk": [6], "enc.bv": [6], "enc.bo": [6],
        ]
        #expect(LayerWeights.names(for: config) == ["enc.Wq", "enc.Wk", "enc.Wv", "enc.Wo", "enc.bq", "enc.bk", "enc.bv", "enc.bo"])
        for (name, shape) in expected { #expect(LayerWeights.expectedShape(of: name, config: config) == shape, "\(name)") }
        #expect(LayerWeights.expectedShape(of: "attn.Wq", config: config) == nil)
        #expect(LayerWeights.expectedShape(of: "enc.P", config: config) == nil)
        let noBias = try LayerConfig.make(dModel: 6, heads: 2)
        #expect(LayerWeights.expectedShape(of: "attn.bq", config: noBias) == nil)
    }

    @Test func xavierDrawsRowMajorUniformsInOrder() throws {
        let config = try LayerConfig.make(dModel: 4, heads: 2, kvHeads: 1, bias: true)
        var random = RandomSource(seed: 11)
        let weights = try LayerWeights.initialise(config, using: &random)
        #expect(weights.map(\.name) == ["attn.Wq", "attn.Wk", "attn.Wv", "attn.Wo", "attn.bq", "attn.bk", "attn.bv", "attn.bo"])
        var check = RandomSource(seed: 11)
        for (name, tensor) in weights.prefix(4) {
            let shape = try #require(LayerWeights.expectedShape(of: name, config: config))
            #expect(tensor.shape == shape)
            let bound = (6 / Float(shape[0] + shape[1])).squareRoot()
            for value in tensor.scalars {
                #expect(abs(value - (2 * check.nextUniform() - 1) * bound) <= 1e-6 * bound, "\(name)")
                #expect(abs(value) <= bound)
            }
        }
        for (_, bias) in weights.dropFirst(4) { #expect(bias.scalars.allSatisfy { $0 == 0 }) }
        #expect(random == check, "biases draw nothing")
    }

    @Test func otherInitSchemes() throws {
        var random = RandomSource(seed: 5)
        let normal = try LayerWeights.initialise(try LayerConfig.make(dModel: 16, heads: 4, initScheme: .normal), using: &random)
        let values = normal.flatMap(\.tensor.scalars)
        let std = (values.map { $0 * $0 }.reduce(0, +) / Float(values.count)).squareRoot()
        #expect(abs(std - 0.02) < 0.003)
        let identity = try LayerWeights.initialise(try LayerConfig.make(dModel: 3, heads: 1, initScheme: .identity), using: &random)
        for (_, tensor) in identity {
            #expect(tensor.shape == [3, 3])
            for i in 0..<3 { for j in 0..<3 { #expect(tensor[[i, j]] == (i == j ? 1 : 0)) } }
        }
        let zeros = try LayerWeights.initialise(try LayerConfig.make(dModel: 4, heads: 2, initScheme: .zeros), using: &random)
        #expect(zeros.allSatisfy { $0.tensor.scalars.allSatisfy { $0 == 0 } })
        let before = random
        #expect {
            _ = try LayerWeights.initialise(try LayerConfig.make(dModel: 4, heads: 2, kvHeads: 1, initScheme: .identity), using: &random)
        } throws: { error in
            (error as? TensorError)?.message.contains("attn.Wk is [4, 2]") == true
        }
        #expect(random == before)
    }

    @Test func stageTable() throws {
        let names = AttentionStage.allCases.map(\.name)
        #expect(names == ["X", "Q", "K", "V", "scores", "scaled", "masked", "P", "Z", "concat", "out"])
        #expect(AttentionStage.allCases.map(\.number) == Array(1...11))
        #expect(AttentionStage(name: "P") == .p && AttentionStage(name: "p") == nil)
        #expect(AttentionStage.p.formula == "P = softmax(masked)")
        #expect(AttentionStage.scores.tensorName(layer: "enc") == "enc.scores")
        let config = try LayerConfig.make(dModel: 6, heads: 4, dHead: 3, kvHeads: 2)
        let shapes = AttentionStage.allCases.map { $0.shape(config, tq: 5, tk: 7) }
        #expect(shapes == [[5, 6], [4, 5, 3], [2, 7, 3], [2, 7, 3], [4, 5, 7], [4, 5, 7], [4, 5, 7], [4, 5, 7],
                           [4, 5, 3], [5, 12], [5, 6]])
    }
}

/// Descriptions and agreement with the tensor library's positional table.
@Suite struct AttentionDescriptionTests {
    @Test func describesTheLayerOnOneLine() throws {
        let plain = try LayerConfig.make(dModel: 8, heads: 2)
        #expect(plain.description == "attn · d_model 8 · heads 2 · d_head 4")
        let busy = try LayerConfig.make(name: "enc", dModel: 8, heads: 4, kvHeads: 2, bias: true,
                                        posenc: .rope, masks: [.causal, .window(2)], ablated: [1])
        #expect(busy.description == "enc · d_model 8 · heads 4 · d_head 2 · kv_heads 2 · bias · mask causal window 2 · posenc rope · ablated 1")
        #expect(busy.settings.first { $0.key == "mask" }?.value == "causal window 2")
    }

    @Test(arguments: [(1, 1), (5, 8), (4, 7), (6, 3)])
    func sinusoidalTableMatchesTensorSinusoidal(t: Int, d: Int) throws {
        let table = try PositionalEncoding.sinusoidalTable(positions: t, width: d)
        let other = try Tensor.sinusoidal(t, d)
        #expect(table.shape == [t, d])
        #expect(table.isClose(to: other, rtol: 1e-6, atol: 1e-7))
    }
}
