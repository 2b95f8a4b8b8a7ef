import Foundation

/// The constant parts of a self-attention pass over T positions: which keys
/// each query may see, the ALiBi biases, the RoPE angles, the sinusoidal
/// table, and the score factor. Nothing here is trained; the forward and
/// backward passes of `AttentionPass` read it.
///
///     allowed[h, i, j]  the combined mask (docs/reference.md §3.3) [H, T, T]
///     bias[h, i, j]     −m_h·|i − j| under ALiBi, else 0         [H, T, T]
///     cos/sin[p, i]     of θ = p·base^(−2i/K) under RoPE          [T, K/2]
///     positions[p, c]   the sinusoidal table under sinusoidal    [T, D]
///     factor            scale / temperature
public struct AttentionGeometry: Sendable {
    public let config: LayerConfig
    /// T, the sequence length (queries and keys alike: self attention).
    public let length: Int
    let allowed: [Bool]
    let bias: [Double]
    let ropeCos: [Double]
    let ropeSin: [Double]
    let positions: [Double]
    /// The factor on Q·Kᵀ at stage 6: scale / temperature.
    public let factor: Double

    /// The constants for `config` over `length` positions; tensor masks are read through `read`.
    public init(config: LayerConfig, length: Int, read: (String) throws -> Tensor = { name in
        throw TensorError("mask tensor `\(name)` is not available here")
    }) throws {
        try config.validate()
        guard length > 0 else { throw TensorError("a training sequence needs at least one position, got T=\(length)") }
        try MemoryLimit.check(elements: length.multipliedReportingOverflow(by: length).partialValue)
        self.config = config
        self.length = length
        let (h, t, k) = (config.heads, length, config.dHead)
        let mask = try MaskSpec.combined(config.masks, heads: h, queries: t, keys: t, read: read)
        var allowed = [Bool](repeating: true, count: h * t * t)
        var bias = [Double](repeating: 0, count: h * t * t)
        for head in 0..<h {
            let slope = Double(PositionalEncoding.alibiSlope(head: head, heads: h))
            for i in 0..<t {
                for j in 0..<t {
                    let index = (head * t + i) * t + j
                    allowed[index] = (mask.rank == 3 ? mask.scalars[index] : mask.scalars[i * t + j]) != 0
                    if config.posenc == .alibi { bias[index] = -slope * Double(abs(i - j)) }
                }
            }
        }
        self.allowed = allowed
        self.bias = bias
        var cosines: [Double] = []
        var sines: [Double] = []
        if config.posenc == .rope {
            for p in 0..<t {
                for pair in 0..<(k / 2) {
                    let theta = Double(p) * pow(config.ropeBase, -Double(2 * pair) / Double(k))
                    cosines.append(cos(theta))
                    sines.append(sin(theta))
                }
            }
        }
        ropeCos = cosines
        ropeSin = sines
        positions = config.posenc == .sinusoidal
            ? try PositionalEncoding.sinusoidalTable(positions: t, width: config.dModel).scalars.map(Double.init)
            : []
        factor = Double(config.effectiveScale) / Double(config.temperature)
    }

    /// Turns each row p of the head stack `heads` [N, T, K] by RoPE (or, with
    /// `transposed`, by the inverse rotation, which is the gradient's path):
    ///   y[2i] = x[2i] cos θ − x[2i+1] sin θ,  y[2i+1] = x[2i] sin θ + x[2i+1] cos θ.
    func rotate<S: TrainingScalar>(_ heads: inout [S], count: Int, transposed: Bool = false) {
        guard !ropeCos.isEmpty else { return }
        let (t, k) = (length, config.dHead)
        let pairs = k / 2
        for n in 0..<count {
            for p in 0..<t {
                let row = (n * t + p) * k
                for pair in 0..<pairs {
                    let c = S(ropeCos[p * pairs + pair])
                    let s = transposed ? -S(ropeSin[p * pairs + pair]) : S(ropeSin[p * pairs + pair])
                    let x0 = heads[row + 2 * pair], x1 = heads[row + 2 * pair + 1]
                    heads[row + 2 * pair] = x0 * c - x1 * s
                    heads[row + 2 * pair + 1] = x0 * s + x1 * c
                }
            }
        }
    }

    /// The inverted-dropout factors for one pass, [H, T, T]: 1/(1 − rate) kept,
    /// 0 dropped, drawn as the engine draws them (one uniform per weight,
    /// row-major, kept when u ≥ rate); nil when the layer has no dropout.
    public func dropoutFactors<S: TrainingScalar>(seed: UInt64, as: S.Type = S.self) -> [S]? {
        guard config.dropout > 0 else { return nil }
        var random = RandomSource(seed: seed)
        let keep = S(1 / (1 - config.dropout))
        return (0..<(config.heads * length * length)).map { _ in random.nextUniform() >= config.dropout ? keep : 0 }
    }
}
