import AttnLang

/// Classroom replay in the pane UI: a `ReplayPresenter` driven by the shell's event loop.
///
/// Each statement is put on the prompt line as if typed (readline holds it, so the presenter may
/// edit it) and runs on Enter, shown in the log like a typed statement; the panes are rebuilt
/// after it as after any statement. Comment lines go to the log. A `pause` shows the pause prompt
/// and waits for Enter. With a delay, the statement runs when the timer runs out, or at once on
/// any key but the ones below; the timer runs in the event loop (`nextKey`), so the screen keeps
/// answering resizes and the panes' keys meanwhile.
///
/// Leaving the replay (the workspace is kept): `q` while the line holds the statement as
/// presented (unedited) or nothing (at a pause); `q` alone then Enter on an edited line; Alt-q
/// (Esc q) anywhere; `q` with the panes focused; Ctrl-C, at the prompt or during a replayed
/// statement (which it cancels, leaving the workspace as before that statement). The log's title shows where the replay
/// stands and these keys.
extension PaneShell {
    /// Starts replaying `script` once the current input is done (nil delay: each statement waits
    /// for Enter). A replay asked for during another starts after it.
    public func queueReplay(_ script: ReplayScript, delay: Double?) {
        pendingReplay = (script, delay)
    }

    /// The next key, or nil when a timed replay's statement is due first.
    func nextKey(from screen: TerminalScreen) -> TerminalKey? {
        guard let deadline = replayDeadline else { return screen.readKey() }
        let remaining = deadline - ContinuousClock.now
        let milliseconds = remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000
        // Even when the statement is already due (delay 0), a key typed meanwhile is read first,
        // so `q` can stop a fast replay.
        return screen.readKey(timeoutMilliseconds: Int(clamping: max(0, milliseconds)))
    }

    /// Starts the queued replay, if any and none is running.
    func startPendingReplay() {
        guard replay == nil, let pending = pendingReplay else { return }
        pendingReplay = nil
        let presenter = ReplayPresenter(session: session, script: pending.script, delay: pending.delay) { [unowned self] in
            self.log.append($0)
        }
        replay = presenter
        let pace = pending.delay.map { "one statement every \($0) s" } ?? "Enter runs each statement"
        log.append("(replaying \(pending.script.fileName): \(pace); q quits)")
        presenter.start()
        showReplayPrompt()
    }

    /// Keys the replay takes before readline does; true when taken.
    func handleReplayKey(_ key: TerminalKey) -> Bool {
        guard let replay else { return false }
        switch key {
        case .alt(UInt8(ascii: "q")), .byte(3):
            leaveReplay()
            return true
        case .byte(UInt8(ascii: "q")) where editor.displayedLine == replayPrefill:
            leaveReplay()
            return true
        case .escape, .pageUp, .pageDown, .resize, .endOfInput, .function:
            return false
        default:
            // On a timer, the line is not for editing: a key runs the statement now.
            guard replay.delay != nil, case .statement = replay.waiting else { return false }
            replayTimerRanOut()
            return true
        }
    }

    /// A line finished at a replay prompt (Enter).
    func submitToReplay(_ line: String) {
        guard let replay else { return }
        if case .statement = replay.waiting, !ReplayScript.isQuit(line) {
            editor.remember(line)
            if line.contains(where: { !$0.isWhitespace }) { logStatement(line) }
        }
        // Through `runInterruptible`, as a typed statement: Ctrl-C cancels a long replayed one,
        // and the presenter then leaves the replay (see `ReplayPresenter`).
        runInterruptible(line) { replay.submit(line) }
        showReplayPrompt()
    }

    /// The timer ran out: the statement at the prompt runs as presented.
    func replayTimerRanOut() {
        replayDeadline = nil
        guard let replay, case .statement(let step) = replay.waiting else { return }
        logStatement(step.shown)
        runInterruptible(step.shown) { replay.runAsWritten() }
        showReplayPrompt()
    }

    /// Leaves the replay (`q`, Esc q, Ctrl-C); the workspace stays as it is.
    func leaveReplay() {
        replay?.quit()
        focus = .prompt
        showReplayPrompt()
    }

    /// The log's title during a replay: where it stands and how to go on or leave.
    var replayStatus: String? {
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
    private func showReplayPrompt() {
        logScroll = 0
        guard let replay else { return }
        switch replay.waiting {
        case .statement(let step):
            replayPrefill = step.shown
            editor.restartLine(prompt: session.prompt, prefilled: step.shown)
            replayDeadline = replay.delay.map { ContinuousClock.now + .milliseconds(Int(($0 * 1000).rounded())) }
        case .pause:
            replayPrefill = ""
            editor.restartLine(prompt: ReplayPresenter.pausePrompt)
            replayDeadline = nil
        case .done:
            self.replay = nil
            replayPrefill = ""
            replayDeadline = nil
            editor.restartLine(prompt: session.prompt)
            startPendingReplay()
        }
    }

    /// A replayed statement in the log, as a typed one is, and as the present layout's last line.
    private func logStatement(_ text: String) {
        log.append(session.prompt + text)
        lastStatement = text
    }
}
