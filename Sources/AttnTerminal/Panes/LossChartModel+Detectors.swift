import AttnCore

/// The detector curves of the loss pane: per evaluation, the strongest head for each of the
/// patterns an induction circuit is made of (docs/reference.md §7.2).
///
/// The phase change of Olsson et al. (2022) is the step where the induction score and the loss
/// jump together; drawing the scores under the loss, on the same step axis, puts that step in
/// one column of the pane.
extension LossChartModel {
    /// The patterns drawn, in drawing order: induction last, so it is on top where curves cross.
    public static let detectorPatterns: [CircuitPattern] = [.previousToken, .duplicateToken, .induction]

    /// The strongest head for one pattern at one evaluation.
    public struct DetectorScore: Sendable, Equatable {
        /// The pattern's score in [0, 1].
        public var score: Float
        public var layer: Int
        public var head: Int

        public init(score: Float, layer: Int, head: Int) {
            self.score = score
            self.layer = layer
            self.head = head
        }

        /// `L1.0`: the head as the training report lines name it.
        public var headName: String { "L\(layer).\(head)" }
    }

    /// The detector scores after one evaluated step.
    public struct DetectorPoint: Sendable, Equatable {
        public var step: Int
        /// The strongest head of each of `LossChartModel.detectorPatterns`, in that order.
        public var scores: [DetectorScore]

        public init(step: Int, scores: [DetectorScore]) {
            self.step = step
            self.scores = scores
        }

        /// The point for a progress report's circuit scores ([layer][head]); nil when the run
        /// measured none. Ties go to the earlier layer and head.
        public init?(step: Int, circuits: [[CircuitScores]]) {
            guard circuits.contains(where: { !$0.isEmpty }) else { return nil }
            self.step = step
            scores = LossChartModel.detectorPatterns.map { pattern in
                var best = DetectorScore(score: -1, layer: 0, head: 0)
                for (layer, heads) in circuits.enumerated() {
                    for (head, scores) in heads.enumerated() where scores.score(pattern) > best.score {
                        best = DetectorScore(score: scores.score(pattern), layer: layer, head: head)
                    }
                }
                return best
            }
        }

        /// The strongest head for `pattern`, if it is one of the patterns drawn.
        public func score(_ pattern: CircuitPattern) -> DetectorScore? {
            LossChartModel.detectorPatterns.firstIndex(of: pattern).flatMap { $0 < scores.count ? scores[$0] : nil }
        }
    }

    /// Whether any curve has detector scores to draw.
    public var hasDetectors: Bool { curves.contains { !$0.detectors.isEmpty } }
}

extension LossChartModel.Curve {
    /// The first evaluated step at which `pattern`'s score rose the most since the evaluation
    /// before it, with that rise; nil with fewer than two points. For induction this is where
    /// the phase change, if there is one, happens.
    public func steepestRise(of pattern: CircuitPattern) -> (step: Int, rise: Float)? {
        var best: (step: Int, rise: Float)?
        for (before, after) in zip(detectors, detectors.dropFirst()) {
            guard let from = before.score(pattern)?.score, let to = after.score(pattern)?.score else { continue }
            if to - from > (best?.rise ?? 0) { best = (after.step, to - from) }
        }
        return best
    }
}
