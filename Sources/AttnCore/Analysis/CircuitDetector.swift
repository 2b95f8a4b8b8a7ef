/// The patterns of heads that take part in induction circuits (Olsson et
/// al. 2022), each scored in [0, 1] from a head's weights P [T, T] and the
/// tokens of the sequence:
///
/// - previous token: mean over queries i ≥ 1 of P[i, i−1];
/// - induction: over queries i whose token occurred before at some j < i − 1,
///   the mean of Σ_j P[i, j + 1] (the token after each earlier occurrence);
/// - duplicate token: over the same kind of queries (any earlier j < i), the
///   mean of Σ_j P[i, j] (the earlier occurrences themselves);
/// - self: mean over queries of P[i, i];
/// - first token: mean over queries of P[i, 0].
///
/// Scores are averaged over sequences by summing each pattern's numerator
/// and its count of eligible queries separately.
public enum CircuitPattern: String, Sendable, CaseIterable, CustomStringConvertible {
    case previousToken = "previous token"
    case induction
    case duplicateToken = "duplicate token"
    case selfToken = "self"
    case firstToken = "first token"

    public var description: String { rawValue }
}

/// One head's `CircuitPattern` scores, accumulated over sequences.
public struct CircuitScores: Sendable, Equatable {
    private var sums: [CircuitPattern: Double] = [:]
    private var counts: [CircuitPattern: Int] = [:]

    public init() {}

    /// The score of `pattern`: the mean over eligible queries, 0 when there were none.
    public func score(_ pattern: CircuitPattern) -> Float {
        guard let count = counts[pattern], count > 0 else { return 0 }
        return Float((sums[pattern] ?? 0) / Double(count))
    }

    /// The pattern with the highest score (the first in case order on ties).
    public var best: CircuitPattern {
        var winner = CircuitPattern.previousToken
        for pattern in CircuitPattern.allCases where score(pattern) > score(winner) { winner = pattern }
        return winner
    }

    /// Adds one sequence: `weights` is one head's P [T, T] (row-major), `tokens` its T tokens.
    public mutating func add<S: TrainingScalar>(weights: ArraySlice<S>, tokens: [Int]) {
        let t = tokens.count
        let base = weights.startIndex
        func p(_ i: Int, _ j: Int) -> Double { Double(weights[base + i * t + j]) }
        for i in 0..<t {
            add(.selfToken, p(i, i))
            add(.firstToken, p(i, 0))
            if i >= 1 { add(.previousToken, p(i, i - 1)) }
            let earlier = (0..<i).filter { tokens[$0] == tokens[i] }
            if !earlier.isEmpty { add(.duplicateToken, earlier.reduce(0) { $0 + p(i, $1) }) }
            let followed = earlier.filter { $0 + 1 < i }
            if !followed.isEmpty { add(.induction, followed.reduce(0) { $0 + p(i, $1 + 1) }) }
        }
    }

    private mutating func add(_ pattern: CircuitPattern, _ value: Double) {
        sums[pattern, default: 0] += value
        counts[pattern, default: 0] += 1
    }
}

extension StackModel {
    /// Every head's scores, [layer][head], over `examples` run without dropout.
    public func circuitScores(_ examples: [TrainingExample], geometries: [AttentionGeometry]) -> [[CircuitScores]] {
        var scores = configs.map { [CircuitScores](repeating: CircuitScores(), count: $0.heads) }
        for example in examples {
            let t = example.tokens.count
            let pass = forward(example.tokens, geometries: geometries)
            for (layer, attention) in pass.attention.enumerated() {
                for head in 0..<configs[layer].heads {
                    let start = head * t * t
                    scores[layer][head].add(weights: attention.p[start..<(start + t * t)], tokens: example.tokens)
                }
            }
        }
        return scores
    }
}
