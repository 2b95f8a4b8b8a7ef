import AttnCore
import Testing

/// Interventions on a toy stack: zero ablation through `StackHeadModel`
/// equals the layer's own `ablate`, mean ablation and patching behave as defined.
@Suite("Head interventions on a toy stack")
struct StackInterventionTests {
    static func model(ablated: Set<Int> = []) throws -> StackHeadModel {
        let configs = try (0..<2).map { layer in
            try LayerConfig.make(name: "toy\(layer)", dModel: 8, heads: 2, posenc: .rope, masks: [.causal],
                                 ablated: layer == 1 ? ablated : [])
        }
        let stack = try StackModel<Float>.initial(configs: configs, mlpWidth: 0, vocabulary: 6, seed: 3)
        return StackHeadModel(model: stack) { length in try stack.geometries(length: length) }
    }

    @Test("zero ablation in the whole pass equals the layer's own ablation")
    func zeroMatchesLayerAblation() throws {
        let tokens = [0, 1, 2, 3, 1, 2]
        let ablated = try StackInterventionTests.model().trace(tokens, interventions: HeadInterventions(ablated: [HeadAddress(layer: 1, head: 1)]))
        let byLayer = try StackInterventionTests.model(ablated: [1]).trace(tokens)
        let (a, b) = (try #require(ablated.output), try #require(byLayer.output))
        let worst = zip(a.scalars, b.scalars).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst < 1e-5)
    }

    @Test("mean ablation replaces every row of the head by its mean; reusing the intact prefix changes nothing")
    func meanAblation() throws {
        let model = try StackInterventionTests.model()
        let tokens = [5, 4, 3, 2, 1]
        let intact = try model.trace(tokens)
        var z = intact.headOutputs[1]
        try HeadInterventions(ablated: [HeadAddress(layer: 1, head: 0)], mode: .mean).apply(layer: 1, to: &z)
        let k = z.shape[2]
        for i in 1..<5 { #expect(Array(z.scalars[(i * k)..<((i + 1) * k)]) == Array(z.scalars[0..<k])) }
        let interventions = HeadInterventions(ablated: [HeadAddress(layer: 1, head: 0)], mode: .mean)
        let fresh = try model.trace(tokens, interventions: interventions)
        let reused = try model.trace(tokens, interventions: interventions, reusing: intact)
        #expect(fresh.embedding == reused.embedding)
        #expect(ModelTrace.cosine(fresh.embedding, intact.embedding) < 1)
    }

    @Test("patching a head with its own output changes nothing; another sentence's output does")
    func patching() throws {
        let model = try StackInterventionTests.model()
        let (a, b) = ([0, 1, 2, 3], [0, 1, 2, 4])
        let runA = try model.trace(a), runB = try model.trace(b)
        let head = HeadAddress(layer: 1, head: 0)
        func slice(_ trace: ModelTrace) -> Tensor {
            let z = trace.headOutputs[1]
            let (t, k) = (z.shape[1], z.shape[2])
            return Tensor(unchecked: [t, k], scalars: Array(z.scalars[0..<(t * k)]))
        }
        let same = try model.trace(b, interventions: HeadInterventions(patches: [head: slice(runB)]))
        #expect(same.embedding == runB.embedding)
        let patched = try model.trace(b, interventions: HeadInterventions(patches: [head: slice(runA)]))
        #expect(patched.embedding != runB.embedding)
        #expect(throws: TensorError.self) {
            try model.trace([0, 1, 2], interventions: HeadInterventions(patches: [head: slice(runA)]))
        }
    }

    @Test("importance is zero for a head whose output projection is zero, and pruning everything ends the curve")
    func importanceAndPruning() throws {
        let base = try StackInterventionTests.model()
        var stack = base.model
        let k = stack.configs[0].dHead, d = stack.dModel
        for row in 0..<k { for column in 0..<d { stack.layers[0].wo[row * d + column] = 0 } }  // head 0.0 writes nothing
        let edited = stack
        let model = StackHeadModel(model: edited) { length in try edited.geometries(length: length) }
        let sentences = [[0, 1, 2, 3], [3, 2, 1, 0, 5]]
        let importance = try HeadImportance.importance(of: model, sentences: sentences, mode: .zero)
        #expect(importance.shape == [2, 2])
        #expect(abs(importance.scalars[0]) < 1e-6)
        #expect(importance.scalars.dropFirst().contains { $0 > 1e-6 })
        #expect(HeadImportance.order(importance).first == HeadAddress(layer: 0, head: 0))
        let curve = try HeadImportance.pruningCurve(of: model, sentences: sentences, importance: importance, mode: .zero, steps: 4)
        #expect(curve.first?.removed == 0 && abs((curve.first?.cosine ?? 0) - 1) < 1e-9)
        #expect(curve.last?.removed == 4 && curve.last?.share == 1)
    }

    @Test("rollout of uniform weights over two positions, and sinks by weight")
    func rolloutAndSinks() throws {
        let p = Tensor(unchecked: [1, 2, 2], scalars: [1, 0, 0.5, 0.5])
        let rollout = try AttentionRollout.rollout([p, p])
        // Â = rownorm(0.5·P + 0.5·I) = [[1, 0], [0.25, 0.75]]; Â·Â = [[1, 0], [0.4375, 0.5625]]
        #expect(zip(rollout.scalars, [1, 0, 0.4375, 0.5625] as [Float]).allSatisfy { abs($0 - $1) < 1e-6 })
        let sinks = AttentionSinks(p: p, norms: p)
        #expect(abs(sinks.firstByWeight - 0.75) < 1e-9 && abs(sinks.lastByWeight - 0.25) < 1e-9)
    }
}
