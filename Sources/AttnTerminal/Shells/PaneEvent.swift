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
}

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
    /// Leave the shell.
    case quit
}

/// What the pane controller knows of its session: the prompt and the panes' extent, read by the
/// shell after each statement.
public struct SessionSummary: Sendable, Equatable {
    /// The session's prompt, e.g. `attn> `.
    public var prompt: String
    /// What the cursors can move over.
    public var extent: PaneExtent

    public init(prompt: String = "attnsh> ", extent: PaneExtent = PaneExtent()) {
        self.prompt = prompt
        self.extent = extent
    }
}

/// What readline shows on the prompt line.
public struct PromptLine: Sendable, Equatable {
    public var prompt: String
    public var text: String
    /// The insertion point in `text`, in characters.
    public var cursor: Int

    public init(prompt: String = "", text: String = "", cursor: Int = 0) {
        self.prompt = prompt
        self.text = text
        self.cursor = cursor
    }
}

/// Where a classroom replay stands, as its `ReplayPresenter` says.
public struct ReplayStatus: Sendable, Equatable {
    public var fileName: String
    /// Seconds between statements, or nil when each waits for Enter.
    public var delay: Double?
    public var waiting: ReplayPresenter.Waiting
    public var statementNumber: Int
    public var statementCount: Int

    public init(fileName: String, delay: Double?, waiting: ReplayPresenter.Waiting,
                statementNumber: Int, statementCount: Int) {
        self.fileName = fileName
        self.delay = delay
        self.waiting = waiting
        self.statementNumber = statementNumber
        self.statementCount = statementCount
    }

    /// The status of `presenter` now.
    public init(_ presenter: ReplayPresenter) {
        self.init(fileName: presenter.fileName, delay: presenter.delay, waiting: presenter.waiting,
                  statementNumber: presenter.statementNumber, statementCount: presenter.statementCount)
    }
}
