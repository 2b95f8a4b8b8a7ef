/// Levenshtein edit distance, for "did you mean `softmax`?" suggestions.
///
/// d(a, b) = the fewest single-character insertions, deletions and
/// substitutions that turn a into b.
public enum EditDistance {
    /// Suggestions are offered only this close (or closer).
    public static let suggestionLimit = 2

    /// The edit distance between `a` and `b`, computed with two rows.
    public static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var row = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            row[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                row[j] = min(previous[j] + 1, row[j - 1] + 1, substitution)
            }
            swap(&previous, &row)
        }
        return previous[b.count]
    }

    /// The candidate nearest to `word` within `suggestionLimit` edits (ties:
    /// the first in sorted order), or nil. A candidate that differs only in
    /// case is nearest of all: `attn.p` means `attn.P`, not `attn.K`.
    public static func closest<S: Sequence>(to word: String, among candidates: S) -> String? where S.Element == String {
        let sorted = candidates.sorted()
        let folded = word.lowercased()
        if let sameLetters = sorted.first(where: { $0 != word && $0.lowercased() == folded }) { return sameLetters }
        var best: (name: String, distance: Int)?
        for candidate in sorted where candidate != word {
            // Cheap bound: lengths that differ by more than the limit cannot be close.
            guard abs(candidate.count - word.count) <= suggestionLimit else { continue }
            let distance = between(word, candidate)
            if distance <= suggestionLimit, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    /// `; did you mean `x`?` for the candidate nearest to `word`, or "" when none is close.
    public static func hint<S: Sequence>(for word: String, among candidates: S) -> String where S.Element == String {
        closest(to: word, among: candidates).map { "; did you mean `\($0)`?" } ?? ""
    }
}
