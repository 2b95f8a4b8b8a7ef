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
/// | `induction` | tokens are L = T/2 random tokens repeated (the rest of T filled by the repeat); position i ≥ L − 1 with i + 1 < T: token i + 1, the continuation, which equals token i + 1 − L | causal |
///
/// The mask is the one that makes the task honest: a causal task must not
/// see the answer ahead of it; reverse and sort need the whole sequence.
public enum TrainingTask: String, Sendable, CaseIterable, CustomStringConvertible {
    case prev, copy, reverse, sort, induction

    public var description: String {
        switch self {
        case .prev: "output the previous token"
        case .copy: "output the token k places back"
        case .reverse: "output the sequence reversed"
        case .sort: "output the sequence sorted"
        case .induction: "continue a repeated random sequence"
        }
    }

    /// The mask the layer is trained (and left) with.
    public var masks: [MaskSpec] {
        switch self {
        case .prev, .copy, .induction: [.causal]
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
        case .prev, .copy, .induction: .rope
        case .reverse, .sort: .sinusoidal
        }
    }

    /// T when `T=` is not given.
    public var defaultLength: Int {
        switch self {
        case .prev, .copy: 8
        case .reverse, .sort: 6
        case .induction: 12
        }
    }

    /// V, the vocabulary size, when `vocab=` is not given.
    public var defaultVocabulary: Int { 8 }

    /// Training steps when `steps=` is not given.
    public var defaultSteps: Int {
        switch self {
        case .prev: 200
        case .copy: 300
        case .induction: 400
        case .reverse, .sort: 600
        }
    }

    /// Checks T, V and k for this task, with a sentence naming what is wrong.
    public func validate(length: Int, vocabulary: Int, offset: Int) throws {
        guard (2...256).contains(length) else { throw TensorError("T must be between 2 and 256 for training, got \(length)") }
        guard (2...1024).contains(vocabulary) else { throw TensorError("vocab must be between 2 and 1024, got \(vocabulary)") }
        if self == .copy, !(1..<length).contains(offset) {
            throw TensorError("copy needs k between 1 and T − 1 = \(length - 1), got \(offset)")
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
        case .induction:
            let half = t / 2
            let first = (0..<half).map { _ in token() }
            let tokens = (0..<t).map { first[$0 % half] }
            return TrainingExample(tokens: tokens, targets: (0..<t).map { $0 >= half - 1 && $0 + 1 < t ? tokens[$0 + 1] : nil })
        }
    }
}
