import Foundation

/// The strongest positional pattern of one attention head, with its score:
/// the compact classifier behind `model overview`, which adds `next` and
/// `last` (BERT's `[SEP]` heads) to the patterns `heads` scores in detail
/// (`HeadPatternScores`).
///
/// For weights P [T, T] of one head (rows are queries), each pattern's score
/// is the mean weight it describes:
/// - previous: P[i, i−1] over i ≥ 1;  next: P[i, i+1] over i < T−1;
/// - diagonal: P[i, i] (a token attending to itself);  first: P[i, 0] (`[CLS]` in BERT);  last: P[i, T−1] (`[SEP]`);
/// - broad: mean normalised entropy, −Σ_j P[i, j] log P[i, j] / log T
///   (1 for uniform rows).
/// The pattern with the highest score wins (earlier in `Kind.allCases` on ties).
public struct PositionPattern: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case previous, next, diagonal, first, last, broad

        /// One letter for compact tables.
        public var letter: String {
            switch self {
            case .previous: "P"
            case .next: "N"
            case .diagonal: "D"
            case .first: "F"
            case .last: "L"
            case .broad: "B"
            }
        }
    }

    public var kind: Kind
    public var score: Float

    /// The pattern of every head of P [H, T, T].
    public static func classify(_ p: Tensor) throws -> [PositionPattern] {
        try scores(p).map { scores in
            var best = scores[0]
            for candidate in scores.dropFirst() where candidate.score > best.score { best = candidate }
            return PositionPattern(kind: best.kind, score: Float(best.score))
        }
    }

    /// Every pattern's score for every head of P [H, T, T], in `Kind.allCases` order.
    public static func scores(_ p: Tensor) throws -> [[(kind: Kind, score: Double)]] {
        guard p.rank == 3, p.shape[1] == p.shape[2], p.shape[1] > 0 else {
            throw TensorError("head patterns need attention weights [H, T, T], got \(Tensor.describe(p.shape))")
        }
        let (heads, t) = (p.shape[0], p.shape[1])
        return (0..<heads).map { h in
            let weight = { (i: Int, j: Int) -> Double in Double(p.scalars[(h * t + i) * t + j]) }
            func mean(_ rows: Range<Int>, _ value: (Int) -> Double) -> Double {
                rows.isEmpty ? 0 : rows.reduce(0) { $0 + value($1) } / Double(rows.count)
            }
            var entropy = 0.0
            if t > 1 {
                entropy = mean(0..<t) { i in
                    // 0 · log 0 is taken as 0, as the limit is.
                    -(0..<t).reduce(0.0) { sum, j in let w = weight(i, j); return w > 0 ? sum + w * log(w) : sum } / log(Double(t))
                }
            }
            return [
                (.previous, mean(1..<t) { weight($0, $0 - 1) }),
                (.next, mean(0..<(t - 1)) { weight($0, $0 + 1) }),
                (.diagonal, mean(0..<t) { weight($0, $0) }),
                (.first, mean(0..<t) { weight($0, 0) }),
                (.last, mean(0..<t) { weight($0, t - 1) }),
                (.broad, entropy),
            ]
        }
    }
}
