import AttnCore
import AttnLang

/// Something that happens to the pane shell, handed to `PaneController.handle`.
///
/// Keys come from the terminal; the others are reports of what the shell did for the
/// controller's effects (readline finished a line, a statement ran, a replay moved on) or of
/// what the session did meanwhile (a presentation effect, training progress).
public enum PaneEvent: Sendable {
    /// The shell starts on a screen of this size, over a session as `summary` says.
    case started(SessionSummary, width: Int, height: Int)
    /// A key press (`.resize` once the new size has been given with `resized`).
    case key(TerminalKey)
    /// The terminal is now `width` × `height`.
    case resized(width: Int, height: Int)
    /// The log now holds `lineCount` lines (PgUp scrolls at most to its first).
    case logChanged(lineCount: Int)
    /// What readline now shows on the prompt line.
    case promptEdited(PromptLine)
    /// Readline finished a line (nil: Ctrl-D on an empty line); `continues` when the input
    /// collected so far with it ends in `\` (`PaneController.input(adding:)`).
    case lineFinished(String?, continues: Bool)
    /// A second Tab listed these completions.
    case completionsListed([String])
    /// A statement reported a presentation effect; `state` is the session's state after it.
    case presented(PresentationEffect, state: SessionState)
    /// `train` evaluated its held-out loss once more.
    case trainingProgressed(TrainingProgress)
    /// The statement of a `.run` effect finished (or was cancelled).
    case statementFinished(SessionSummary)
    /// A replay was asked for (`replay PATH`, `attnsh replay FILE`).
    case replayQueued(ReplayScript, delay: Double?)
    /// The replay started, ran a statement or was left: where it stands now.
    case replayMoved(ReplayStatus, SessionSummary)
    /// The timer of an `.armTimer` effect ran out before a key came.
    case timerRanOut
    /// A replay narrated a line: one of its comment lines, or its closing note.
    case narrated(String)
    /// The zoom level the shell worked out for a `.stepZoom`.
    case zoomChosen(Int?)
}
