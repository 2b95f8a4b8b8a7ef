import AttnCore
@testable import AttnLang

/// A session host for tests: records each presentation effect, answers stop requests with
/// `stop` (the Ctrl-C flag by default), hands training progress to `onProgress`, and may ask for
/// ASCII charts. It prints nothing for any effect, so the transcript holds what the language
/// itself printed.
final class RecordingHost: SessionHost, @unchecked Sendable {
    var effects: [PresentationEffect] = []
    var drawsASCII = false
    var stop: () -> Bool = { Cancellation.current.consume() }
    var onProgress: (TrainingProgress) -> Void = { _ in }

    /// Makes this the host of `session` (held weakly there: keep the host).
    @discardableResult
    func attach(to session: Session) -> Session {
        session.host = self
        return session
    }

    func shouldStop() -> Bool { stop() }

    func trainingProgressed(_ progress: TrainingProgress) { onProgress(progress) }

    func present(_ effect: PresentationEffect, in state: SessionState) -> String? {
        effects.append(effect)
        return nil
    }
}
