import Testing
@testable import AttnCore

/// The `induction` task: a segment repeated at a random place, scored only
/// where the answer follows the current token's earlier occurrence.
struct InductionTaskTests {
    static func examples(length: Int, vocabulary: Int, count: Int = 200, seed: UInt64 = 5) -> [TrainingExample] {
        var random = RandomSource(seed: seed)
        return (0..<count).map { _ in TrainingTask.induction.example(length: length, vocabulary: vocabulary, using: &random) }
    }

    @Test("targets sit on the second copy, each the token after the current token's first occurrence",
          arguments: [(16, 16), (12, 8), (20, 5), (4, 3)])
    func targetsFollowTheEarlierCopy(_ length: Int, _ vocabulary: Int) {
        for example in Self.examples(length: length, vocabulary: vocabulary) {
            let x = example.tokens
            let scored = example.targets.indices.filter { example.targets[$0] != nil }
            guard let first = scored.first, let last = scored.last else {
                Issue.record("no scored position in \(x)")
                continue
            }
            #expect(scored == Array(first...last), "scored positions are one run: \(scored)")
            let segment = scored.count + 1
            #expect((max(2, length / 4)...max(2, length / 2)).contains(segment))
            // The second copy x[first ..< first + L] repeats an earlier stretch.
            let copy = Array(x[first..<(first + segment)])
            let earlier = (0...(first - segment)).filter { Array(x[$0..<($0 + segment)]) == copy }
            #expect(!earlier.isEmpty, "\(x): the second copy \(copy) does not occur before \(first)")
            for i in scored { #expect(example.targets[i] == x[i + 1]) }
        }
    }

    @Test("with enough tokens, each token of the second copy occurred exactly once before")
    func answersAreUnambiguous() {
        for example in Self.examples(length: 16, vocabulary: 16) {
            let x = example.tokens
            for (i, target) in example.targets.enumerated() where target != nil {
                let before = (0..<i).filter { x[$0] == x[i] }
                #expect(before.count == 1, "\(x) position \(i)")
                if let j = before.first { #expect(x[j + 1] == target) }
            }
        }
    }

    @Test("the copy's place and length vary, so position alone cannot answer")
    func offsetsAndLengthsVary() {
        let examples = Self.examples(length: 16, vocabulary: 16)
        let starts = Set(examples.compactMap { $0.targets.firstIndex { $0 != nil } })
        let lengths = Set(examples.map { $0.targets.compactMap { $0 }.count })
        #expect(starts.count >= 6)
        #expect(lengths.count >= 4)
    }

    @Test("pair has V² classes and refuses a vocabulary past 32")
    func pairClasses() throws {
        #expect(TrainingTask.pair.outputCount(vocabulary: 6) == 36)
        #expect(TrainingTask.induction.outputCount(vocabulary: 6) == 6)
        #expect(throws: TensorError.self) { try TrainingTask.pair.validate(length: 8, vocabulary: 33, offset: 2) }
    }
}
