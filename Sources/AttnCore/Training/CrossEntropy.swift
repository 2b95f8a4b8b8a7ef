import Foundation

/// Cross-entropy of next-token logits against per-position targets, the
/// loss every trained model here minimises.
///
///     loss_i      = −log softmax(logits[i])[target_i]           (positions with a target)
///     dlogits[i]  = (softmax(logits[i]) − onehot(target_i)) / count
enum CrossEntropy {
    /// Σ loss_i over the targets of one sequence and dL/dlogits [T, V] for a
    /// mean over `count` targets in all.
    static func gradient<S: TrainingScalar>(logits: [S], targets: [Int?], vocabulary v: Int,
                                            count: Int) -> (loss: Double, logitGradient: [S]) {
        var total = 0.0
        var dLogits = [S](repeating: 0, count: targets.count * v)  // [T, V]
        for (i, target) in targets.enumerated() {
            guard let target else { continue }
            let probabilities = softmax(logits[(i * v)..<((i + 1) * v)])
            total -= Foundation.log(max(probabilities[target], .leastNormalMagnitude))
            for c in 0..<v {
                let indicator = c == target ? 1.0 : 0.0
                dLogits[i * v + c] = S((probabilities[c] - indicator) / Double(count))
            }
        }
        return (total, dLogits)
    }

    /// Mean loss and argmax accuracy over the targets of `examples`, with
    /// `logits` giving a sequence's [T, V].
    static func score<S: TrainingScalar>(_ examples: [TrainingExample], vocabulary v: Int,
                                         logits: ([Int]) -> [S]) -> TrainingScore {
        var total = 0.0
        var correct = 0
        var counted = 0
        for example in examples {
            let all = logits(example.tokens)
            for (i, target) in example.targets.enumerated() {
                guard let target else { continue }
                let row = all[(i * v)..<((i + 1) * v)]
                total -= Foundation.log(max(softmax(row)[target], .leastNormalMagnitude))
                // The first maximum wins a tie (argmax as numpy takes it).
                var predicted = 0
                for c in 1..<v where row[row.startIndex + c] > row[row.startIndex + predicted] { predicted = c }
                if predicted == target { correct += 1 }
                counted += 1
            }
        }
        return TrainingScore(loss: counted > 0 ? total / Double(counted) : 0, correct: correct, counted: counted)
    }

    /// Softmax of one row of logits, in Double, by `RowSoftmax` and its policy for special rows.
    static func softmax<S: TrainingScalar>(_ row: ArraySlice<S>) -> [Double] {
        var values = row.map { Double($0) }
        _ = RowSoftmax.apply(&values)
        return values
    }
}
