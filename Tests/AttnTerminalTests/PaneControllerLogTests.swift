import AttnLang
import Testing
@testable import AttnTerminal

/// The log a class can read, driven as a value: the caption, the grown log, a long output over
/// the inspector, the scroll marker, and the prompt after Enter on the overview during a replay.
@Suite struct PaneControllerLogTests {
    static let state = SessionState()

    /// `controller` after a typed statement that narrated `lines` (an `echo` and what followed).
    static func ran(_ statement: String, narrating lines: [String] = [], on controller: PaneController) -> PaneController {
        var next = controller
        _ = next.handle(.lineFinished(statement, continues: false))
        for line in lines { _ = next.handle(.presented(.narration(line), state: state)) }
        _ = next.handle(.statementFinished(SessionSummary(prompt: "attn> ")))
        return next
    }

    @Test func theLastNarrationIsTheCaptionUntilTheNextOne() {
        var controller = PaneControllerTests.started()
        #expect(controller.caption.isEmpty)
        controller = Self.ran("echo Stage 1", narrating: ["Stage 1"], on: controller)
        #expect(controller.caption == ["Stage 1"])
        controller = Self.ran("step", on: controller)
        #expect(controller.caption == ["Stage 1"], "a statement that narrates nothing keeps the caption")
        controller = Self.ran("echo Stage 2", narrating: ["Stage 2"], on: controller)
        #expect(controller.caption == ["Stage 2"], "the next narration replaces it")
        controller = Self.ran("source two-echoes.attn", narrating: ["One.", "Two."], on: controller)
        #expect(controller.caption == ["Two."], "each `echo` is a narration of its own, even in one script")
    }

    @Test func aReplaysCommentLinesAfterAStatementJoinItsCaption() {
        var controller = PaneControllerTests.started()
        controller = Self.ran("echo First.", narrating: ["First."], on: controller)
        #expect(controller.handle(.narrated("# Six words.")) == [.logLine("# Six words.", kind: .narration)])
        _ = controller.handle(.narrated("#   indented"))
        #expect(controller.caption == ["First.", "Six words.", "  indented"])
        _ = controller.handle(.narrated("(end of replay: lesson.attn)"))
        #expect(controller.caption == ["First.", "Six words.", "  indented"], "the closing note is not narration")
        controller = Self.ran("echo Next.", narrating: ["Next."], on: controller)
        #expect(controller.caption == ["Next."])
    }

    @Test(arguments: [
        ([PresentationEffect.LogPaneChange.grow], true),
        ([.grow, .back], false),
        ([.toggle], true),
        ([.toggle, .toggle], false),
        ([.back], false),
    ])
    func theLogCommandGrowsTheLogAndBack(_ changes: [PresentationEffect.LogPaneChange], _ grown: Bool) {
        var controller = PaneControllerTests.started()
        for change in changes { _ = controller.handle(.presented(.logPane(change), state: Self.state)) }
        #expect(controller.logGrown == grown)
    }

    @Test func f2GrowsTheLogAndBackAtThePromptAndInThePanes() {
        let (grown, effects) = PaneControllerTests.pressing([PaneController.logKey], on: PaneControllerTests.started())
        #expect(grown.logGrown && effects.isEmpty, "F2 is not typed")
        let (back, _) = PaneControllerTests.pressing([.escape, PaneController.logKey], on: grown)
        #expect(!back.logGrown)
        #expect(KeyHelp.lines.contains { $0.hasPrefix("F2") }, "the key help lists F2")
    }

    @Test func aLongOutputMayTakeTheMiddleUntilTheNextKey() {
        var controller = Self.ran("ls", on: PaneControllerTests.started())
        #expect(controller.outputExtends)
        controller = PaneControllerTests.pressing([.pageUp, .pageDown, .function(1)], on: controller).0
        #expect(controller.outputExtends, "scrolling and the key help keep it")
        controller = PaneControllerTests.pressing([.byte(UInt8(ascii: "x"))], on: controller).0
        #expect(!controller.outputExtends, "any other key brings the panes back")
    }

    @Test func thePausePromptIsLeftAloneAndAReplayStatementGetsTheNewLayerName() {
        var controller = PaneControllerReplayTests.replaying()
        _ = PaneControllerReplayTests.at(.statement(PaneControllerReplayTests.script.steps[0]), &controller)
        _ = controller.handle(.statementFinished(SessionSummary(prompt: "attnsh> ")))
        _ = controller.handle(.promptEdited(PromptLine(prompt: "attnsh> ", text: "step", cursor: 4)))
        controller = PaneControllerTests.pressing([.escape], on: controller).0
        let effects = controller.run("model layer 1", for: .overviewOpen(head: 0))
        #expect(effects.last == .run("model layer 1", lineNumber: 1))
        let after = controller.handle(.statementFinished(SessionSummary(prompt: "bert1> ", extent: PaneExtent(heads: 12, rows: 8, columns: 8))))
        #expect(after == [.restartLine(prompt: "bert1> ", prefilled: "step")],
                "during a replay the prompt names the layer opened and keeps the statement waiting")
        #expect(controller.focus == .prompt)
        var paused = controller
        _ = paused.handle(.promptEdited(PromptLine(prompt: ReplayPresenter.pausePrompt)))
        _ = paused.run("model layer 2", for: .overviewOpen(head: 0))
        #expect(paused.handle(.statementFinished(SessionSummary(prompt: "bert2> "))) == [],
                "the pause prompt stays")
    }

    @Test func theScreenShowsTheScrollMarkerWhenScrolled() {
        var controller = PaneControllerTests.started()
        let log = (1...60).map { "line \($0)" }
        _ = controller.handle(.logChanged(lineCount: log.count))
        let top = controller.render(Self.state, log: log, width: 100, height: 30, options: .monochrome).text
        #expect(!top.contains("more below"))
        controller = PaneControllerTests.pressing([.pageUp], on: controller).0
        let scrolled = controller.render(Self.state, log: log, width: 100, height: 30, options: .monochrome).text
        #expect(scrolled.contains("↓ \(controller.logScroll) more below · PgDn"), "\(scrolled)")
        #expect(!scrolled.contains("line 60"))
    }
}
