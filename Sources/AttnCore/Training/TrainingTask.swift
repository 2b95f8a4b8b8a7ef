/// A toy sequence task for `train`, generated from the seeded generator.
///
/// Tokens are 0 ..< V. Each example is a sequence of T tokens and, per
/// position, the token the model must output there (or nil: no target, not
/// counted in loss or accuracy).
///
/// | task | targets | mask |
/// |---|---|---|
/// | `prev` | position i ≥ 1: token i − 1 (position 0 has no target: no BOS token) | causal |
/// | `copy` | position i ≥ k: token i − k (k = `offset`, default 2) | causal |
/// | `reverse` | position i: token T − 1 − i | none |
/// | `sort` | position i: the i-th smallest token | none |
/// | `pair` | position i ≥ 3: the pair (token i − 1, token i − 3) as one class, (i−1)·V + (i−3), of V² | causal |
/// | `induction` | a segment of L random tokens (L drawn from max(2, T/4) ... T/2) appears twice at random places among random filler; at each position i of the second copy but its last: token i + 1, which followed token i in the first copy | causal |
///
/// The induction sequence draws its T − L tokens without repetition while the
/// vocabulary lasts, so a token of the second copy occurs exactly once
/// before (in the first copy) and the answer is unambiguous. Only those
/// positions have targets: the first copy and the filler are unpredictable,
/// and where the copies sit changes from example to example, so neither a
/// fixed offset nor a position can answer; a head must find the earlier
/// occurrence of the current token and read the token after it.
///
/// The mask is the one that makes the task honest: a causal task must not
/// see the answer ahead of it; reverse and sort need the whole sequence.
public enum TrainingTask: String, Sendable, CaseIterable, CustomStringConvertible {
    case prev, copy, reverse, sort, induction, pair

    public var description: String {
        switch self {
        case .prev: "output the previous token"
        case .copy: "output the token k places back"
        case .reverse: "output the sequence reversed"
        case .sort: "output the sequence sorted"
        case .induction: "continue a repeated random sequence"
        case .pair: "output the pair (token i−1, token i−3) as one class"
        }
    }

    /// The mask the layer is trained (and left) with.
    public var masks: [MaskSpec] {
        switch self {
        case .prev, .copy, .induction, .pair: [.causal]
        case .reverse, .sort: []
        }
    }

    /// The positions `train` uses when there is no current layer to take
    /// them from: RoPE for tasks that look a fixed distance back (RoPE sees
    /// only relative offsets, which is all they need); the sinusoidal table
    /// for reverse and sort, whose answer at position i depends on i itself,
    /// which relative positions alone cannot tell.
    public var defaultPositions: PositionalEncoding {
        switch self {
        case .prev, .copy, .induction, .pair: .rope
        case .reverse, .sort: .sinusoidal
        }
    }

    /// T when `T=` is not given.
    public var defaultLength: Int {
        switch self {
        case .prev, .copy, .pair: 8
        case .reverse, .sort: 6
        case .induction: 16
        }
    }

    /// V, the vocabulary size, when `vocab=` is not given (induction: enough
    /// for every token of the default T to be distinct).
    public var defaultVocabulary: Int { self == .induction ? 16 : 8 }

    /// Training steps when `steps=` is not given.
    public var defaultSteps: Int {
        switch self {
        case .prev: 200
        case .copy: 300
        case .induction: 600
        case .pair: 600
        case .reverse, .sort: 600
        }
    }

    /// O, the number of output classes: V², every ordered pair, for `pair`; else V.
    public func outputCount(vocabulary: Int) -> Int { self == .pair ? vocabulary * vocabulary : vocabulary }

    /// Checks T, V and k for this task, with a sentence naming what is wrong.
    public func validate(length: Int, vocabulary: Int, offset: Int) throws {
        guard (2...256).contains(length) else { throw TensorError("T must be between 2 and 256 for training, got \(length)") }
        guard (2...1024).contains(vocabulary) else { throw TensorError("vocab must be between 2 and 1024, got \(vocabulary)") }
        if self == .copy, !(1..<length).contains(offset) {
            throw TensorError("copy needs k between 1 and T − 1 = \(length - 1), got \(offset)")
        }
        if self == .pair, length < 4 || vocabulary > 32 {
            throw TensorError("pair needs T of at least 4 and vocab of at most 32 (V² classes), got T \(length), vocab \(vocabulary)")
        }
        if self == .induction, length < 4 {
            throw TensorError("induction needs T of at least 4 (a sequence and its repeat), got \(length)")
        }
    }

    /// One example of T tokens from `random`.
    public func example(length t: Int, vocabulary: Int, offset: Int = 2, using random: inout RandomSource) -> TrainingExample {
        func token() -> Int { Int(random.nextUInt64() % UInt64(vocabulary)) }
        switch self {
        case .prev, .copy:
            let tokens = (0..<t).map { _ in token() }
            let back = self == .prev ? 1 : offset
            return TrainingExample(tokens: tokens, targets: (0..<t).map { $0 >= back ? tokens[$0 - back] : nil })
        case .reverse:
            let tokens = (0..<t).map { _ in token() }
            return TrainingExample(tokens: tokens, targets: tokens.reversed())
        case .sort:
            let tokens = (0..<t).map { _ in token() }
            return TrainingExample(tokens: tokens, targets: tokens.sorted())
        case .pair:
            let tokens = (0..<t).map { _ in token() }
            return TrainingExample(tokens: tokens, targets: (0..<t).map { $0 >= 3 ? tokens[$0 - 1] * vocabulary + tokens[$0 - 3] : nil })
        case .induction:
            return inductionExample(length: t, vocabulary: vocabulary, using: &random)
        }
    }

    /// An `induction` example: filler, the segment, filler, the segment again, filler.
    func inductionExample(length t: Int, vocabulary: Int, using random: inout RandomSource) -> TrainingExample {
        func below(_ bound: Int) -> Int { Int(random.nextUInt64() % UInt64(bound)) }
        let shortest = max(2, t / 4), longest = max(shortest, t / 2)
        let segment = shortest + below(longest - shortest + 1)
        let filler = t - 2 * segment
        let before = below(filler + 1)
        let between = below(filler - before + 1)
        // Distinct tokens while the vocabulary lasts (a partial shuffle), then any.
        var pool = Array(0..<vocabulary)
        let drawn = (0..<(t - segment)).map { n -> Int in
            guard n < vocabulary else { return below(vocabulary) }
            pool.swapAt(n, n + below(vocabulary - n))
            return pool[n]
        }
        let copy = Array(drawn[0..<segment])
        let rest = Array(drawn[segment...])
        let tokens = Array(rest[0..<before]) + copy + Array(rest[before..<(before + between)]) + copy
            + Array(rest[(before + between)...])
        let second = before + segment + between
        let targets: [Int?] = (0..<t).map { i in (second..<(second + segment - 1)).contains(i) ? tokens[i + 1] : nil }
        return TrainingExample(tokens: tokens, targets: targets)
    }
}
