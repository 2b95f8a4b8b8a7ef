import Testing
@testable import AttnCore

/// The toy tasks: each example obeys its task's definition, written here
/// independently of the generator, and equal seeds give equal data.
struct TrainingTaskTests {
    @Test("examples follow their task's definition", arguments: TrainingTask.allCases)
    func examplesFollowDefinition(_ task: TrainingTask) {
        var random = RandomSource(seed: 42)
        for _ in 0..<50 {
            let t = task.defaultLength
            let example = task.example(length: t, vocabulary: 5, offset: 3, using: &random)
            let x = example.tokens
            #expect(x.count == t && example.targets.count == t)
            #expect(x.allSatisfy { (0..<5).contains($0) })
            for i in 0..<t {
                let want: Int?
                switch task {
                case .prev: want = i >= 1 ? x[i - 1] : nil
                case .copy: want = i >= 3 ? x[i - 3] : nil
                case .reverse: want = x[t - 1 - i]
                case .sort: want = x.sorted()[i]
                case .pair: want = i >= 3 ? x[i - 1] * 5 + x[i - 3] : nil
                case .induction:
                    // Where the copies sit is random: InductionTaskTests checks the definition.
                    want = example.targets[i]
                }
                #expect(example.targets[i] == want, "\(task) position \(i) of \(x)")
            }
        }
    }

    @Test("the same seed gives the same stream; another seed another", arguments: TrainingTask.allCases)
    func seededStream(_ task: TrainingTask) {
        func stream(_ seed: UInt64) -> [TrainingExample] {
            var random = RandomSource(seed: seed)
            return (0..<20).map { _ in task.example(length: 8, vocabulary: 8, using: &random) }
        }
        #expect(stream(1) == stream(1))
        #expect(stream(1) != stream(2))
    }

    @Test("tokens cover the whole vocabulary")
    func tokensCoverVocabulary() {
        var random = RandomSource(seed: 3)
        let seen = Set((0..<100).flatMap { _ in TrainingTask.prev.example(length: 8, vocabulary: 6, using: &random).tokens })
        #expect(seen == Set(0..<6))
    }

    @Test("bad settings are refused with a sentence naming them", arguments: [
        (TrainingTask.prev, 1, 8, 2, "T must be between 2 and 256"),
        (.prev, 8, 1, 2, "vocab must be between 2 and 1024"),
        (.copy, 8, 8, 8, "copy needs k between 1 and T − 1 = 7"),
        (.copy, 8, 8, 0, "copy needs k between 1"),
        (.induction, 3, 8, 2, "induction needs T of at least 4"),
    ])
    func refusesBadSettings(_ task: TrainingTask, _ length: Int, _ vocabulary: Int, _ offset: Int, _ message: String) {
        #expect {
            try task.validate(length: length, vocabulary: vocabulary, offset: offset)
        } throws: { error in
            (error as? TensorError)?.message.contains(message) == true
        }
    }

    @Test("token labels are letters, then t26, t27, ...")
    func labels() {
        #expect([0, 1, 25, 26, 40].map(TrainingExample.label) == ["a", "b", "z", "t26", "t40"])
    }
}
