import AttnCore

/// Classroom replay of a script against a session: the state machine both shells drive.
///
/// The presenter walks a `ReplayScript`: comment lines go to `narrate`, and it stops at the next
/// thing that needs the person at the keyboard, which `waiting` says:
///
/// - `.statement(step)`: the shell shows `step.shown` at the prompt, pre-filled as if typed, and
///   hands back what the line holds when Enter is pressed (`submit`), or `step.shown` when the
///   timer runs out (`runAsWritten`). An unedited line runs as the script has it
///   (`step.source`, continuation lines included) so an error points at the script's own line
///   and column; an edited line runs as edited, still named by the script's file and line. An
///   emptied line skips the statement.
/// - `.pause`: a `pause` ran (a step of its own, or inside a replayed statement); Enter
///   (`submit`) goes on.
/// - `.done`: every step was presented, or the presenter left with `quit`.
///
/// Every statement runs through `Session.runStatement`, so replayed statements are kept in the
/// history and the recording like typed ones, and a failing one shows its error and the replay
/// goes on; one cancelled by Ctrl-C (`Cancellation.current` still requested) ends the replay,
/// as `quit` does, with the workspace as it was before that statement. The shells do the showing and the waiting: the plain shell blocks in readline, the
/// pane shell feeds keys and a timer from its event loop.
public final class ReplayPresenter {
    /// What the replay waits for.
    public enum Waiting: Sendable, Equatable {
        /// This statement is at the prompt; Enter runs the line.
        case statement(ReplayScript.Step)
        /// A `pause` ran; Enter goes on.
        case pause
        /// Nothing more: the script ended or the presenter left.
        case done
    }

    /// How a replay ended.
    public enum Ending: Sendable, Equatable {
        /// Every step was presented.
        case finished
        /// The presenter left (`q`); the steps after it never ran.
        case quit
    }

    /// The prompt shown at a `pause`.
    public static let pausePrompt = "-- pause: Enter goes on, q stops -- "

    /// Seconds between statements, or nil when each waits for Enter.
    public let delay: Double?
    public private(set) var waiting = Waiting.done
    /// How the replay ended, once `waiting` is `.done`.
    public private(set) var ending: Ending?
    /// The number (from 1) of the statement at the prompt, or of the last one presented.
    public private(set) var statementNumber = 0
    /// How many statements the script presents (comments and `pause` lines not counted).
    public let statementCount: Int

    private var script: ReplayScript
    private let session: Session
    private let narrate: (String) -> Void
    private var pauseRequested = false
    private var previousPauseHook: (() -> Void)?
    private var started = false

    /// A replay of `script` in `session`; comment lines and the closing line go to `narrate`.
    public init(session: Session, script: ReplayScript, delay: Double?, narrate: @escaping (String) -> Void) {
        self.session = session
        self.script = script
        self.delay = delay
        self.narrate = narrate
        self.statementCount = script.steps.filter { $0.kind == .statement }.count
    }

    /// The script's name as given (`FILE` in its diagnostics).
    public var fileName: String { script.fileName }

    /// Starts: takes over the session's `pause` hook (given back at the end) and moves to the first
    /// statement or pause.
    public func start() {
        guard !started else { return }
        started = true
        previousPauseHook = session.onPause
        session.onPause = { [weak self] in self?.pauseRequested = true }
        moveOn()
    }

    /// What the presenter submitted with Enter: at a statement, the line as it then stands (run
    /// it, or skip the statement when it is blank); at a pause, anything goes on. `q` alone leaves.
    public func submit(_ line: String) {
        if ReplayScript.isQuit(line) { return quit() }
        switch waiting {
        case .statement(let step):
            // Unedited, the statement runs as written in the script, so an error points at its own
            // line and column even when it was continued over several lines.
            let text = line == step.shown ? step.source : line
            if text.contains(where: { !$0.isWhitespace }),
               !session.runStatement(text, fileName: script.fileName, line: step.line),
               Cancellation.current.isRequested {
                // Ctrl-C cancelled the statement (the workspace is as before it): Ctrl-C at a
                // replay prompt leaves the replay, and so does Ctrl-C during a statement, rather
                // than going on to the next one or running the cancelled one again on a timer.
                return quit()
            }
            moveOn()
        case .pause:
            moveOn()
        case .done:
            break
        }
    }

    /// The timer ran out (or a key asked for it at once): runs the statement at the prompt as the
    /// script has it; at a pause nothing happens (a pause waits for Enter even on a timer).
    public func runAsWritten() {
        guard case .statement(let step) = waiting else { return }
        submit(step.shown)
    }

    /// Leaves the replay, keeping the workspace; `quietly` leaves out the closing line (the
    /// shell is ending anyway).
    public func quit(quietly: Bool = false) {
        guard waiting != .done else { return }
        script.quit()
        finish(.quit, quietly: quietly)
    }

    // MARK: Walking the script

    /// Narrates comments up to the next statement or pause, or finishes.
    private func moveOn() {
        while !takePause() {
            guard let step = script.current else { return finish(.finished, quietly: false) }
            script.advance()
            switch step.kind {
            case .comment:
                narrate(step.shown)
            case .pause:
                // Through the session like any statement (history, recording); its hook asks to wait.
                session.runStatement(step.source, fileName: script.fileName, line: step.line)
            case .statement:
                statementNumber += 1
                waiting = .statement(step)
                return
            }
        }
    }

    /// True (and now waiting at a pause) when the statement just run asked for one.
    private func takePause() -> Bool {
        guard pauseRequested else { return false }
        pauseRequested = false
        waiting = .pause
        return true
    }

    private func finish(_ how: Ending, quietly: Bool) {
        waiting = .done
        ending = how
        pauseRequested = false
        session.onPause = previousPauseHook
        previousPauseHook = nil
        guard !quietly else { return }
        switch how {
        case .finished: narrate("(end of replay: \(script.fileName))")
        case .quit: narrate("(replay stopped; the workspace is kept)")
        }
    }
}
