import Testing
@testable import AttnCore

/// The tiny model's gradients, Adam, and short training runs.
struct TrainingRunTests {
    /// A small setting that trains in well under a second in a debug build.
    static func prevSettings(steps: Int = 150) -> TrainingSettings {
        var settings = TrainingSettings(task: .prev)
        settings.length = 6
        settings.vocabulary = 5
        settings.steps = steps
        settings.batchSize = 16
        settings.learningRate = 0.01
        settings.heldOutCount = 100
        settings.seed = 1
        return settings
    }

    static func prevConfig(heads: Int = 1) throws -> LayerConfig {
        try LayerConfig.make(dModel: 8, heads: heads, posenc: .rope, masks: TrainingTask.prev.masks)
    }

    @Test("model gradients (embedding, layer, readout) match central differences in double",
          arguments: [PositionalEncoding.rope, .sinusoidal, .alibi])
    func modelGradients(_ posenc: PositionalEncoding) throws {
        let config = try LayerConfig.make(dModel: 6, heads: 2, kvHeads: 1, bias: true, posenc: posenc, masks: [.causal])
        var model = try TinyModel<Float>.initial(config: config, vocabulary: 5, seed: 4)
        // Non-zero biases, so that their paths carry gradient too.
        model.layer.arrays = model.layer.arrays.enumerated().map { index, array in
            index < 4 ? array : randomArray(array.count, seed: 50 + UInt64(index), spread: 0.3)
        }
        model.readoutBias = randomArray(5, seed: 60, spread: 0.3)
        var random = RandomSource(seed: 5)
        let batch = (0..<3).map { _ in TrainingTask.copy.example(length: 5, vocabulary: 5, offset: 1, using: &random) }
        let geometry = try AttentionGeometry(config: config, length: 5)
        let analytic = model.lossAndGradients(batch, geometry: geometry).gradients.arrays
        let twin = model.converted(to: Double.self)
        let names = ["E"] + AttentionWeights<Float>.suffixes(for: config) + ["Wout", "bout"]
        for (index, name) in names.enumerated() {
            let numeric = numericGradient(twin.arrays[index]) { values in
                var probe = twin
                probe.arrays[index] = values
                return probe.lossAndGradients(batch, geometry: geometry).loss
            }
            let error = relativeError(analytic[index].map(Double.init), numeric)
            #expect(error < 1e-3, "\(posenc) d\(name) relative error \(error)")
        }
    }

    @Test("Adam's first step moves every parameter by lr against its gradient's sign")
    func adamFirstStep() {
        // With m = (1 − β1)g and v = (1 − β2)g², the corrected ratio is g/|g|.
        var optimizer = AdamOptimizer(learningRate: 0.1)
        var parameters: [[Float]] = [[1, 2, 3], [-1]]
        optimizer.update(&parameters, gradients: [[0.5, -4, 1e-3], [2]])
        #expect(abs(parameters[0][0] - 0.9) < 1e-5 && abs(parameters[0][1] - 2.1) < 1e-5)
        #expect(abs(parameters[0][2] - 2.9) < 1e-3 && abs(parameters[1][0] + 1.1) < 1e-5)
    }

    @Test("Adam walks a quadratic to its minimum")
    func adamMinimises() {
        var optimizer = AdamOptimizer(learningRate: 0.05)
        var parameters: [[Float]] = [[4, -3]]
        for _ in 0..<500 {
            optimizer.update(&parameters, gradients: [parameters[0].map { 2 * ($0 - 1) }])
        }
        #expect(parameters[0].allSatisfy { abs($0 - 1) < 0.02 }, "\(parameters)")
    }

    @Test("a short seeded run learns prev to 99% held-out and its head is a previous-token head")
    func prevLearns() throws {
        let config = try Self.prevConfig()
        let outcome = try Trainer.run(config: config, settings: Self.prevSettings())
        #expect(outcome.bestEvaluation.score.accuracy >= 0.99, "\(outcome.evaluations.map(\.score.accuracy))")
        #expect(outcome.firstStepAtTarget != nil)
        #expect((outcome.losses.last ?? 9) < (outcome.losses.first ?? 0) / 4)
        let example = try #require(outcome.heldOut.first)
        let geometry = try AttentionGeometry(config: config, length: example.tokens.count)
        let pass = outcome.best.forward(example.tokens, geometry: geometry).pass
        let t = example.tokens.count
        let scores = try HeadPatternScores.detect(weights: Tensor(unchecked: [1, t, t], scalars: pass.p))
        #expect(scores.first?.name == "prev", "\(scores)")
    }

    @Test("the same seed trains to the same numbers")
    func deterministic() throws {
        let config = try Self.prevConfig()
        let a = try Trainer.run(config: config, settings: Self.prevSettings(steps: 20))
        let b = try Trainer.run(config: config, settings: Self.prevSettings(steps: 20))
        #expect(a.losses == b.losses)
        #expect(a.best.arrays == b.best.arrays)
    }

    @Test("different head counts see the same data and start from the same matrices")
    func sameDataAcrossHeads() throws {
        let one = try Trainer.run(config: Self.prevConfig(heads: 1), settings: Self.prevSettings(steps: 1))
        let two = try Trainer.run(config: Self.prevConfig(heads: 2), settings: Self.prevSettings(steps: 1))
        #expect(one.heldOut == two.heldOut)
        let start1 = try TinyModel<Float>.initial(config: Self.prevConfig(heads: 1), vocabulary: 5, seed: 1)
        let start2 = try TinyModel<Float>.initial(config: Self.prevConfig(heads: 2), vocabulary: 5, seed: 1)
        #expect(start1.arrays == start2.arrays)
    }

    @Test("shouldStop ends the loop cleanly and keeps the best weights seen")
    func stops() throws {
        var asked = 0
        var reports: [Int] = []
        var settings = Self.prevSettings(steps: 100)
        settings.evaluateEvery = 5
        let outcome = try Trainer.run(config: Self.prevConfig(), settings: settings,
                                      progress: { reports.append($0.step) },
                                      shouldStop: { asked += 1; return asked > 12 })
        #expect(outcome.stopped)
        #expect(outcome.stepsRun == 12)
        #expect(reports == [5, 10])
        #expect(outcome.bestEvaluation.step <= 10)
        #expect(outcome.evaluations.map(\.step) == [5, 10])
    }

    @Test("training with dropout is seeded and still learns prev")
    func dropoutRun() throws {
        var config = try Self.prevConfig()
        config.dropout = 0.1
        let outcome = try Trainer.run(config: config, settings: Self.prevSettings(steps: 200))
        #expect(outcome.bestEvaluation.score.accuracy >= 0.95, "\(outcome.bestEvaluation)")
    }
}
