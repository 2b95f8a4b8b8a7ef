#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// A pattern an attention head may follow, each with a score in [0, 1].
///
/// For one head with weights P [Tq, Tk] (rows summing to 1, or all zero when
/// every key is blocked), the scores are:
///
/// - `prev`, previous token: mean over queries i ≥ 1 (with i − 1 < Tk) of
///   P[i, i−1]. 1 when every query puts all its weight on the token before it.
/// - `same`, same token: over the queries i that have at least one other key
///   j ≠ i with the same label (label[j] == label[i]), the mean of
///   Σ_{j ≠ i, label[j] == label[i]} P[i, j]. The key at the query's own
///   position is excluded so that this is not the diagonal pattern again.
///   0 when no query has such a key (or labels are unknown).
/// - `first`, first token: mean over all queries i of P[i, 0].
/// - `diagonal`, the query's own position: mean over i < min(Tq, Tk) of P[i, i].
/// - `broad`, broad/uniform: mean over queries i with n_i ≥ 2 allowed keys of
///   the normalised entropy H_i / ln n_i, H_i = −Σ_j P[i, j] ln P[i, j]
///   (0 · ln 0 = 0). 1 for a uniform row; 0 when no row has two allowed keys.
public enum HeadPattern: String, Sendable, CaseIterable, CustomStringConvertible {
    case prev, same, first, diagonal, broad

    /// A few words for `heads` output.
    public var description: String {
        switch self {
        case .prev: "previous token"
        case .same: "same token"
        case .first: "first token"
        case .diagonal: "diagonal (itself)"
        case .broad: "broad/uniform"
        }
    }

    /// How the score is defined, in one line.
    public var definition: String {
        switch self {
        case .prev: "mean over queries i ≥ 1 of P[h, i, i−1]"
        case .same: "mean over queries with an equal-label key j ≠ i of Σ P[h, i, j] over those keys"
        case .first: "mean over queries i of P[h, i, 0]"
        case .diagonal: "mean over queries i of P[h, i, i]"
        case .broad: "mean over queries of entropy / ln(allowed keys)"
        }
    }
}

/// The pattern scores of one head, and the name it earns.
public struct HeadPatternScores: Sendable, Equatable {
    /// Below this best score a head is called "mixed".
    public static let threshold: Float = 0.5

    public let head: Int
    /// One score in [0, 1] per pattern, in `HeadPattern.allCases` order.
    public let scores: [HeadPattern: Float]

    /// The pattern with the highest score (the first in case order on ties).
    public var best: HeadPattern {
        var winner = HeadPattern.prev
        for pattern in HeadPattern.allCases where score(pattern) > score(winner) { winner = pattern }
        return winner
    }

    /// Whether no pattern reaches `threshold`.
    public var isMixed: Bool { score(best) < HeadPatternScores.threshold }

    /// The name for the head: its best pattern, or "mixed".
    public var name: String { isMixed ? "mixed" : best.rawValue }

    public func score(_ pattern: HeadPattern) -> Float { scores[pattern] ?? 0 }

    /// The scores of every head of `weights` [H, Tq, Tk] (or one head [Tq, Tk]).
    ///
    /// `queryLabels`/`keyLabels` are the token labels (empty when unknown;
    /// `same` is then 0). `allowed` is the mask ([Tq, Tk] or [H, Tq, Tk],
    /// non-zero = allowed); without it every key counts as allowed.
    public static func detect(weights: Tensor, queryLabels: [String] = [], keyLabels: [String] = [],
                              allowed: Tensor? = nil) throws -> [HeadPatternScores] {
        guard weights.rank == 2 || weights.rank == 3 else {
            throw TensorError("head patterns need weights of shape [H, Tq, Tk] or [Tq, Tk], got \(Tensor.describe(weights.shape))")
        }
        let heads = weights.rank == 3 ? weights.shape[0] : 1
        let (tq, tk) = (weights.shape[weights.rank - 2], weights.shape[weights.rank - 1])
        if let allowed {
            let fits = allowed.shape == [tq, tk] || allowed.shape == [heads, tq, tk]
            guard fits else {
                throw TensorError("head patterns: mask shape \(Tensor.describe(allowed.shape)) does not fit weights \(Tensor.describe(weights.shape))")
            }
        }
        let labelsKnown = queryLabels.count == tq && keyLabels.count == tk
        return (0..<heads).map { h in
            let base = h * tq * tk
            func p(_ i: Int, _ j: Int) -> Float { weights.scalars[base + i * tk + j] }
            func isAllowed(_ i: Int, _ j: Int) -> Bool {
                guard let allowed else { return true }
                let offset = allowed.rank == 3 ? base : 0
                return allowed.scalars[offset + i * tk + j] != 0
            }
            var scores: [HeadPattern: Float] = [:]
            scores[.prev] = mean((1..<max(1, min(tq, tk + 1))).map { p($0, $0 - 1) })
            scores[.first] = tk > 0 ? mean((0..<tq).map { p($0, 0) }) : 0
            scores[.diagonal] = mean((0..<min(tq, tk)).map { p($0, $0) })
            var sameRows: [Float] = []
            if labelsKnown {
                for i in 0..<tq {
                    let keys = (0..<tk).filter { $0 != i && keyLabels[$0] == queryLabels[i] }
                    if !keys.isEmpty { sameRows.append(keys.reduce(0) { $0 + p(i, $1) }) }
                }
            }
            scores[.same] = mean(sameRows)
            var broadRows: [Float] = []
            for i in 0..<tq {
                let n = (0..<tk).filter { isAllowed(i, $0) }.count
                guard n >= 2 else { continue }
                var entropy = 0.0
                for j in 0..<tk {
                    let v = Double(p(i, j))
                    // 0 · ln 0 is taken as 0, its limit; a negative or NaN weight
                    // (a user edit) makes log undefined, so it is skipped.
                    if v > 0 { entropy -= v * log(v) }
                }
                broadRows.append(Float(entropy / log(Double(n))))
            }
            scores[.broad] = mean(broadRows)
            for (pattern, value) in scores { scores[pattern] = clamp(value) }
            return HeadPatternScores(head: h, scores: scores)
        }
    }

    /// The mean of `values`, 0 for none.
    private static func mean(_ values: [Float]) -> Float {
        values.isEmpty ? 0 : Float(values.reduce(0.0) { $0 + Double($1) } / Double(values.count))
    }

    // Edited weights can leave [0, 1]; the scores promise that range, and NaN
    // (from a NaN weight) is reported as 0 rather than winning comparisons.
    private static func clamp(_ value: Float) -> Float {
        value.isNaN ? 0 : min(1, max(0, value))
    }
}
