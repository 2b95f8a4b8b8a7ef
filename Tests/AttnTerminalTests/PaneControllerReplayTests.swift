import AttnLang
import Testing
@testable import AttnTerminal

/// The controller's replay keys and timer, and the overview's Enter, driven as a value.
@Suite struct PaneControllerReplayTests {
    static let script = ReplayScript(source: "step\nstep\n", fileName: "two.attn")

    /// A started controller presenting the first of two statements (timed when `delay` is set).
    static func replaying(delay: Double? = nil) -> PaneController {
        var controller = PaneController()
        _ = controller.handle(.replayQueued(script, delay: delay))
        _ = controller.handle(.started(SessionSummary(prompt: "attn> "), width: 100, height: 30))
        return controller
    }

    /// `controller` told the replay waits at `waiting`, the line holding `line`.
    static func at(_ waiting: ReplayPresenter.Waiting, delay: Double? = nil, line: String = "step",
                   _ controller: inout PaneController) -> [PaneEffect] {
        let status = ReplayStatus(fileName: "two.attn", delay: delay, waiting: waiting, statementNumber: 1, statementCount: 2)
        let effects = controller.handle(.replayMoved(status, controller.session))
        _ = controller.handle(.promptEdited(PromptLine(prompt: "attn> ", text: line, cursor: line.count)))
        return effects
    }

    @Test func aQueuedReplayStartsWhenTheShellStartsAndPutsItsStatementOnTheLine() throws {
        var controller = PaneController()
        _ = controller.handle(.replayQueued(Self.script, delay: nil))
        let effects = controller.handle(.started(SessionSummary(prompt: "attn> "), width: 100, height: 30))
        #expect(effects == [.log("(replaying two.attn: Enter runs each statement; q quits)"),
                            .startReplay(Self.script, delay: nil)])
        let step = try #require(Self.script.steps.first)
        #expect(Self.at(.statement(step), &controller) == [.restartLine(prompt: "attn> ", prefilled: "step"), .disarmTimer])
        #expect(controller.replayTitle == "replay 1/2 · Enter runs · q quits")
    }

    @Test func enterRunsTheLineAsEditedAndTheReplayMovesOn() throws {
        var controller = Self.replaying()
        let step = try #require(Self.script.steps.first)
        _ = Self.at(.statement(step), &controller)
        #expect(controller.handle(.lineFinished("step 2", continues: false))
                == [.remember("step 2"), .logLine("attn> step 2", kind: .statement), .submitToReplay("step 2")])
        #expect(controller.lastStatement == "step 2")
    }

    @Test(arguments: [
        ("step", TerminalKey.byte(UInt8(ascii: "q")), true),
        ("ste", .byte(UInt8(ascii: "q")), false),
        ("ste", .alt(UInt8(ascii: "q")), true),
        ("ste", .byte(3), true),
    ])
    func keysThatLeaveTheReplay(_ line: String, _ key: TerminalKey, _ leaves: Bool) throws {
        var controller = Self.replaying()
        let step = try #require(Self.script.steps.first)
        _ = Self.at(.statement(step), line: line, &controller)
        let effects = controller.handle(.key(key))
        #expect((effects == [.quitReplay]) == leaves, "\(effects)")
        if !leaves { #expect(effects == [.feed([UInt8(ascii: "q")])]) }
    }

    @Test func qInThePanesLeavesAndTheEndOfTheReplayGivesThePromptBack() throws {
        var controller = Self.replaying()
        let step = try #require(Self.script.steps.first)
        _ = Self.at(.statement(step), &controller)
        _ = controller.handle(.key(.escape))
        #expect(controller.focus == .panes && controller.replayTitle == "replay 1/2")
        #expect(controller.handle(.key(.byte(UInt8(ascii: "q")))) == [.quitReplay])
        #expect(controller.focus == .prompt)
        #expect(Self.at(.done, line: "", &controller) == [.endReplay, .disarmTimer, .restartLine(prompt: "attn> ", prefilled: "")])
        #expect(controller.replay == nil && controller.replayTitle == nil)
    }

    @Test func aTimedReplayRunsWhenItsTimerRunsOutOrAtAnyKey() throws {
        var controller = Self.replaying(delay: 0.5)
        let step = try #require(Self.script.steps.first)
        #expect(Self.at(.statement(step), delay: 0.5, &controller).last == .armTimer(milliseconds: 500))
        #expect(controller.handle(.timerRanOut) == [.disarmTimer, .logLine("attn> step", kind: .statement), .runReplayAsWritten])
        _ = Self.at(.statement(step), delay: 0.5, &controller)
        #expect(controller.handle(.key(.byte(UInt8(ascii: "x")))) == [.disarmTimer, .logLine("attn> step", kind: .statement), .runReplayAsWritten])
        _ = Self.at(.pause, delay: 0.5, line: "", &controller)
        #expect(controller.replayTitle == "replay 1/2 · paused · q quits")
    }

    @Test func enterOnTheOverviewOpensTheLayerAndGivesThePromptTheKeys() {
        var controller = PaneControllerTests.started(extent: PaneExtent(overview: (layers: 6, heads: 12)))
        _ = controller.handle(.presented(.modelOverview, state: SessionState()))
        _ = controller.handle(.promptEdited(PromptLine(prompt: "attnsh> ", text: "ab", cursor: 2)))
        let (moved, _) = PaneControllerTests.pressing([.escape, .down, .right, .right, .byte(9)], on: controller)
        #expect(moved.overviewCursor == OverviewCursor(layer: 1, head: 3))
        var opened = moved
        #expect(opened.handle(.key(.byte(13))) == [.logLine("attn> model layer 1", kind: .statement), .run("model layer 1", lineNumber: 1)])
        _ = opened.handle(.presented(.modelLayerOpened, state: SessionState()))
        let effects = opened.handle(.statementFinished(SessionSummary(prompt: "bert1> ", extent: PaneExtent(heads: 12, rows: 9, columns: 9))))
        #expect(effects == [.restartLine(prompt: "bert1> ", prefilled: "ab")], "the prompt names the layer, the typed text stays")
        #expect(opened.focus == .prompt)
        #expect(opened.cursor == GridCursor(head: 3))
        let (_, typed) = PaneControllerTests.pressing([.byte(UInt8(ascii: "b"))], on: opened)
        #expect(typed == [.feed([UInt8(ascii: "b")])], "letters go to readline, not to pane keys")
    }
}
