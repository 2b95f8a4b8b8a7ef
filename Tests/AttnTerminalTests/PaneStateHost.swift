import AttnCore
import AttnLang
import Testing
@testable import AttnTerminal

/// A session host for tests that shows effects as the pane shell does, without a terminal: each
/// effect goes into a `PaneScreenState`, and the line it gives the log is kept.
final class PaneStateHost: SessionHost, @unchecked Sendable {
    var shown = PaneScreenState()
    var logLines: [String] = []

    func present(_ effect: PresentationEffect, in state: SessionState) -> String? {
        let line = shown.apply(effect, in: state)
        if let line { logLines.append(line) }
        return line
    }

    /// A session with this host after `script` (held weakly there: keep the host); fails the test on any error.
    func session(_ script: String) -> Session {
        let session = Session(output: { _ in }, errors: { Issue.record("script failed: \($0)") })
        session.appliesLimitProcessWide = false
        session.host = self
        session.runScript(script, fileName: "test.attn", keepGoing: false)
        return session
    }

    /// The screen for `session`'s state as the pane shell builds it.
    func screen(of session: Session, cursor: GridCursor = GridCursor(),
                overviewCursor: OverviewCursor = OverviewCursor()) -> ScreenModel {
        SessionScreen.model(of: session.state, showing: shown, cursor: cursor, overviewCursor: overviewCursor)
    }
}
