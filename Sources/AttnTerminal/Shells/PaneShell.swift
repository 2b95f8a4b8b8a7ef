import AttnCore
import AttnLang

/// The full-screen interactive shell: panes above, the readline prompt and its log below (docs/reference.md §6).
///
/// The shell moves bytes: keys from the terminal go to its `PaneController` (the pane UI's
/// state as a value), whose effects it performs — feeding readline, running a statement through
/// `Session.runLine`, driving a replay, writing the log — reporting each result back as a
/// `PaneEvent`; the screen is drawn from the session's state and the controller after every key.
/// The shell is its session's host: the statements' presentation effects (`view`, `layout`,
/// `palette`, the model overview) and training progress go to the controller too.
/// A classroom replay (`attnsh replay FILE`, or `replay PATH` typed here) runs inside the same
/// event loop, with its timer (see `PaneShell+Replay.swift`).
public final class PaneShell: SessionHost {
    /// Where keys go.
    public typealias Focus = PaneController.Focus

    let session: Session
    let log: ScrollbackLog
    let editor: ReadlineEditor
    private let baseOptions: RenderOptions
    var screen: TerminalScreen?
    /// The pane UI's state.
    public private(set) var controller = PaneController()
    /// What the panes derived from whole tensors, kept across redraws (never per key).
    let paneCache = PaneDataCache()
    /// The replay being presented, if any.
    var replay: ReplayPresenter?
    /// When the statement at a timed replay's prompt runs by itself.
    var replayDeadline: ContinuousClock.Instant?

    /// A shell over `session`, whose output and errors already go to `log`.
    public init(session: Session, log: ScrollbackLog, historyPath: String?, options: RenderOptions) {
        self.session = session
        self.log = log
        self.baseOptions = options
        self.editor = ReadlineEditor(historyPath: historyPath) { [unowned session] line, cursor in
            session.completions(line: line, cursor: cursor)
        }
        session.host = self
        session.onReplay = { [unowned self] script, delay in self.queueReplay(script, delay: delay) }
    }

    /// Where keys go now.
    public var focus: Focus { controller.focus }
    /// What the statements asked the panes to show (view, layout, palette).
    public var shown: PaneScreenState { controller.shown }
    /// The live loss chart while `train` runs, nil otherwise.
    var lossChart: LossChartModel? { controller.lossChart }

    // MARK: Host

    /// `--ascii`: the training sparklines printed in the log use ASCII characters only.
    public var drawsASCII: Bool { baseOptions.colorMode == .ascii }

    /// A statement's presentation effect: the controller takes it in; the log gets its note.
    public func present(_ effect: PresentationEffect, in state: SessionState) -> String? {
        var note: String?
        for done in controller.handle(.presented(effect, state: state)) {
            if case .note(let text) = done { note = text } else { perform(done) }
        }
        return note
    }

    /// A training progress report: the chart grows by one evaluation and is drawn at once (the
    /// statement runs on this thread, between keys, so drawing here is safe).
    public func trainingProgressed(_ progress: TrainingProgress) {
        send(.trainingProgressed(progress))
    }

    /// The panes draw the loss chart live, so `train watch=MS` paces it.
    public var drawsTrainingLive: Bool { true }

    /// Starts replaying `script` once the current input is done (nil delay: each statement waits
    /// for Enter). A replay asked for during another starts after it.
    public func queueReplay(_ script: ReplayScript, delay: Double?) {
        send(.replayQueued(script, delay: delay))
    }

    // MARK: Running

    /// Runs until Ctrl-D on an empty line (or the terminal goes away); the exit status.
    public func run() -> Int32 {
        guard let screen = CursesScreen() else {
            for line in log.lines { print(line) }
            print("attnsh: error: cannot start the full-screen terminal; try `attnsh --plain`")
            return 1
        }
        return run(on: screen)
    }

    /// Runs on a given screen (curses, or a stand-in).
    public func run(on screen: TerminalScreen) -> Int32 {
        self.screen = screen
        defer {
            editor.endCallbackMode()
            screen.close()
            self.screen = nil
        }
        editor.beginCallbackMode(prompt: session.prompt) { [unowned self] in
            self.screen?.readKey().readlineBytes ?? []
        }
        showPromptLine()
        send(.started(summary(), width: screen.size.width, height: screen.size.height))
        redraw()
        while !controller.finished {
            if controller.logLineCount != log.lines.count { send(.logChanged(lineCount: log.lines.count)) }
            guard let key = nextKey(from: screen) else {
                // A timed replay's statement is due.
                send(.timerRanOut)
                redraw()
                continue
            }
            if key == .resize { send(.resized(width: screen.size.width, height: screen.size.height)) }
            send(.key(key))
            if !controller.finished { redraw() }
        }
        return 0
    }

    /// Hands `event` to the controller and performs what it asks, in order.
    func send(_ event: PaneEvent) {
        for effect in controller.handle(event) {
            perform(effect)
        }
    }

    /// Does one thing the controller asked for.
    func perform(_ effect: PaneEffect) {
        switch effect {
        case .feed(let bytes):
            feed(bytes)
        case .feedCharacter(let lead):
            var bytes = [lead]
            let expected = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : 1
            while bytes.count <= expected, let next = screen?.pendingByte() { bytes.append(next) }
            feed(bytes)
        case .restartLine(let prompt, let prefilled):
            editor.restartLine(prompt: prompt, prefilled: prefilled)
            showPromptLine()
        case .clearLine(let prompt):
            editor.clearLine(prompt: prompt)
            showPromptLine()
        case .remember(let line):
            editor.remember(line)
        case .log(let line), .note(let line):
            log.append(line)
        case .logLine(let line, let kind):
            log.append(line, kind: kind)
        case .logColumns(let words, let width):
            log.appendColumns(words, width: width)
        case .run(let statement, let lineNumber):
            runInterruptible { session.runLine(statement, lineNumber: lineNumber) }
            send(.statementFinished(summary()))
        case .startReplay, .submitToReplay, .runReplayAsWritten, .quitReplay, .endReplay, .armTimer, .disarmTimer:
            performReplay(effect)
        case .invalidate:
            screen?.invalidate()
        case .redraw:
            redraw()
        case .stepZoom(let step):
            let size = screen?.size ?? (width: 80, height: 24)
            send(.zoomChosen(controller.zoomStepped(by: step, of: session.state, width: size.width,
                                                    height: size.height, cache: paneCache)))
        case .quit:
            break
        }
    }

    /// Bytes to readline; then what it shows, what it listed and the lines it finished go back.
    private func feed(_ bytes: [UInt8]) {
        editor.feed(bytes)
        showPromptLine()
        send(.completionsListed(editor.takeListedCompletions()))
        for line in editor.takeFinishedLines() {
            guard let line else {
                send(.lineFinished(nil, continues: false))
                return
            }
            send(.lineFinished(line, continues: session.needsContinuation(controller.input(adding: line))))
        }
    }

    /// Tells the controller what readline shows now.
    func showPromptLine() {
        let line = PromptLine(prompt: editor.displayedPrompt, text: editor.displayedLine, cursor: editor.displayedCursor)
        if line != controller.promptLine { send(.promptEdited(line)) }
    }

    /// The session's prompt and what the panes' cursors move over now.
    func summary() -> SessionSummary {
        SessionSummary(prompt: session.prompt, extent: PaneExtent.of(session.state, showing: controller.shown),
                       quits: session.quitRequested)
    }

    /// Runs a statement so that Ctrl-C cancels it (the log then shows "cancelled").
    func runInterruptible(_ work: () -> Void) {
        if let screen { screen.runInterruptible(work) } else { work() }
    }

    // MARK: Drawing

    /// The screen for the current state and size, as drawn.
    public func render(width: Int, height: Int) -> CellGrid {
        controller.render(session.state, log: log.lines, kinds: log.kinds, width: width, height: height, options: baseOptions,
                          hasColors: screen?.hasColors ?? true, cache: paneCache)
    }

    private func redraw() {
        guard let screen else { return }
        let size = screen.size
        // A redraw that derives from a big tensor takes a while once per statement: Ctrl-C stops
        // it (the grid says so). During a statement (training's live chart) Ctrl-C is already
        // the statement's.
        var grid: CellGrid?
        if !controller.isRunningStatement {
            screen.runInterruptible { grid = render(width: size.width, height: size.height) }
        }
        screen.draw(grid ?? render(width: size.width, height: size.height))
    }
}
