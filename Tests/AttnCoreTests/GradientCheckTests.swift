import Testing
@testable import AttnCore

/// One layer setting whose hand-written gradients are checked.
struct GradientCase: Sendable, CustomTestStringConvertible {
    let label: String
    var masks: [MaskSpec] = []
    var posenc: PositionalEncoding = .none
    var heads = 2
    var kvHeads: Int? = nil
    var bias = true
    var dropout: Float = 0
    var temperature: Float = 1
    var scale: Float? = nil
    var ablated: Set<Int> = []

    var testDescription: String { label }

    static let all: [GradientCase] = [
        GradientCase(label: "no mask"),
        GradientCase(label: "causal", masks: [.causal]),
        GradientCase(label: "window 1", masks: [.window(1)]),
        GradientCase(label: "pad 3", masks: [.pad(3)]),
        // Position 4 lies past the segments: its row is all blocked.
        GradientCase(label: "block 2,2 (a fully blocked row)", masks: [.block([2, 2])]),
        GradientCase(label: "tensor mask per head", masks: [.tensor("m")]),
        GradientCase(label: "causal and window", masks: [.causal, .window(2)]),
        GradientCase(label: "sinusoidal", masks: [.causal], posenc: .sinusoidal),
        GradientCase(label: "rope", masks: [.causal], posenc: .rope),
        GradientCase(label: "rope, odd d_head", posenc: .rope, heads: 1, bias: false),
        GradientCase(label: "alibi", masks: [.causal], posenc: .alibi, heads: 4),
        GradientCase(label: "grouped-query H4 G2", masks: [.causal], posenc: .rope, heads: 4, kvHeads: 2),
        GradientCase(label: "multi-query H4 G1", posenc: .alibi, heads: 4, kvHeads: 1),
        GradientCase(label: "no bias", masks: [.causal], bias: false),
        GradientCase(label: "dropout 0.3", masks: [.causal], dropout: 0.3),
        GradientCase(label: "temperature and scale", temperature: 2.5, scale: 0.7),
        GradientCase(label: "ablated head", heads: 4, ablated: [1]),
    ]

    /// d_model 6 normally; "odd d_head" uses d_model 5 with one head (K = 5).
    var config: LayerConfig {
        get throws {
            let dModel = label.contains("odd") ? 5 : 8
            return try LayerConfig.make(dModel: dModel, heads: heads, kvHeads: kvHeads, bias: bias, seed: 3,
                                        temperature: temperature, scale: scale, dropout: dropout,
                                        posenc: posenc, masks: masks, ablated: ablated)
        }
    }
}

/// Random numbers for gradient checks: N(0, spread²), seeded.
func randomArray(_ count: Int, seed: UInt64, spread: Float = 0.6) -> [Float] {
    var random = RandomSource(seed: seed)
    return (0..<count).map { _ in random.nextNormal() * spread }
}

/// ‖a − b‖ / max(‖a‖, ‖b‖, floor).
///
/// The floor keeps a gradient that is zero in exact arithmetic from being
/// judged by its rounding noise: without RoPE, dL/dbk is exactly 0 (q·bk
/// adds the same number to every score of a row, and softmax ignores that),
/// so both sides are float rounding noise (~1e-6) and their ratio means
/// nothing. Other gradients here are of order 1, far above the floor.
func relativeError(_ a: [Double], _ b: [Double], floor: Double = 1e-2) -> Double {
    var difference = 0.0, normA = 0.0, normB = 0.0
    for (x, y) in zip(a, b) {
        difference += (x - y) * (x - y)
        normA += x * x
        normB += y * y
    }
    return difference.squareRoot() / max(normA.squareRoot(), normB.squareRoot(), floor)
}

/// Central differences in Double of `loss` at `values`, one element at a time.
func numericGradient(_ values: [Double], step: Double = 1e-6, loss: ([Double]) -> Double) -> [Double] {
    var probe = values
    return values.indices.map { index in
        probe[index] = values[index] + step
        let up = loss(probe)
        probe[index] = values[index] - step
        let down = loss(probe)
        probe[index] = values[index]
        return (up - down) / (2 * step)
    }
}

struct GradientCheckTests {
    static let length = 5

    /// A head-wise tensor mask [H, T, T] with a varied pattern (and key 0 always allowed).
    static func maskTensor(heads: Int) -> Tensor {
        let t = length
        let scalars = (0..<(heads * t * t)).map { index -> Float in
            let (h, i, j) = (index / (t * t), index / t % t, index % t)
            return j == 0 || (i + j + h) % 3 != 0 ? 1 : 0
        }
        return Tensor(unchecked: [heads, t, t], scalars: scalars)
    }

    @Test("every parameter's gradient matches central differences (relative error < 1e-3)",
          arguments: GradientCase.all)
    func layerGradients(_ setting: GradientCase) throws {
        let config = try setting.config
        let t = Self.length
        let mask = Self.maskTensor(heads: config.heads)
        let geometry = try AttentionGeometry(config: config, length: t) { _ in mask }
        var weights = AttentionWeights<Float>(zerosFor: config)
        weights.arrays = weights.arrays.enumerated().map { index, array in
            randomArray(array.count, seed: 100 + UInt64(index))
        }
        let input = randomArray(t * config.dModel, seed: 7, spread: 1)
        let upstream = randomArray(t * config.dModel, seed: 8, spread: 1)  // loss = Σ out ⊙ upstream
        let dropout: [Float]? = geometry.dropoutFactors(seed: 11)
        let pass = AttentionPass(input: input, weights: weights, geometry: geometry, dropout: dropout)
        let analytic = pass.backward(outputGradient: upstream, weights: weights, geometry: geometry, dropout: dropout)

        let twin = weights.converted(to: Double.self)
        let inputTwin = input.map(Double.init)
        let upstreamTwin = upstream.map(Double.init)
        let dropoutTwin = dropout?.map(Double.init)
        func loss(_ w: AttentionWeights<Double>, _ x: [Double]) -> Double {
            let out = AttentionPass(input: x, weights: w, geometry: geometry, dropout: dropoutTwin).out
            return zip(out, upstreamTwin).reduce(0) { $0 + $1.0 * $1.1 }
        }
        let suffixes = AttentionWeights<Float>.suffixes(for: config)
        #expect(suffixes.count == (setting.bias ? 8 : 4))
        for (index, suffix) in suffixes.enumerated() {
            let numeric = numericGradient(twin.arrays[index]) { values in
                var probe = twin
                probe.arrays[index] = values
                return loss(probe, inputTwin)
            }
            let error = relativeError(analytic.weights.arrays[index].map(Double.init), numeric)
            #expect(error < 1e-3, "\(setting.label): d\(suffix) relative error \(error)")
            let size = numeric.reduce(0) { $0 + $1 * $1 }.squareRoot()
            if suffix == "bk" && config.posenc != .rope {
                #expect(size < 1e-6, "\(setting.label): dbk should vanish without RoPE, is \(size)")
            } else {
                #expect(size > 1e-2, "\(setting.label): d\(suffix) is too small (\(size)) to check anything")
            }
        }
        let numericInput = numericGradient(inputTwin) { loss(twin, $0) }
        let inputError = relativeError(analytic.input.map(Double.init), numericInput)
        #expect(inputError < 1e-3, "\(setting.label): dX relative error \(inputError)")
    }

    @Test("the trainable pass computes what the reference engine computes", arguments: GradientCase.all)
    func forwardMatchesReference(_ setting: GradientCase) throws {
        let config = try setting.config
        let t = Self.length
        let mask = Self.maskTensor(heads: config.heads)
        var weights = AttentionWeights<Float>(zerosFor: config)
        weights.arrays = weights.arrays.enumerated().map { index, array in
            randomArray(array.count, seed: 200 + UInt64(index))
        }
        var named = Dictionary(uniqueKeysWithValues: weights.tensors(config: config).map { ($0.name, $0.tensor) })
        named["m"] = mask
        let input = randomArray(t * config.dModel, seed: 9, spread: 1)
        let stages = try AttentionReference.forward(config: config, weights: { name in
            guard let tensor = named[name] else { throw TensorError("no \(name)") }
            return tensor
        }, input: Tensor(unchecked: [t, config.dModel], scalars: input), kv: nil)
        let geometry = try AttentionGeometry(config: config, length: t) { _ in mask }
        // The engine draws dropout from the layer's seed, as geometry does here.
        let dropout: [Float]? = geometry.dropoutFactors(seed: config.seed ?? 0)
        let pass = AttentionPass(input: input, weights: weights, geometry: geometry, dropout: dropout)
        let outError = zip(pass.out, stages[.out]?.scalars ?? []).map { abs($0 - $1) }.max() ?? 1
        let weightError = zip(pass.weights, stages[.p]?.scalars ?? []).map { abs($0 - $1) }.max() ?? 1
        #expect(pass.out.count == stages[.out]?.count)
        #expect(outError < 1e-4, "\(setting.label): out differs by \(outError)")
        #expect(weightError < 1e-5, "\(setting.label): P differs by \(weightError)")
    }
}
