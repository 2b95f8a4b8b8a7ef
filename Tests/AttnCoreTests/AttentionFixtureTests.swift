import Testing
@testable import AttnCore

/// Every stage of the engine and of the reference against the numpy
/// implementation of docs/reference.md §3 (Fixtures/attention/make_attention.py).
@Suite struct AttentionFixtureTests {
    @Test func fixturesArePresent() {
        #expect(AttentionFixture.caseNames.count >= 25)
    }

    /// Steps through the stages like the shell: each result is stored in
    /// the workspace and the next stage reads it from there.
    @Test(arguments: AttentionFixture.caseNames)
    func engineStagesMatchNumpy(caseName: String) throws {
        let fixture = try AttentionFixture(caseName)
        var workspace = fixture.workspace
        var warnings: [String] = []
        for stage in AttentionStage.allCases {
            let output = try AttentionEngine.compute(stage, config: fixture.config, read: { name in
                guard let tensor = workspace[name] else { throw TensorError("no tensor named \(name)") }
                return tensor
            }, input: fixture.input, kv: fixture.kv)
            #expect(output.stage == stage)
            let expected = try #require(fixture.expected[stage.name])
            let matches = AttentionFixture.agree(output.tensor, expected)
            #expect(matches, "\(caseName) stage \(stage.name): shape \(output.tensor.shape) vs \(expected.shape), largest difference \(AttentionFixture.largestDifference(output.tensor, expected))")
            #expect(!output.tensor.scalars.contains { $0.isNaN }, "\(caseName) stage \(stage.name) has NaN")
            workspace[stage.tensorName(layer: "attn")] = output.tensor
            for extra in output.extras { workspace[extra.name] = extra.tensor }
            warnings += output.warnings
        }
        let mask = try #require(workspace["attn.mask"])
        #expect(mask == fixture.expected["mask"], "\(caseName) mask")
        if fixture.blockedRows.isEmpty {
            #expect(warnings.isEmpty, "\(caseName): \(warnings)")
        } else {
            #expect(warnings.count == 1, "\(caseName) warns once: \(warnings)")
            let heads = Set(fixture.blockedRows.map { $0[0] })
            for head in heads {
                let rows = fixture.blockedRows.filter { $0[0] == head }.map { String($0[1]) }
                #expect(warnings.first?.contains(rows.joined(separator: ", ") + " of head \(head)") == true,
                        "\(caseName): \(warnings)")
            }
        }
    }

    @Test(arguments: AttentionFixture.caseNames)
    func referenceMatchesNumpy(caseName: String) throws {
        let fixture = try AttentionFixture(caseName)
        let stages = try AttentionReference.forward(config: fixture.config, weights: fixture.read,
                                                    input: fixture.input, kv: fixture.kv)
        for stage in AttentionStage.allCases {
            let actual = try #require(stages[stage])
            let expected = try #require(fixture.expected[stage.name])
            let matches = AttentionFixture.agree(actual, expected)
            #expect(matches, "\(caseName) stage \(stage.name): largest difference \(AttentionFixture.largestDifference(actual, expected))")
        }
    }

    @Test(arguments: AttentionFixture.caseNames)
    func runEqualsEveryStep(caseName: String) throws {
        let fixture = try AttentionFixture(caseName)
        let outputs = try AttentionEngine.run(config: fixture.config, read: fixture.read,
                                              input: fixture.input, kv: fixture.kv)
        #expect(outputs.map(\.stage) == AttentionStage.allCases)
        for output in outputs {
            let expected = try #require(fixture.expected[output.stage.name])
            let matches = AttentionFixture.agree(output.tensor, expected)
            #expect(matches, "\(caseName) stage \(output.stage.name)")
        }
    }

    /// docs/reference.md §3.1: `set heads=4` on D = 8 keeps the weights, and the numpy
    /// case made with the same weights and four heads agrees.
    @Test func resplitHeadsKeepsWeightsAndMatchesNumpy() throws {
        let two = try AttentionFixture("resplit_h2")
        let four = try AttentionFixture("resplit_h4")
        #expect(two.workspace == four.workspace)
        let resplit = try two.config.resplit(heads: 4)
        #expect(resplit.dHead == 2 && resplit.kvHeads == 4)
        #expect(resplit.hasSameWeightShapes(as: two.config))
        let stages = try AttentionEngine.forward(config: resplit, read: two.read, input: two.input, kv: nil)
        for stage in AttentionStage.allCases {
            let actual = try #require(stages[stage])
            let expected = try #require(four.expected[stage.name])
            let matches = AttentionFixture.agree(actual, expected)
            #expect(matches, "stage \(stage.name)")
        }
        #expect(try #require(stages[.out]) != two.expected["out"])
    }
}
