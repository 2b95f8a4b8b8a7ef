import Foundation

/// How token positions enter attention (docs/reference.md §3.4): not at all, a sinusoidal
/// table added to the input, rotary embeddings of Q and K, or ALiBi biases
/// on the scores.
public enum PositionalEncoding: String, Sendable, Equatable, CaseIterable {
    case none, sinusoidal, rope, alibi

    /// The sinusoidal table [T, D] of "Attention Is All You Need":
    /// PE[p, 2i] = sin(p / 10000^(2i/D)), PE[p, 2i+1] = cos(p / 10000^(2i/D)).
    ///
    /// With an odd D the last column is a sine with no cosine partner.
    public static func sinusoidalTable(positions: Int, width: Int) throws -> Tensor {
        var table = try Tensor(shape: [positions, width], repeating: 0)  // [T, D]
        // Computed in Double: p / 10000^(2i/D) loses digits in Float for long
        // sequences, and numpy references work in float64 before casting.
        for p in 0..<positions {
            for column in 0..<width {
                let pairIndex = column / 2
                let angle = Double(p) / pow(10000.0, Double(2 * pairIndex) / Double(width))
                table.scalars[p * width + column] = Float(column % 2 == 0 ? sin(angle) : cos(angle))
            }
        }
        return table
    }

    /// Adds the sinusoidal table to the rows of `x` [T, D] in place.
    static func addSinusoidal(to x: inout Tensor) throws {
        let table = try sinusoidalTable(positions: x.shape[0], width: x.shape[1])
        for index in 0..<x.scalars.count { x.scalars[index] += table.scalars[index] }
    }

    /// Rotary position embedding of a stack of head matrices [N, T, K], in place.
    ///
    /// For row p (its 0-based position) and pair i < K/2, with
    /// θ = p · base^(−2i/K):
    ///   x'[2i]   = x[2i] cos θ − x[2i+1] sin θ
    ///   x'[2i+1] = x[2i] sin θ + x[2i+1] cos θ
    /// With an odd K the last element has no partner and is left as it is.
    static func applyRope(to heads: inout Tensor, base: Double) {
        let (count, rows, width) = (heads.shape[0], heads.shape[1], heads.shape[2])
        for n in 0..<count {
            for p in 0..<rows {
                let rowStart = (n * rows + p) * width
                for i in 0..<(width / 2) {
                    // The angle in Double: p · base^(−2i/K) is large for late
                    // positions, and Float would lose the phase.
                    let theta = Double(p) * pow(base, -Double(2 * i) / Double(width))
                    let (c, s) = (cos(theta), sin(theta))
                    let x0 = Double(heads.scalars[rowStart + 2 * i])
                    let x1 = Double(heads.scalars[rowStart + 2 * i + 1])
                    heads.scalars[rowStart + 2 * i] = Float(x0 * c - x1 * s)
                    heads.scalars[rowStart + 2 * i + 1] = Float(x0 * s + x1 * c)
                }
            }
        }
    }

    /// The ALiBi slope of head h (0-based) among H: m_h = 2^(−8(h+1)/H).
    public static func alibiSlope(head h: Int, heads: Int) -> Float {
        Float(pow(2.0, -8.0 * Double(h + 1) / Double(heads)))
    }
}
