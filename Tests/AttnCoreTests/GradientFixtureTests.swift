import Testing
@testable import AttnCore

/// The hand-written backward pass against gradients that numpy computed by
/// central differences of its own float64 forward pass
/// (`Fixtures/gradients/make_gradient_fixtures.py`).
struct GradientFixtureTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let config: @Sendable () throws -> LayerConfig
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "gqa_rope_causal") {
            try LayerConfig.make(dModel: 8, heads: 4, kvHeads: 2, bias: true, posenc: .rope, masks: [.causal])
        },
        Case(name: "alibi_block") {
            try LayerConfig.make(dModel: 6, heads: 2, bias: true, temperature: 2, scale: 0.5, posenc: .alibi,
                                 masks: [.block([2, 2])])
        },
        Case(name: "sinusoidal_window") {
            try LayerConfig.make(dModel: 8, heads: 2, kvHeads: 1, bias: true, posenc: .sinusoidal, masks: [.window(1)])
        },
    ]

    @Test("backward matches numpy's central differences", arguments: cases)
    func matchesNumpy(_ fixture: Case) throws {
        let config = try fixture.config()
        let weights = try AttentionWeights<Float>(config: config) { name in
            try Fixture.tensor("gradients/\(fixture.name)_\(name.dropFirst(config.name.count + 1))")
        }
        let x = try Fixture.tensor("gradients/\(fixture.name)_X")
        let upstream = try Fixture.tensor("gradients/\(fixture.name)_R")
        let geometry = try AttentionGeometry(config: config, length: x.shape[0])
        let pass = AttentionPass(input: x.scalars, weights: weights, geometry: geometry)
        let (gradients, dInput) = pass.backward(outputGradient: upstream.scalars, weights: weights, geometry: geometry)
        for (suffix, analytic) in zip(AttentionWeights<Float>.suffixes(for: config), gradients.arrays) {
            let expected = try Fixture.tensor("gradients/\(fixture.name)_d\(suffix)")
            #expect(expected.count == analytic.count)
            let error = relativeError(analytic.map(Double.init), expected.scalars.map(Double.init))
            #expect(error < 1e-3, "\(fixture.name): d\(suffix) relative error \(error)")
        }
        let expectedInput = try Fixture.tensor("gradients/\(fixture.name)_dX")
        let inputError = relativeError(dInput.map(Double.init), expectedInput.scalars.map(Double.init))
        #expect(inputError < 1e-3, "\(fixture.name): dX relative error \(inputError)")
    }
}
