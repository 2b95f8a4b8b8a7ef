import Dispatch
import Synchronization

/// Which heads matter (Michel et al. 2019, "Are sixteen heads really better
/// than one?"): each head ablated alone in the whole model, and heads removed
/// greedily, measured by how far the output embedding moves.
///
///     importance[l, h] = mean over sentences s of 1 − cos(e(s), e_{−l.h}(s))
///     prune curve      share of heads removed (least important first) →
///                      mean over s of cos(e(s), e_{−removed}(s))
///
/// e is `ModelTrace.embedding`; ablation is `HeadInterventions` with `mode`.
/// Sentences are spread over the cores (BLAS on one thread each); each sentence's sums
/// are its own, added in sentence order, so the result does not depend on the thread count.
public enum HeadImportance {
    /// importance [L, H] over `sentences` (token ids each).
    public static func importance(of model: some HeadModel, sentences: [[Int]],
                                  mode: HeadInterventions.Mode) throws -> Tensor {
        let (layers, heads) = (model.layerCount, model.headCount)
        let perSentence = try eachSentence(sentences) { tokens -> [Double] in
            let intact = try model.trace(tokens)
            let base = intact.embedding
            return try HeadAddress.all(layers: layers, heads: heads).map { address in
                let ablated = try model.trace(tokens, interventions: HeadInterventions(ablated: [address], mode: mode),
                                              reusing: intact)
                return 1 - ModelTrace.cosine(base, ablated.embedding)
            }
        }
        var sums = [Double](repeating: 0, count: layers * heads)
        for row in perSentence {
            for index in row.indices { sums[index] += row[index] }
        }
        let count = Double(max(sentences.count, 1))
        return Tensor(unchecked: [layers, heads], scalars: sums.map { Float($0 / count) })
    }

    /// One point of the pruning curve.
    public struct Point: Sendable, Equatable {
        /// Heads removed, and their share of all heads.
        public var removed: Int
        public var share: Double
        /// Mean cosine of the pruned embedding to the intact one.
        public var cosine: Double
    }

    /// Heads in the order pruning removes them: least important first (ties: lower layer.head first).
    public static func order(_ importance: Tensor) -> [HeadAddress] {
        let heads = importance.shape[1]
        return HeadAddress.all(layers: importance.shape[0], heads: heads).sorted { a, b in
            let (x, y) = (importance.scalars[a.layer * heads + a.head], importance.scalars[b.layer * heads + b.head])
            return x != y ? x < y : a < b
        }
    }

    /// The curve at `steps` + 1 evenly spaced counts of removed heads, 0 to all.
    public static func pruningCurve(of model: some HeadModel, sentences: [[Int]], importance: Tensor,
                                    mode: HeadInterventions.Mode, steps: Int) throws -> [Point] {
        let order = order(importance)
        let total = order.count
        let intact = try eachSentence(sentences) { try model.trace($0) }
        let counts = (0...max(steps, 1)).map { step in
            Int((Double(step) * Double(total) / Double(max(steps, 1))).rounded())
        }
        let distinct = counts.enumerated().filter { $0.offset == 0 || counts[$0.offset - 1] != $0.element }.map(\.element)
        let cosines = try eachSentence(Array(zip(sentences, intact))) { tokens, trace in
            try distinct.map { removed -> Double in
                let interventions = HeadInterventions(ablated: Set(order.prefix(removed)), mode: mode)
                let pruned = try model.trace(tokens, interventions: interventions, reusing: trace)
                return ModelTrace.cosine(trace.embedding, pruned.embedding)
            }
        }
        var points: [Point] = []
        for (index, removed) in distinct.enumerated() {
            let sum = cosines.reduce(0.0) { $0 + $1[index] }
            points.append(Point(removed: removed, share: Double(removed) / Double(max(total, 1)),
                                cosine: sum / Double(max(sentences.count, 1))))
        }
        return points
    }

    /// `body` of every item, in order, computed on all cores; the first error is thrown.
    static func eachSentence<Item, Result>(_ items: [Item], _ body: @Sendable (Item) throws -> Result) throws -> [Result]
    where Item: Sendable, Result: Sendable {
        let results = Mutex<[Int: Swift.Result<Result, Error>]>([:])
        // One BLAS thread per worker: the products are small, and OpenBLAS's own threads
        // would spin (sched_yield) against ours for the two cores.
        let blasThreads = BLAS.threadCount
        BLAS.threadCount = 1
        defer { BLAS.threadCount = blasThreads }
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            let outcome = Swift.Result { try body(items[index]) }
            results.withLock { $0[index] = outcome }
        }
        return try results.withLock { finished in
            try items.indices.map { index in
                guard let outcome = finished[index] else { throw TensorError("sentence \(index) was not computed") }
                return try outcome.get()
            }
        }
    }
}
