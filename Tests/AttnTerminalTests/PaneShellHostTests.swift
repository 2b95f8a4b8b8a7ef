import AttnCore
import AttnLang
import Testing
@testable import AttnTerminal

/// The pane shell as its session's host, without a terminal: statements run through the
/// session (as the rc file and `-i FILE` run before the screen starts) change the shell's own
/// screen state, their notes go to the log, and the screen drawn at 100 × 30 shows them.
@Suite(.serialized) struct PaneShellHostTests {
    /// A pane shell over a fresh session whose output goes to the shell's log.
    static func shell(options: RenderOptions = .monochrome) -> (PaneShell, Session, ScrollbackLog) {
        let log = ScrollbackLog()
        let session = Session(output: { log.append($0) }, errors: { log.append($0) })
        session.appliesLimitProcessWide = false
        let shell = PaneShell(session: session, log: log, historyPath: nil, options: options)
        return (shell, session, log)
    }

    @Test func theShellIsItsSessionsHost() {
        let (shell, session, _) = Self.shell()
        #expect(session.host === shell)
        #expect(!shell.drawsASCII)
        #expect(Self.shell(options: RenderOptions(colorMode: .ascii)).0.drawsASCII)
    }

    @Test func viewChangesTheShellsScreenNotTheSession() {
        let (shell, session, log) = Self.shell()
        session.runScript("m = [[1, 2], [3, 4]]\nview m\nlayout focus\npalette gray", fileName: "rc", keepGoing: false)
        #expect(shell.shown.subject == .tensor("m"))
        #expect(shell.shown.layout == .focus && shell.shown.palette == .gray)
        #expect(log.lines == ["viewing m [2, 2]"], "the panes draw the grid; the log only names it")
        let text = shell.render(width: 100, height: 30).text
        #expect(text.contains("view m [2, 2]"))
        #expect(text.contains("viewing m [2, 2]"))
    }

    @Test func afterTrainTheGridShowsTheTrainedLayer() {
        let (shell, session, log) = Self.shell()
        #expect(session.runLine("train task=prev d_model=8 steps=20 T=6 vocab=5 batch=8 seed=1", lineNumber: 1))
        #expect(shell.lossChart == nil, "the chart ends with the training")
        #expect(log.lines.contains { $0.hasPrefix("ran 11 stages: attn.X … attn.out") }, "\(log.lines)")
        let text = shell.render(width: 100, height: 30).text
        #expect(text.contains("stage 8/11"), "\(text)")
        #expect(!text.contains("loss curve, live"))
    }

    /// A host that keeps the training progress it is given.
    final class ProgressCatcher: SessionHost, @unchecked Sendable {
        var progress: [TrainingProgress] = []
        func trainingProgressed(_ progress: TrainingProgress) { self.progress.append(progress) }
        func present(_ effect: PresentationEffect, in state: SessionState) -> String? { nil }
    }

    @Test func progressDrawsTheLiveChartUntilTrainingFinishes() throws {
        let catcher = ProgressCatcher()
        let training = Session(output: { _ in }, errors: { _ in })
        training.appliesLimitProcessWide = false
        training.host = catcher
        training.runLine("train task=prev d_model=8 steps=20 T=6 vocab=5 batch=8", lineNumber: 1)
        let progress = try #require(catcher.progress.first)
        let (shell, session, _) = Self.shell()
        shell.trainingProgressed(progress)
        #expect(shell.lossChart != nil)
        #expect(shell.render(width: 100, height: 30).text.contains("loss curve, live"))
        #expect(shell.present(.trainingFinished, in: session.state) == nil)
        #expect(shell.lossChart == nil)
        #expect(!shell.render(width: 100, height: 30).text.contains("loss curve, live"))
    }
}
