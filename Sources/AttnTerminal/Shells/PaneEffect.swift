import AttnLang

/// Something the pane shell must do for the controller: talk to readline, run a statement,
/// drive the replay, write the log, or the screen.
public enum PaneEffect: Sendable, Equatable {
    /// Hand these bytes to readline (then report `promptEdited`, `completionsListed`, `lineFinished`).
    case feed([UInt8])
    /// Hand readline this UTF-8 lead byte with the rest of its character, read from the terminal.
    case feedCharacter(lead: UInt8)
    /// Start a fresh prompt line, holding `prefilled` as if typed.
    case restartLine(prompt: String, prefilled: String)
    /// Ctrl-C at the prompt: forget the line, keep the prompt.
    case clearLine(prompt: String)
    /// Keep `line` in the history.
    case remember(String)
    /// Append a line to the log.
    case log(String)
    /// Append a line of this kind to the log (a statement as typed, narration).
    case logLine(String, kind: LogLineKind)
    /// Append these words to the log in columns of `width`.
    case logColumns([String], width: Int)
    /// Run `statement` (numbered `lineNumber`) so that Ctrl-C cancels it; report `statementFinished`.
    case run(String, lineNumber: Int)
    /// The log line for a presentation effect, returned to the session that reported it.
    case note(String)
    /// Start replaying `script`; report `replayMoved`.
    case startReplay(ReplayScript, delay: Double?)
    /// The replay's prompt line was finished with this text; report `replayMoved`.
    case submitToReplay(String)
    /// The replay's statement runs as presented (its timer ran out); report `replayMoved`.
    case runReplayAsWritten
    /// Leave the replay, keeping the workspace; report `replayMoved`.
    case quitReplay
    /// The replay is over: forget it.
    case endReplay
    /// Report `timerRanOut` if no key comes within this many milliseconds.
    case armTimer(milliseconds: Int)
    /// No timer.
    case disarmTimer
    /// Repaint the whole screen on the next draw.
    case invalidate
    /// Draw now (the statement still runs: training progress).
    case redraw
    /// Zoom one level in (+1) or out (−1) from the level fit shows now; answer with `.zoomChosen`.
    case stepZoom(by: Int)
    /// Leave the shell.
    case quit
}
