import AttnLang
#if canImport(Glibc)
import Glibc
#endif

/// Classroom replay in the plain shell: shows what a `ReplayPresenter` waits for, and waits.
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

    private let session: Session
    private let editor: ReadlineEditor
    private let presenter: ReplayPresenter

    init(session: Session, editor: ReadlineEditor, script: ReplayScript, delay: Double?) {
        self.session = session
        self.editor = editor
        self.presenter = ReplayPresenter(session: session, script: script, delay: delay) { print($0) }
    }

    /// Presents every step (or until `q` or end of input); the workspace is the session's.
    func run() -> Outcome {
        let how = presenter.delay.map { "every \($0) s; q then Enter stops" } ?? "Enter runs each statement; Ctrl-U then q stops"
        print("(replaying \(presenter.fileName) (\(how)))")
        presenter.start()
        fflush(nil)
        while true {
            switch presenter.waiting {
            case .statement(let step):
                guard present(step) else { return endOfInput() }
            case .pause:
                guard let line = editor.readLine(prompt: ReplayPresenter.pausePrompt) else { return endOfInput() }
                presenter.submit(line)
            case .done:
                fflush(nil)
                return presenter.ending == .quit ? .quit : .finished
            }
            fflush(nil)
        }
    }

    /// Shows one statement, waits for Enter (or the delay), and hands it on; false at end of input.
    private func present(_ step: ReplayScript.Step) -> Bool {
        if let delay = presenter.delay {
            print(session.prompt + step.shown)
            fflush(nil)
            switch waitForDelay(delay) {
            case .go: presenter.runAsWritten()
            case .quit: presenter.quit()
            }
            return true
        }
        guard let line = editor.readLine(prompt: session.prompt, prefilled: step.shown) else { return false }
        if !ReplayScript.isQuit(line) { editor.remember(line) }
        presenter.submit(line)
        return true
    }

    private func endOfInput() -> Outcome {
        presenter.quit(quietly: true)
        putchar(0x0A)
        fflush(nil)
        return .endOfInput
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
