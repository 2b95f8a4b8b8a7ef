import AttnCore

/// What the loss pane shows while `train` runs: one curve per head count trained so far.
///
/// A model of several layers also brings, per evaluation, its heads' detector scores (previous
/// token, duplicate token, induction), drawn under the loss on the same step axis
/// (`LossChartModel+Detectors.swift`).
///
/// Built up from the trainer's progress reports (`record`), so the pane can be redrawn after
/// every held-out evaluation; a `heads=1,2,4` comparison gives one curve per head count, drawn
/// side by side on one loss scale.
public struct LossChartModel: Sendable, Equatable {
    /// One training run: its losses per step and its held-out evaluations.
    public struct Curve: Sendable, Equatable {
        /// The layer's query heads.
        public var heads: Int
        public var totalSteps: Int
        /// Training loss per step so far (index s − 1 is step s).
        public var losses: [Float]
        /// Held-out accuracy (0...1) at each evaluated step, in step order.
        public var accuracies: [AccuracyPoint]
        /// The detector scores at each evaluated step, in step order (empty unless the run
        /// tracks circuits: a model of several layers).
        public var detectors: [DetectorPoint]

        public init(heads: Int, totalSteps: Int, losses: [Float] = [], accuracies: [AccuracyPoint] = [],
                    detectors: [DetectorPoint] = []) {
            self.heads = heads
            self.totalSteps = totalSteps
            self.losses = losses
            self.accuracies = accuracies
            self.detectors = detectors
        }

        /// The step of the run's latest report (0 before any).
        public var step: Int { accuracies.last?.step ?? losses.count }

        /// The first evaluated step whose accuracy reached `target`, if any.
        public func firstStep(reaching target: Double) -> Int? {
            accuracies.first { $0.accuracy >= target }?.step
        }
    }

    /// Held-out accuracy after one step.
    public struct AccuracyPoint: Sendable, Equatable {
        public var step: Int
        public var accuracy: Double

        public init(step: Int, accuracy: Double) {
            self.step = step
            self.accuracy = accuracy
        }
    }

    /// What is being trained, e.g. the statement `train task=prev`.
    public var title: String
    /// The held-out accuracy a run aims for (drawn as a dashed line).
    public var targetAccuracy: Double
    public var curves: [Curve]
    /// True once training ended: a replay keeps the finished chart on screen until Enter.
    public var isFinished = false

    public init(title: String, targetAccuracy: Double = LossChartModel.defaultTarget,
                curves: [Curve] = []) {
        self.title = title
        self.targetAccuracy = targetAccuracy
        self.curves = curves
    }

    /// The trainer's own target (every task uses the same one).
    public static let defaultTarget = TrainingSettings(task: .prev).targetAccuracy

    /// Adds a progress report: to the last curve when it continues it (same heads, later step),
    /// else as a new curve (the next head count of a comparison, or a new run).
    public mutating func record(_ progress: TrainingProgress) {
        let point = AccuracyPoint(step: progress.step, accuracy: progress.heldOut.accuracy)
        let detected = DetectorPoint(step: progress.step, circuits: progress.circuits).map { [$0] } ?? []
        if var last = curves.last, last.heads == progress.heads, last.totalSteps == progress.totalSteps,
           progress.step > last.step {
            last.losses = progress.losses
            last.accuracies.append(point)
            last.detectors += detected
            curves[curves.count - 1] = last
        } else {
            curves.append(Curve(heads: progress.heads, totalSteps: progress.totalSteps,
                                losses: progress.losses, accuracies: [point], detectors: detected))
        }
    }

    /// The top of the shared loss axis: the largest finite loss of any curve (1 when there is none).
    public var lossCeiling: Float {
        let largest = curves.compactMap { $0.losses.filter(\.isFinite).max() }.max() ?? 0
        return largest > 0 ? largest : 1
    }
}
