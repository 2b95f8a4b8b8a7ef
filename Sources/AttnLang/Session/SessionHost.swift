import AttnCore

/// The program a session runs in, as the session sees it: how effects are shown, when long work
/// stops, where training progress goes, and whether charts are ASCII.
///
/// The plain shell, the pane shell, the script runner of `attnsh FILE` and tests implement it.
/// `Session.host` holds it weakly (a shell owns its session and is its host) and hands it to the
/// interpreter of every statement. A session without a host shows no effects and stops long work
/// on the Ctrl-C flag alone.
public protocol SessionHost: AnyObject {
    /// `--ascii`: printed charts (the training sparklines) use ASCII characters only.
    var drawsASCII: Bool { get }

    /// Asked by long-running statements (`train`) between steps: true stops them cleanly,
    /// keeping what they made so far.
    func shouldStop() -> Bool

    /// Called by `train` after every held-out evaluation (every 10 steps) with the loss curve so
    /// far and the held-out score, while the statement runs (the panes draw a live chart).
    func trainingProgressed(_ progress: TrainingProgress)

    /// Whether `trainingProgressed` draws a live chart, which `train watch=MS` then holds on the
    /// screen for MS milliseconds per evaluation (docs/reference.md §7.2).
    var drawsTrainingLive: Bool { get }

    /// Shows one effect of a statement that succeeded; `state` is the session's state right after
    /// that statement. The text returned, if any, goes to the session's output after the
    /// statement's own, so it stays in order with everything else printed.
    func present(_ effect: PresentationEffect, in state: SessionState) -> String?
}

extension SessionHost {
    public var drawsASCII: Bool { false }

    /// Reads the Ctrl-C flag (`Cancellation.current`) and clears it when it stops the work, so
    /// the statement then succeeds with what it made.
    public func shouldStop() -> Bool { Cancellation.current.consume() }

    public func trainingProgressed(_ progress: TrainingProgress) {}

    public var drawsTrainingLive: Bool { false }
}
