/// Which heads matter (Michel et al. 2019, "Are sixteen heads really better
/// than one?"): each head ablated alone in the whole model, and heads removed
/// greedily, measured by how far the output embedding moves.
///
///     importance[l, h] = mean over sentences s of 1 − cos(e(s), e_{−l.h}(s))
///     prune curve      share of heads removed (least important first) →
///                      mean over s of cos(e(s), e_{−removed}(s))
///
/// e is `ModelTrace.embedding`; ablation is `HeadInterventions` with `mode`.
public enum HeadImportance {
    /// importance [L, H] over `sentences` (token ids each).
    public static func importance(of model: some HeadModel, sentences: [[Int]],
                                  mode: HeadInterventions.Mode) throws -> Tensor {
        let (layers, heads) = (model.layerCount, model.headCount)
        var sums = [Double](repeating: 0, count: layers * heads)
        for tokens in sentences {
            let intact = try model.trace(tokens)
            let base = intact.embedding
            for address in HeadAddress.all(layers: layers, heads: heads) {
                let ablated = try model.trace(tokens, interventions: HeadInterventions(ablated: [address], mode: mode),
                                              reusing: intact)
                sums[address.layer * heads + address.head] += 1 - ModelTrace.cosine(base, ablated.embedding)
            }
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
        let intact = try sentences.map { try model.trace($0) }
        var points: [Point] = []
        for step in 0...max(steps, 1) {
            let removed = Int((Double(step) * Double(total) / Double(max(steps, 1))).rounded())
            if let last = points.last, last.removed == removed { continue }
            let interventions = HeadInterventions(ablated: Set(order.prefix(removed)), mode: mode)
            var sum = 0.0
            for (tokens, trace) in zip(sentences, intact) {
                let pruned = try model.trace(tokens, interventions: interventions, reusing: trace)
                sum += ModelTrace.cosine(trace.embedding, pruned.embedding)
            }
            points.append(Point(removed: removed, share: Double(removed) / Double(max(total, 1)),
                                cosine: sum / Double(max(sentences.count, 1))))
        }
        return points
    }
}
