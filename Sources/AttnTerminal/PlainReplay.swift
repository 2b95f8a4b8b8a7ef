import AttnLang
#if canImport(Glibc)
import Glibc
#endif

/// Classroom replay in the plain shell: presents a `ReplayScript` one step at a time.
///
/// On Enter (no delay): each statement appears at the prompt as if typed (readline pre-fills the
/// line); the presenter may edit it, and Enter runs it. `q` alone on the line leaves the replay,
/// keeping the workspace. With a delay: the statement is printed after the prompt, and it runs
/// when the delay has passed (Enter runs it at once, `q` then Enter leaves). Comment lines are
/// printed as narration; a `pause` waits for Enter in both modes. A failing statement shows its
/// error, located in the script, and the replay goes on with the next step.
final class PlainReplay {
    /// How a replay ended.
    enum Outcome: Equatable {
        /// Every step was presented.
        case finished
        /// The presenter typed `q`.
        case quit
        /// End of input (Ctrl-D) at a replay prompt: the shell ends too.
        case endOfInput
    }

    static let pausePrompt = "-- pause: Enter goes on, q stops -- "

    private let session: Session
    private let editor: ReadlineEditor
    private var script: ReplayScript
    private let delay: Double?
    private var outcome: Outcome?

    init(session: Session, editor: ReadlineEditor, script: ReplayScript, delay: Double?) {
        self.session = session
        self.editor = editor
        self.script = script
        self.delay = delay
    }

    /// Presents every step (or until `q` or end of input); the workspace is the session's.
    func run() -> Outcome {
        let previousPause = session.onPause
        session.onPause = { [unowned self] in self.waitAtPause() }
        defer { session.onPause = previousPause }
        let how = delay.map { "every \($0) s; q then Enter stops" } ?? "Enter runs each statement; Ctrl-U then q stops"
        announce("replaying \(script.fileName) (\(how))")
        while outcome == nil, let step = script.current {
            script.advance()
            switch step.kind {
            case .comment:
                print(step.shown)
            case .pause:
                // Runs through the session, whose `pause` calls back `waitAtPause`.
                session.runStatement(step.source, fileName: script.fileName, line: step.line)
            case .statement:
                present(step)
            }
            fflush(nil)
        }
        switch outcome {
        case .quit?:
            announce("replay stopped; the workspace is kept")
        case .endOfInput?:
            putchar(0x0A)
        default:
            announce("end of replay: \(script.fileName)")
        }
        fflush(nil)
        return outcome ?? .finished
    }

    /// Shows one statement, waits for Enter (or the delay), and runs it.
    private func present(_ step: ReplayScript.Step) {
        var typed = step.shown
        if let delay {
            print(session.prompt + step.shown)
            fflush(nil)
            switch waitForDelay(delay) {
            case .go: break
            case .quit: return leave(.quit)
            }
        } else {
            guard let line = editor.readLine(prompt: session.prompt, prefilled: step.shown) else {
                return leave(.endOfInput)
            }
            if ReplayScript.isQuit(line) { return leave(.quit) }
            editor.remember(line)
            typed = line
        }
        // Unedited, the statement runs as written in the script, so an error points at its own
        // line and column even when it was continued over several lines.
        let text = typed == step.shown ? step.source : typed
        session.runStatement(text, fileName: script.fileName, line: step.line)
    }

    /// Called by the session when a `pause` runs: waits for Enter (or `q`).
    private func waitAtPause() {
        guard let line = editor.readLine(prompt: Self.pausePrompt) else { return leave(.endOfInput) }
        if ReplayScript.isQuit(line) { leave(.quit) }
    }

    private func leave(_ reason: Outcome) {
        script.quit()
        outcome = reason
    }

    private func announce(_ text: String) {
        print("(\(text))")
    }

    // MARK: The timer

    private enum DelayEnd { case go, quit }

    /// Sleeps `seconds`, watching standard input: a line `q` leaves, any other line (Enter) goes
    /// on at once; Ctrl-C (an interrupted wait) leaves too.
    private func waitForDelay(_ seconds: Double) -> DelayEnd {
        var input = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        let ready = poll(&input, 1, Int32(clamping: Int((seconds * 1000).rounded())))
        if ready < 0 { return errno == EINTR ? .quit : .go }
        if ready == 0 { return .go }
        guard let typed = readTypedLine() else {
            // End of input or a hang-up: nothing more will be typed; the timer alone goes on.
            usleep(useconds_t(clamping: Int(seconds * 1_000_000)))
            return .go
        }
        return ReplayScript.isQuit(typed) ? .quit : .go
    }

    /// What is waiting on standard input (a line, in the terminal's line mode); nil at its end.
    private func readTypedLine() -> String? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count], as: UTF8.self)
    }
}
