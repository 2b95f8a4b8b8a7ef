import AttnCore
import AttnTestSupport
import Foundation
import Testing
@testable import AttnLang

/// Models of several layers as a user types them: `model new`, `model run`,
/// `model layer`, `model heads`, and `train layers=`.
struct StackModelCommandTests {
    static func run(_ source: String) -> (session: Session, output: [String], errors: [String]) {
        TrainCommandTests.run(source)
    }

    static func maxDifference(_ a: Tensor?, _ b: [Float]) -> Float {
        guard let a, a.count == b.count else { return .infinity }
        return zip(a.scalars, b).map { abs($0 - $1) }.max() ?? 0
    }

    @Test("model new makes L ordinary layers, an embedding and an unembedding in the workspace")
    func newModel() throws {
        let (session, output, errors) = Self.run("model new lm layers=3 d_model=8 heads=2 kv_heads=1 mlp=6 vocab=7 posenc=alibi seed=2")
        #expect(errors.isEmpty, "\(errors)")
        #expect(output.first?.hasPrefix("model lm: 3 layers, d_model 8, heads 2, kv_heads 1, ReLU MLP 6, vocab 7, posenc alibi, mask causal") == true, "\(output)")
        let state = session.state
        #expect(state.currentLayer == "lm0" && state.activeModel == .stack)
        for name in ["lm0", "lm1", "lm2"] {
            let config = try #require(state.layers[name]?.config)
            #expect(config.kvHeads == 1 && config.posenc == .alibi && config.masks == [.causal])
            #expect(state.workspace["\(name).W1"]?.shape == [8, 6] && state.workspace["\(name).W2"]?.shape == [6, 8])
        }
        #expect(state.workspace["lm.E"]?.shape == [7, 8] && state.workspace["lm.U"]?.shape == [8, 7] && state.workspace["lm.u"]?.shape == [7])
    }

    @Test("each layer's input is the last one's input plus its attention output (attention only)")
    func residualStream() throws {
        let (session, _, errors) = Self.run("""
            model new layers=2 d_model=8 heads=2 vocab=6 seed=3
            model run a b c a b
            model layer 0
            """)
        #expect(errors.isEmpty, "\(errors)")
        let state = session.state
        let x0 = try #require(state.workspace["toy0.X"])
        let out0 = try #require(state.workspace["toy0.out"])
        let x1 = try #require(state.stack?.streams[1])
        #expect(Self.maxDifference(x1, zip(x0.scalars, out0.scalars).map(+)) < 1e-5)
        // x₀ is the embedding's rows for a b c a b.
        let embedding = try #require(state.workspace["toy.E"])
        let rows = [0, 1, 2, 0, 1].flatMap { Array(embedding.scalars[($0 * 8)..<(($0 + 1) * 8)]) }
        #expect(Self.maxDifference(x0, rows) == 0)
        #expect(state.labels["X"] == ["a", "b", "c", "a", "b"])
    }

    @Test("model layer L opens layer L on its input; ablating a head of layer 0 changes what layer 1 reads")
    func layersAndAblation() throws {
        let (session, output, errors) = Self.run("""
            model new layers=2 d_model=8 heads=2 vocab=6 seed=3
            model run a b c a b
            model layer 1
            before = X
            model layer 0
            ablate 0
            model run a b c a b
            model layer 1
            """)
        #expect(errors.isEmpty, "\(errors)")
        let state = session.state
        #expect(state.currentLayer == "toy1")
        #expect(output.contains { $0.hasPrefix("layer toy1: layer 1 of model toy; X = its input [5, 8]") }, "\(output)")
        let before = try #require(state.workspace["before"])
        let after = try #require(state.workspace["X"])
        #expect(Self.maxDifference(after, before.scalars) > 1e-3)
        #expect(state.layers["toy0"]?.config.ablated == [0])
    }

    @Test("model heads prints one line per layer and head: its best pattern and score")
    func headsLines() throws {
        let (_, output, errors) = Self.run("model new layers=2 d_model=12 heads=3 vocab=8 seed=1\nmodel heads")
        #expect(errors.isEmpty, "\(errors)")
        let pattern = try Regex(#"^([01])\.([012]) +(previous token|induction|duplicate token|self|first token) +[01]\.\d\d "#)
        let lines = output.filter { $0.firstMatch(of: pattern) != nil }
        #expect(lines.count == 6, "\(output)")
    }

    @Test("train task=induction runs with layers=1 and layers=2", arguments: [1, 2])
    func inductionRuns(_ layers: Int) throws {
        let (session, output, errors) = Self.run("train task=induction layers=\(layers) d_model=8 T=8 vocab=8 steps=20 batch=4")
        #expect(errors.isEmpty, "\(errors)")
        #expect(session.state.stack?.depth == layers)
        #expect(output.contains { $0.hasPrefix("held-out accuracy ") }, "\(output)")
        // Every report line names the strongest head of each layer.
        let reports = output.filter { $0.hasPrefix("step ") }
        #expect(!reports.isEmpty && reports.allSatisfy { $0.contains("L\(layers - 1).0 ") }, "\(reports)")
    }

    @Test("train task=pair heads=1,2 compares head counts on a stack with V² outputs")
    func pairComparison() throws {
        let (session, output, errors) = Self.run("train task=pair heads=1,2 d_model=8 vocab=4 steps=20 batch=4")
        #expect(errors.isEmpty, "\(errors)")
        #expect(session.state.workspace["toy.U"]?.shape == [8, 16])
        let header = try #require(output.firstIndex { $0.hasPrefix("heads  d_head  steps to 99.0%") })
        #expect(output[header + 1].hasPrefix("    1  ") && output[header + 2].hasPrefix("    2  "), "\(output)")
    }

    @Test("a trained stack runs again with its own settings: train without layers= retrains it")
    func retrainCurrentModel() throws {
        let (session, output, errors) = Self.run("model new lm layers=2 d_model=8 heads=2 mlp=4 vocab=5\ntrain task=prev steps=10 batch=4 T=6")
        #expect(errors.isEmpty, "\(errors)")
        #expect(output.contains { $0.contains("model lm: 2 layers on a residual stream, d_model 8, heads 2, ReLU MLP 4") }, "\(output)")
        #expect(session.state.stack?.name == "lm" && session.state.workspace["lm.E"]?.shape == [8, 8])
    }
}
