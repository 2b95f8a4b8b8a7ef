import Testing
@testable import AttnCore

/// A broken workspace gives clear errors naming the tensor and both shapes.
@Suite struct AttentionErrorTests {
    let config: LayerConfig
    let workspace: [String: Tensor]
    let input: Tensor

    init() throws {
        config = try LayerConfig.make(dModel: 8, heads: 2)
        var random = RandomSource(seed: 2)
        workspace = Dictionary(uniqueKeysWithValues: try LayerWeights.initialise(config, using: &random).map { ($0.name, $0.tensor) })
        input = try Tensor.randn([5, 8], using: &random)
    }

    func failure(_ edit: (inout [String: Tensor]) throws -> Void, stage: AttentionStage = .out, input: Tensor? = nil) throws -> String {
        var workspace = try AttentionEngine.run(config: config, read: { try self.read($0) }, input: self.input, kv: nil)
            .reduce(into: self.workspace) { $0[$1.stage.tensorName(layer: "attn")] = $1.tensor }
        try edit(&workspace)
        do {
            _ = try AttentionEngine.compute(stage, config: config, read: { name in
                guard let t = workspace[name] else { throw TensorError("no tensor named \(name)") }
                return t
            }, input: input ?? self.input, kv: nil)
            return ""
        } catch let error as TensorError {
            return error.message
        }
    }

    func read(_ name: String) throws -> Tensor {
        guard let t = workspace[name] else { throw TensorError("no tensor named \(name)") }
        return t
    }

    @Test func wrongShapedWeight() throws {
        let message = try failure({ $0["attn.Wq"] = try Tensor(shape: [8, 6], repeating: 0) }, stage: .q)
        #expect(message.hasPrefix("weight attn.Wq has shape [8, 6] but layer attn"), "\(message)")
        #expect(message.hasSuffix("needs [8, 8]"), "\(message)")
    }

    @Test func wrongShapedStageTensor() throws {
        let message = try failure({ $0["attn.Q"] = try Tensor(shape: [2, 5, 3], repeating: 0) }, stage: .scores)
        #expect(message == "attn.Q has shape [2, 5, 3] but stage 5 (scores) needs [2, 5, 4] for Tq=5, Tk=5")
    }

    @Test func missingTensorPropagates() throws {
        let message = try failure({ $0["attn.Wo"] = nil }, stage: .out)
        #expect(message == "no tensor named attn.Wo")
    }

    @Test func wrongInput() throws {
        let message = try failure({ _ in }, stage: .x, input: try Tensor(shape: [5, 7], repeating: 0))
        #expect(message == "the input of layer attn must be [T, 8] (T tokens of d_model=8), got [5, 7]")
    }

    @Test func allBlockedRowsWarnAndStayFinite() throws {
        var blocked = config
        blocked.masks = [.pad(0)]
        let outputs = try AttentionEngine.run(config: blocked, read: read, input: input, kv: nil)
        let p = outputs[AttentionStage.p.number - 1]
        #expect(p.tensor.scalars.allSatisfy { $0 == 0 })
        #expect(p.warnings == ["query row(s) 0, 1, 2, 3, 4 of head 0; 0, 1, 2, 3, 4 of head 1 have every key blocked; their weights are all zero"])
        #expect(outputs.allSatisfy { $0.tensor.scalars.allSatisfy { !$0.isNaN } })
    }
}
