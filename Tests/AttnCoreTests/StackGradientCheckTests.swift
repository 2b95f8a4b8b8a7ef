import Testing
@testable import AttnCore

/// Hand-written gradients of a model of several layers on a residual stream,
/// with and without MLPs, checked against central differences in Double.
struct StackGradientCheckTests {
    struct Setting: Sendable, CustomTestStringConvertible {
        let label: String
        let depth: Int
        let mlpWidth: Int
        var posenc: PositionalEncoding = .rope
        var kvHeads: Int? = nil
        var ablatedInLayer1: Set<Int> = []
        var testDescription: String { label }
    }

    static let settings: [Setting] = [
        Setting(label: "2 layers, MLP 12, rope", depth: 2, mlpWidth: 12),
        Setting(label: "2 layers, attention only", depth: 2, mlpWidth: 0),
        Setting(label: "3 layers, MLP 6, sinusoidal, GQA, head 1 of layer 1 ablated", depth: 3, mlpWidth: 6,
                posenc: .sinusoidal, kvHeads: 1, ablatedInLayer1: [1]),
    ]

    static let tokens = [0, 3, 1, 4, 1, 2]
    static let targets: [Int?] = [nil, 1, 4, 1, 2, 0]

    static func model(_ setting: Setting) throws -> (StackModel<Float>, [AttentionGeometry]) {
        let configs = try (0..<setting.depth).map { layer in
            try LayerConfig.make(name: "m\(layer)", dModel: 8, heads: 2, kvHeads: setting.kvHeads, bias: true,
                                 posenc: setting.posenc, masks: [.causal],
                                 ablated: layer == 1 ? setting.ablatedInLayer1 : [])
        }
        var model = StackModel<Float>(zerosFor: configs, mlpWidth: setting.mlpWidth, vocabulary: 5)
        // Random values everywhere (biases too), so that no gradient is zero by construction.
        model.arrays = model.arrays.enumerated().map { index, array in
            randomArray(array.count, seed: 300 + UInt64(index), spread: 0.5)
        }
        return (model, try model.geometries(length: tokens.count))
    }

    @Test("every parameter of the stack matches central differences (relative error < 1e-3)", arguments: settings)
    func stackGradients(_ setting: Setting) throws {
        let (model, geometries) = try Self.model(setting)
        let example = TrainingExample(tokens: Self.tokens, targets: Self.targets)
        let analytic = model.lossAndGradients([example], geometries: geometries).gradients
        let twin = model.converted(to: Double.self)
        func loss(_ probe: StackModel<Double>) -> Double {
            probe.lossAndGradients([example], geometries: geometries).loss
        }
        let names = model.arrayNames
        #expect(names.count == analytic.arrays.count)
        for (index, name) in names.enumerated() {
            let numeric = numericGradient(twin.arrays[index]) { values in
                var probe = twin
                probe.arrays[index] = values
                return loss(probe)
            }
            let computed = analytic.arrays[index].map(Double.init)
            // Without RoPE dL/dbk is exactly 0 (it adds one number to a whole
            // row of scores), so both sides are rounding noise (the analytic side
            // in Float): check it vanishes next to gradients of order 0.1.
            if name.hasSuffix(".bk") && setting.posenc != .rope {
                let largest = (computed + numeric).map(abs).max() ?? 0
                #expect(largest < 1e-4, "\(setting.label): d\(name) should vanish, is \(largest)")
                continue
            }
            let error = relativeError(computed, numeric, floor: 1e-4)
            #expect(error < 1e-3, "\(setting.label): d\(name) relative error \(error)")
        }
    }

    @Test("a model with zero layers' outputs is embedding then unembedding")
    func residualPassesTheEmbeddingThrough() throws {
        let (base, geometries) = try Self.model(Self.settings[0])
        var model = base
        for layer in 0..<model.depth {
            model.layers[layer].wo = model.layers[layer].wo.map { _ in 0 }
            model.layers[layer].bo = model.layers[layer].bo.map { _ in 0 }
            model.mlps[layer].w2 = model.mlps[layer].w2.map { _ in 0 }
            model.mlps[layer].b2 = model.mlps[layer].b2.map { _ in 0 }
        }
        let pass = model.forward(Self.tokens, geometries: geometries)
        #expect(pass.streams.count == model.depth + 1)
        #expect(pass.streams.last == model.embed(Self.tokens))
    }
}
