import AttnCore
import AttnLang

/// The pane shell's state as one value: `handle(event)` changes it and says what the shell
/// must do (docs/reference.md §6).
///
/// Everything the pane UI remembers between keys lives here: where keys go, the grid and
/// overview cursors, the zoom, what the statements asked the panes to show (`shown`), the
/// prompt line as readline shows it, the lines collected for a statement continued with `\`,
/// the log's scroll, the key help, the live loss chart and where a classroom replay stands.
/// Handling an event is pure: `(state, event) -> (state, [PaneEffect])`; `PaneShell` moves
/// bytes between the terminal, readline and this value, performs the effects and reports their
/// results back as events. Rendering reads the value (`PaneController+Rendering.swift`) and
/// never writes back.
public struct PaneController: Sendable, Equatable {
    /// Where keys go.
    public enum Focus: Sendable {
        case prompt
        case panes
    }

    /// What a `.run` effect was for: what follows when it finishes.
    enum RunPurpose: Sendable, Equatable {
        /// A statement typed at the prompt.
        case typed
        /// A pane key's statement (`s`, `b`).
        case paneKey
        /// Enter on the overview: `model layer L`, with the grid cursor then on `head`.
        case overviewOpen(head: Int)
    }

    public internal(set) var focus = Focus.prompt
    /// What the statements asked the panes to show (view, layout, palette).
    public internal(set) var shown = PaneScreenState()
    /// The grid cursor, kept inside `session.extent`.
    public internal(set) var cursor = GridCursor()
    /// The zoom level, nil to fit.
    public internal(set) var zoom: Int?
    /// The thumbnail under the cursor while the model overview is shown.
    public internal(set) var overviewCursor = OverviewCursor()
    /// Whether the key help is drawn over the screen.
    public internal(set) var showsHelp = false
    /// Log lines hidden below the visible part (PgUp raises it).
    public internal(set) var logScroll = 0
    /// The live loss chart while `train` runs, nil otherwise.
    public internal(set) var lossChart: LossChartModel?
    /// The last narration (`echo`, a replay's comment lines), pinned above the prompt until the
    /// next one: the last `echo`'s line with the replay's comment lines that follow it.
    public internal(set) var caption: [String] = []
    /// The log drawn over every pane (F2, `log grow`).
    public internal(set) var logGrown = false
    /// The statement just run may show a long output over the inspector and output panes, until
    /// the next key.
    public internal(set) var outputExtends = false
    /// The statement run last (the present layout's one line).
    public internal(set) var lastStatement = ""
    /// What readline shows on the prompt line.
    public internal(set) var promptLine = PromptLine()
    /// The session's prompt and what the cursors move over, as of the last statement.
    public internal(set) var session = SessionSummary()
    /// The replay being presented, if any.
    public internal(set) var replay: ReplayStatus?
    /// True once the shell is to leave.
    public internal(set) var finished = false
    /// Columns and rows of the terminal.
    public internal(set) var size: (width: Int, height: Int) {
        get { (width, height) }
        set { (width, height) = newValue }
    }
    private var width = 80
    private var height = 24

    /// Lines of a statement continued with `\`, collected until it is whole.
    var collected: [String] = []
    /// The number of the last line typed or run (numbered from 1, as in the plain shell).
    var lineNumber = 0
    /// The number of the first line of the statement being collected.
    var firstLineNumber = 1
    /// The statement being run (the loss chart's title) and what follows it.
    var running: RunningStatement?
    /// True while a statement handed to the shell has not finished (Ctrl-C is then its own).
    public var isRunningStatement: Bool { running != nil }
    /// The replay asked for, started once the current input is done.
    var pendingReplay: PendingReplay?
    /// The text the replay put on the line: `q` leaves the replay while the line still holds it.
    var replayPrefill = ""
    /// Lines in the log.
    var logLineCount = 0
    /// Counts the statements handed to the shell: a comment line narrated after the same one adds
    /// to the caption, after a later one replaces it.
    var turn = 0
    /// The turn whose narration the caption holds.
    var captionTurn = -1
    /// Whether the caption is `echo` text (which a following `echo` joins) rather than comments.
    var captionIsEcho = false

    /// A statement handed to the shell with `.run` (or to the replay), not yet finished.
    struct RunningStatement: Sendable, Equatable {
        var statement: String
        var purpose: RunPurpose
    }

    /// A replay waiting to start.
    struct PendingReplay: Sendable, Equatable {
        var script: ReplayScript
        var delay: Double?
    }

    /// A controller over a fresh session, focused on the prompt.
    public init() {}

    /// The controller after `event`, and what the shell must do for it.
    public static func update(_ state: PaneController, _ event: PaneEvent) -> (PaneController, [PaneEffect]) {
        var next = state
        let effects = next.handle(event)
        return (next, effects)
    }

    /// Takes in `event`; what the shell must do for it, in order.
    public mutating func handle(_ event: PaneEvent) -> [PaneEffect] {
        switch event {
        case .started(let summary, let width, let height):
            size = (width, height)
            take(summary)
            return startPendingReplay()
        case .key(let key):
            return handleKey(key)
        case .zoomChosen(let level):
            zoom = level
            return []
        case .resized(let width, let height):
            size = (width, height)
            return []
        case .logChanged(let lineCount):
            logLineCount = lineCount
            return []
        case .promptEdited(let line):
            promptLine = line
            return []
        case .lineFinished(let line, let continues):
            guard let line else {
                finished = true
                return [.quit]
            }
            return submit(line, continues: continues)
        case .completionsListed(let words):
            guard !words.isEmpty else { return [] }
            logScroll = 0
            return [.logColumns(words, width: max(20, size.width - 2))]
        case .presented(let effect, let state):
            switch effect {
            case .trainingFinished: finishTraining()
            case .narration(let text): narrate(text)
            case .logPane(let change): changeLog(change)
            default: break
            }
            return shown.apply(effect, in: state).map { [.note($0)] } ?? []
        case .narrated(let text):
            return narrated(text)
        case .trainingProgressed(let progress):
            // A finished chart a replay kept on screen gives way to the new run's.
            var chart = lossChart.flatMap { $0.isFinished ? nil : $0 } ?? LossChartModel(title: running?.statement.split(separator: "\n").first
                                                        .map { String($0) } ?? "train")
            chart.record(progress)
            lossChart = chart
            return [.redraw]
        case .statementFinished(let summary):
            return statementFinished(summary)
        case .replayQueued(let script, let delay):
            pendingReplay = PendingReplay(script: script, delay: delay)
            return []
        case .replayMoved(let status, let summary):
            // A finished chart stays while the replay goes on (Enter at a pause drops it); a
            // failed or cancelled run's chart goes at once.
            if lossChart?.isFinished != true || status.waiting == .done { lossChart = nil }
            running = nil
            take(summary)
            replay = status
            return showReplayPrompt()
        case .timerRanOut:
            return replayTimerRanOut()
        }
    }

    /// The input collected so far with `line` added: what readline's next line completes.
    public func input(adding line: String) -> String {
        (collected + [line]).joined(separator: "\n")
    }

    /// Takes in the session's prompt and extent; the cursors move into it.
    mutating func take(_ summary: SessionSummary) {
        session = summary
        if summary.extent.heads > 0 { cursor = summary.extent.clamped(cursor) }
        overviewCursor = summary.extent.clamped(overviewCursor)
    }
}
