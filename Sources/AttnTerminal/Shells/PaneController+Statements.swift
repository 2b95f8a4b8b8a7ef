import AttnLang

/// Statements: a finished line is collected while it ends in `\`, then run; pane keys run
/// theirs as if typed; what follows a statement depends on what ran it.
extension PaneController {
    /// A line readline finished.
    mutating func submit(_ line: String, continues: Bool) -> [PaneEffect] {
        if replay != nil { return submitToReplay(line) }
        lineNumber += 1
        var effects = [PaneEffect.remember(line)]
        if collected.isEmpty { firstLineNumber = lineNumber }
        collected.append(line)
        if continues {
            return effects + [.restartLine(prompt: PlainShell.continuationPrompt, prefilled: "")]
        }
        for (index, part) in collected.enumerated() {
            effects.append(index == 0 ? .logLine(session.prompt + part, kind: .statement)
                                      : .logLine(PlainShell.continuationPrompt + part, kind: .continuation))
        }
        let input = collected.joined(separator: "\n")
        collected = []
        beginTurn()
        running = RunningStatement(statement: input, purpose: .typed)
        return effects + [.run(input, lineNumber: firstLineNumber)]
    }

    /// Runs a statement for a pane key exactly as if typed, shown in the log.
    mutating func run(_ statement: String, for purpose: RunPurpose) -> [PaneEffect] {
        lineNumber += 1
        beginTurn()
        running = RunningStatement(statement: statement, purpose: purpose)
        return [.logLine(session.prompt + statement, kind: .statement), .run(statement, lineNumber: lineNumber)]
    }

    /// The statement of a `.run` effect finished. A training that succeeded leaves its layer run
    /// on the held-out sequence, so the panes go back to the trained layer's grids; the loss
    /// chart goes with the statement either way.
    mutating func statementFinished(_ summary: SessionSummary) -> [PaneEffect] {
        let done = running
        lossChart = nil
        running = nil
        take(summary)
        if summary.quits {
            finished = true
            return [.quit]
        }
        guard let done else { return [] }
        lastStatement = done.statement
        logScroll = 0
        outputExtends = true
        switch done.purpose {
        case .typed:
            return [.restartLine(prompt: session.prompt, prefilled: "")] + startPendingReplay()
        case .paneKey:
            return renamedPrompt()
        case .overviewOpen(let head):
            // The layer opened: the grid cursor goes to the chosen head, and the keys go back to
            // the prompt, which now names the layer.
            if shown.subject != .overview {
                cursor = GridCursor(head: head)
                if summary.extent.heads > 0 { cursor = summary.extent.clamped(cursor) }
                zoom = nil
                focus = .prompt
            }
            return renamedPrompt()
        }
    }

    /// The prompt line again with the session's prompt when a pane key's statement changed it
    /// (the line keeps what was typed on it, or the replay's statement waiting there).
    private func renamedPrompt() -> [PaneEffect] {
        guard promptLine.prompt != session.prompt, promptLine.prompt != PlainShell.continuationPrompt,
              promptLine.prompt != ReplayPresenter.pausePrompt else { return [] }
        return [.restartLine(prompt: session.prompt, prefilled: promptLine.text)]
    }
}
