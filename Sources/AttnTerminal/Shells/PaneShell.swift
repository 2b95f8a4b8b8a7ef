import AttnCore
import AttnLang

/// The full-screen interactive shell: panes above, the readline prompt and its log below (docs/reference.md §6).
///
/// Keys go to readline while the prompt has focus; a finished line runs through
/// `Session.runLine` (numbered from 1 as in the plain shell, `\` continuing it), its output and
/// errors are appended to the log, and the screen is rebuilt from the session's state and drawn
/// again after every statement and every key. Esc gives the panes the keys (see `KeyHelp`).
/// The shell is its session's host: the statements' presentation effects (`view`, `layout`,
/// `palette`, the model overview) change its own `PaneScreenState`, and `train` draws a live
/// loss chart through it.
/// A classroom replay (`attnsh replay FILE`, or `replay PATH` typed here) runs inside the same
/// event loop, with its timer (see `PaneShell+Replay.swift`).
public final class PaneShell: SessionHost {
    /// Where keys go.
    public enum Focus: Sendable {
        case prompt
        case panes
    }

    let session: Session
    let log: ScrollbackLog
    let editor: ReadlineEditor
    private let baseOptions: RenderOptions
    private var screen: TerminalScreen?
    /// What the panes derived from whole tensors, kept across redraws.
    let paneCache = PaneDataCache()

    public internal(set) var focus = Focus.prompt
    /// What the statements asked the panes to show (view, layout, palette).
    public private(set) var shown = PaneScreenState()
    private var cursor = GridCursor()
    private var zoom: Int?
    private var showsHelp = false
    /// Log lines hidden below the visible part (PgUp raises it).
    var logScroll = 0
    private var collected: [String] = []
    private var lineNumber = 0
    private var firstLineNumber = 1
    var lastStatement = ""
    /// The statement being run (the loss chart's title).
    private var runningStatement = ""
    /// The live loss chart while `train` runs, nil otherwise.
    private(set) var lossChart: LossChartModel?
    private var headCount = 0
    /// The thumbnail under the cursor while the model overview is shown.
    private var overviewCursor = OverviewCursor()
    /// The overview's layers and heads when it is on screen (nil when it is not).
    private var overviewSize: (layers: Int, heads: Int)?
    var finished = false
    /// The replay being presented, if any.
    var replay: ReplayPresenter?
    /// A replay asked for (`replay PATH` or `attnsh replay`), started once the current input is done.
    var pendingReplay: (script: ReplayScript, delay: Double?)?
    /// When the statement at a timed replay's prompt runs by itself.
    var replayDeadline: ContinuousClock.Instant?
    /// The text the replay put on the line: `q` leaves the replay while the line still holds it.
    var replayPrefill = ""

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

    // MARK: Host

    /// `--ascii`: the training sparklines printed in the log use ASCII characters only.
    public var drawsASCII: Bool { baseOptions.colorMode == .ascii }

    /// A statement's presentation effect: the screen state takes it in; the log gets its note.
    public func present(_ effect: PresentationEffect, in state: SessionState) -> String? {
        if effect == .trainingFinished { lossChart = nil }
        return shown.apply(effect, in: state)
    }

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
        startPendingReplay()
        redraw()
        while !finished {
            guard let key = nextKey(from: screen) else {
                // A timed replay's statement is due.
                replayTimerRanOut()
                redraw()
                continue
            }
            switch key {
            case .resize:
                screen.invalidate()
            case .endOfInput:
                finished = true
            default:
                if showsHelp {
                    showsHelp = false
                } else if key == .function(1) {
                    showsHelp = true
                } else if focus == .prompt {
                    handlePromptKey(key)
                } else {
                    handlePaneKey(key)
                }
            }
            if !finished { redraw() }
        }
        return 0
    }

    // MARK: Keys

    private func handlePromptKey(_ key: TerminalKey) {
        if replay != nil && handleReplayKey(key) { return }
        switch key {
        case .escape:
            focus = .panes
        case .pageUp, .pageDown:
            scrollLog(up: key == .pageUp)
        case .byte(3):
            // Ctrl-C (a key in raw mode, not a signal): drop the line and any continued input.
            collected = []
            logScroll = 0
            editor.clearLine(prompt: session.prompt)
        case .byte(let lead) where lead >= 0xC0:
            // The rest of a UTF-8 character follows at once; readline wants it whole.
            var bytes = [lead]
            let expected = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : 1
            while bytes.count <= expected, let next = screen?.pendingByte() { bytes.append(next) }
            feed(bytes)
        default:
            let bytes = key.readlineBytes
            if !bytes.isEmpty { feed(bytes) }
        }
    }

    private func feed(_ bytes: [UInt8]) {
        editor.feed(bytes)
        let listed = editor.takeListedCompletions()
        if !listed.isEmpty {
            log.appendColumns(listed, width: max(20, (screen?.size.width ?? 80) - 2))
            logScroll = 0
        }
        for line in editor.takeFinishedLines() {
            guard let line else {
                finished = true
                return
            }
            submit(line)
        }
    }

    private func handlePaneKey(_ key: TerminalKey) {
        if overviewSize != nil && handleOverviewKey(key) { return }
        switch key {
        case .escape, .byte(UInt8(ascii: "i")), .byte(13), .byte(10), .byte(3):
            focus = .prompt
        case .up, .byte(UInt8(ascii: "k")): cursor.row -= 1
        case .down, .byte(UInt8(ascii: "j")): cursor.row += 1
        case .left, .byte(UInt8(ascii: "h")): cursor.column -= 1
        case .right, .byte(UInt8(ascii: "l")): cursor.column += 1
        case .byte(9): cursor.head = headCount > 0 ? (cursor.head + 1) % headCount : 0
        case .backTab: cursor.head = headCount > 0 ? (cursor.head + headCount - 1) % headCount : 0
        case .byte(UInt8(ascii: "+")), .byte(UInt8(ascii: "=")):
            zoom = steppedZoom(by: 1)
        case .byte(UInt8(ascii: "-")):
            zoom = steppedZoom(by: -1)
        case .byte(UInt8(ascii: "0")):
            zoom = nil
        case .byte(UInt8(ascii: "s")):
            runStatement("step")
        case .byte(UInt8(ascii: "b")):
            runStatement("back")
        case .byte(UInt8(ascii: "?")):
            showsHelp = true
        case .byte(UInt8(ascii: "q")) where replay != nil, .alt(UInt8(ascii: "q")) where replay != nil:
            leaveReplay()
        case .pageUp, .pageDown:
            scrollLog(up: key == .pageUp)
        default:
            break
        }
    }

    /// One zoom level in or out from the level the grid is shown at (fit included).
    private func steppedZoom(by step: Int) -> Int? {
        let size = screen?.size ?? (width: 80, height: 24)
        return SessionScreen.zoom(zoom, steppedBy: step, of: session.state, showing: shown, cursor: cursor,
                                  width: size.width, height: size.height, cache: paneCache)
    }

    /// Keys on the model overview: arrows (hjkl) and Tab move between thumbnails, Enter opens the
    /// cursor's layer (`model layer L`) with the grid cursor on its head. False for other keys.
    private func handleOverviewKey(_ key: TerminalKey) -> Bool {
        guard let size = overviewSize else { return false }
        switch key {
        case .up, .byte(UInt8(ascii: "k")): overviewCursor.layer = max(0, overviewCursor.layer - 1)
        case .down, .byte(UInt8(ascii: "j")): overviewCursor.layer = min(size.layers - 1, overviewCursor.layer + 1)
        case .left, .byte(UInt8(ascii: "h")): overviewCursor.head = max(0, overviewCursor.head - 1)
        case .right, .byte(UInt8(ascii: "l")): overviewCursor.head = min(size.heads - 1, overviewCursor.head + 1)
        case .byte(9): overviewCursor.head = size.heads > 0 ? (overviewCursor.head + 1) % size.heads : 0
        case .backTab: overviewCursor.head = size.heads > 0 ? (overviewCursor.head + size.heads - 1) % size.heads : 0
        case .byte(13), .byte(10):
            let chosen = overviewCursor
            runStatement("model layer \(chosen.layer)")
            if shown.subject != .overview {
                cursor = GridCursor(head: chosen.head)
                zoom = nil
            }
        default:
            return false
        }
        return true
    }

    // MARK: Statements

    /// A line readline finished: collected while it ends in `\`, then run.
    private func submit(_ line: String) {
        if replay != nil { return submitToReplay(line) }
        lineNumber += 1
        editor.remember(line)
        if collected.isEmpty { firstLineNumber = lineNumber }
        collected.append(line)
        let input = collected.joined(separator: "\n")
        if session.needsContinuation(input) {
            editor.restartLine(prompt: PlainShell.continuationPrompt)
            return
        }
        for (index, part) in collected.enumerated() {
            log.append((index == 0 ? session.prompt : PlainShell.continuationPrompt) + part)
        }
        collected = []
        runInterruptible(input) { session.runLine(input, lineNumber: firstLineNumber) }
        lastStatement = input
        logScroll = 0
        editor.restartLine(prompt: session.prompt)
        startPendingReplay()
    }

    /// Runs a statement for a pane key (`s`, `b`) exactly as if typed, shown in the log.
    private func runStatement(_ statement: String) {
        lineNumber += 1
        log.append(session.prompt + statement)
        runInterruptible(statement) { session.runLine(statement, lineNumber: lineNumber) }
        lastStatement = statement
        logScroll = 0
    }

    /// Runs a statement so that Ctrl-C cancels it (the log then shows "cancelled"); while it
    /// trains, the grid pane shows the live loss chart, titled with `statement`. A training that
    /// succeeded (finished, or stopped with Ctrl-C keeping the best weights) leaves its layer run
    /// on the held-out sequence, so the panes go back to the trained layer's grids; the chart
    /// goes when the training ends, or with the statement when it failed.
    func runInterruptible(_ statement: String, _ work: () -> Void) {
        runningStatement = statement
        if let screen { screen.runInterruptible(work) } else { work() }
        lossChart = nil
        runningStatement = ""
    }

    /// A training progress report: the chart grows by one evaluation and is drawn at once (the
    /// statement runs on this thread, between keys, so drawing here is safe).
    public func trainingProgressed(_ progress: TrainingProgress) {
        var chart = lossChart ?? LossChartModel(title: runningStatement.split(separator: "\n").first
                                                    .map { String($0) } ?? "train")
        chart.record(progress)
        lossChart = chart
        redraw()
    }

    // MARK: Drawing

    private func scrollLog(up: Bool) {
        let size = screen?.size ?? (width: 80, height: 24)
        var page = 5
        if case .panes(let panes) = ScreenLayout.compute(width: size.width, height: size.height,
                                                          layout: shown.layout) {
            page = max(1, panes.log.height - 2)
        }
        logScroll = up ? min(logScroll + page, max(0, log.lines.count - 1)) : max(0, logScroll - page)
    }

    /// The screen for the current state and size, as drawn.
    public func render(width: Int, height: Int) -> CellGrid {
        var model = SessionScreen.model(of: session.state, showing: shown, cursor: cursor, zoom: zoom,
                                        overviewCursor: overviewCursor, cache: paneCache)
        if let overview = model.overview {
            overviewCursor = overview.cursor
            overviewSize = (overview.layerCount, overview.headCount)
        } else {
            overviewSize = nil
        }
        if let grid = model.grid {
            cursor = grid.cursor
            headCount = grid.headCount
        } else {
            headCount = 0
        }
        model.log = logScroll > 0 ? Array(log.lines.dropLast(logScroll)) : log.lines
        model.prompt = editor.displayedPrompt
        model.input = editor.displayedLine
        model.inputCursor = editor.displayedCursor
        model.lastStatement = lastStatement
        model.lossChart = lossChart
        model.promptFocused = focus == .prompt && !showsHelp
        model.replayStatus = replayStatus
        var options = shown.options(base: baseOptions)
        if options.colorMode == .color256 && screen?.hasColors == false { options.colorMode = .monochrome }
        var grid = ScreenRenderer.render(model, width: width, height: height, options: options)
        if showsHelp { KeyHelp.draw(into: &grid, options: options) }
        return grid
    }

    private func redraw() {
        guard let screen else { return }
        let size = screen.size
        // A redraw that derives from a big tensor takes a while once per statement: Ctrl-C stops
        // it (the grid says so). During a statement (training's live chart) Ctrl-C is already
        // the statement's.
        var grid: CellGrid?
        if runningStatement.isEmpty {
            screen.runInterruptible { grid = render(width: size.width, height: size.height) }
        }
        screen.draw(grid ?? render(width: size.width, height: size.height))
    }
}
