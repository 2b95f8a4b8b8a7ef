import AttnLang

/// Classroom replay in the pane UI: where the shell's `ReplayPresenter` stands, and the keys
/// and timer that drive it.
///
/// Each statement is put on the prompt line as if typed and runs on Enter, shown in the log like
/// a typed statement. A `pause` shows the pause prompt and waits for Enter. With a delay, the
/// statement runs when the timer runs out, or at once on any key but the ones below.
///
/// Leaving the replay (the workspace is kept): `q` while the line holds the statement as
/// presented (unedited) or nothing (at a pause); `q` alone then Enter on an edited line; Alt-q
/// (Esc q) anywhere; `q` with the panes focused; Ctrl-C, at the prompt or during a replayed
/// statement (which it cancels). The log's title shows where the replay stands and these keys.
extension PaneController {
    /// Starts the queued replay, if any and none is running.
    mutating func startPendingReplay() -> [PaneEffect] {
        guard replay == nil, let pending = pendingReplay else { return [] }
        pendingReplay = nil
        let pace = pending.delay.map { "one statement every \($0) s" } ?? "Enter runs each statement"
        return [.log("(replaying \(pending.script.fileName): \(pace); q quits)"),
                .startReplay(pending.script, delay: pending.delay)]
    }

    /// Keys the replay takes before readline does; nil when not taken.
    mutating func replayKey(_ key: TerminalKey) -> [PaneEffect]? {
        guard let replay else { return nil }
        switch key {
        case .alt(UInt8(ascii: "q")), .byte(3):
            return leaveReplay()
        case .byte(UInt8(ascii: "q")) where promptLine.text == replayPrefill:
            return leaveReplay()
        case .escape, .pageUp, .pageDown, .resize, .endOfInput, .function:
            return nil
        default:
            // On a timer, the line is not for editing: a key runs the statement now.
            guard replay.delay != nil, case .statement = replay.waiting else { return nil }
            return replayTimerRanOut()
        }
    }

    /// A line finished at a replay prompt (Enter).
    mutating func submitToReplay(_ line: String) -> [PaneEffect] {
        guard let replay else { return [] }
        // Enter at a pause goes on from a finished training chart to the trained layer's grids.
        if case .pause = replay.waiting { lossChart = nil }
        var effects: [PaneEffect] = []
        if case .statement = replay.waiting, !ReplayScript.isQuit(line) {
            outputExtends = true
            effects.append(.remember(line))
            if line.contains(where: { !$0.isWhitespace }) { effects += logStatement(line) }
        }
        // Run as a typed statement is: Ctrl-C cancels a long replayed one, and the presenter
        // then leaves the replay.
        beginTurn()
        running = RunningStatement(statement: line, purpose: .typed)
        return effects + [.submitToReplay(line)]
    }

    /// The timer ran out (or a key came on a timed replay): the statement runs as presented.
    mutating func replayTimerRanOut() -> [PaneEffect] {
        guard let replay, case .statement(let step) = replay.waiting else { return [.disarmTimer] }
        beginTurn()
        outputExtends = true
        running = RunningStatement(statement: step.shown, purpose: .typed)
        return [.disarmTimer] + logStatement(step.shown) + [.runReplayAsWritten]
    }

    /// Leaves the replay (`q`, Esc q, Ctrl-C); the workspace stays as it is.
    mutating func leaveReplay() -> [PaneEffect] {
        focus = .prompt
        return [.quitReplay]
    }

    /// The log's title during a replay: where it stands and how to go on or leave.
    public var replayTitle: String? {
        guard let replay else { return nil }
        let place = "replay \(replay.statementNumber)/\(replay.statementCount)"
        // The panes' own note follows (`panes: ? keys, i prompt`); `?` lists `q` among the keys.
        if focus == .panes { return place }
        switch replay.waiting {
        case .pause: return place + " · paused · q quits"
        case .statement where replay.delay != nil: return place + " · every \(replay.delay ?? 0) s · q quits"
        default: return place + " · Enter runs · q quits"
        }
    }

    /// Puts what the replay now waits for on the prompt line, or ends the replay.
    mutating func showReplayPrompt() -> [PaneEffect] {
        logScroll = 0
        guard let replay else { return [] }
        switch replay.waiting {
        case .statement(let step):
            replayPrefill = step.shown
            let timer = replay.delay.map { PaneEffect.armTimer(milliseconds: Int(($0 * 1000).rounded())) }
            return [.restartLine(prompt: session.prompt, prefilled: step.shown), timer ?? .disarmTimer]
        case .pause:
            replayPrefill = ""
            return [.restartLine(prompt: ReplayPresenter.pausePrompt, prefilled: ""), .disarmTimer]
        case .done:
            self.replay = nil
            replayPrefill = ""
            return [.endReplay, .disarmTimer, .restartLine(prompt: session.prompt, prefilled: "")]
                + startPendingReplay()
        }
    }

    /// A replayed statement in the log, as a typed one is, and as the present layout's last line.
    private mutating func logStatement(_ text: String) -> [PaneEffect] {
        lastStatement = text
        return [.logLine(session.prompt + text, kind: .statement)]
    }

    /// `train` ended: the chart goes, so the panes show the trained layer; in a replay it stays,
    /// finished, up to Enter at the next pause, so the class sees the whole run while the
    /// narration talks about it (docs/reference.md §7.2).
    mutating func finishTraining() {
        guard replay != nil, var chart = lossChart else {
            lossChart = nil
            return
        }
        chart.isFinished = true
        lossChart = chart
    }
}
