import AttnLang

/// Classroom replay in the pane UI: the shell's `ReplayPresenter`, driven by the controller's
/// effects (see `PaneController+Replay.swift`), and the replay's timer in the event loop.
///
/// Each replayed statement runs as a typed one does, through `runInterruptible`, so Ctrl-C
/// cancels a long one and the presenter then leaves the replay, with the workspace as it was
/// before that statement. The timer runs in the event loop (`nextKey`), so the screen keeps
/// answering resizes and the panes' keys meanwhile.
extension PaneShell {
    /// The next key, or nil when a timed replay's statement is due first.
    func nextKey(from screen: TerminalScreen) -> TerminalKey? {
        guard let deadline = replayDeadline else { return screen.readKey() }
        let remaining = deadline - ContinuousClock.now
        let milliseconds = remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000
        // Even when the statement is already due (delay 0), a key typed meanwhile is read first,
        // so `q` can stop a fast replay.
        guard let key = screen.readKey(timeoutMilliseconds: Int(clamping: max(0, milliseconds))) else {
            replayDeadline = nil
            return nil
        }
        return key
    }

    /// Does a replay effect: start, submit, run as written or leave the presenter, or set its timer.
    func performReplay(_ effect: PaneEffect) {
        switch effect {
        case .startReplay(let script, let delay):
            let presenter = ReplayPresenter(session: session, script: script, delay: delay) { [unowned self] in
                self.send(.narrated($0))
            }
            replay = presenter
            presenter.start()
            replayMoved(presenter)
        case .submitToReplay(let line):
            guard let replay else { return }
            runInterruptible { replay.submit(line) }
            replayMoved(replay)
        case .runReplayAsWritten:
            guard let replay else { return }
            runInterruptible { replay.runAsWritten() }
            replayMoved(replay)
        case .quitReplay:
            guard let replay else { return }
            replay.quit()
            replayMoved(replay)
        case .endReplay:
            replay = nil
        case .armTimer(let milliseconds):
            replayDeadline = ContinuousClock.now + .milliseconds(milliseconds)
        case .disarmTimer:
            replayDeadline = nil
        default:
            perform(effect)
        }
    }

    /// Tells the controller where the replay stands now.
    private func replayMoved(_ presenter: ReplayPresenter) {
        send(.replayMoved(ReplayStatus(presenter), summary()))
    }
}
