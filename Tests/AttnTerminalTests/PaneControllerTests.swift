import AttnLang
import Testing
@testable import AttnTerminal

/// The pane controller driven directly as a value: events in, a new state and effects out,
/// with no terminal, readline or session.
@Suite struct PaneControllerTests {
    /// A controller started on a 2-head, 6 × 6 grid at 100 × 30, prompt `attn> `.
    static func started(extent: PaneExtent = PaneExtent(heads: 2, rows: 6, columns: 6)) -> PaneController {
        var controller = PaneController()
        _ = controller.handle(.started(SessionSummary(prompt: "attn> ", extent: extent), width: 100, height: 30))
        _ = controller.handle(.promptEdited(PromptLine(prompt: "attn> ")))
        return controller
    }

    /// `controller` after `keys`, with every effect they asked for.
    static func pressing(_ keys: [TerminalKey], on controller: PaneController) -> (PaneController, [PaneEffect]) {
        var state = controller
        var effects: [PaneEffect] = []
        for key in keys {
            let (next, more) = PaneController.update(state, .key(key))
            state = next
            effects += more
            // The shell's answer to a zoom step from fit, as if fit showed level 2 (1:1 cells).
            for case .stepZoom(let step) in more {
                state = PaneController.update(state, .zoomChosen(GridPaneModel.zoomLevel(2, steppedBy: step))).0
            }
        }
        return (state, effects)
    }

    @Test func updateIsAValueFunction() {
        let start = Self.started()
        let (first, firstEffects) = PaneController.update(start, .key(.escape))
        let (second, secondEffects) = PaneController.update(start, .key(.escape))
        #expect(first == second && firstEffects == secondEffects)
        #expect(start.focus == .prompt, "the state handed in is not changed")
        #expect(first.focus == .panes)
    }

    @Test(arguments: [TerminalKey.escape, .byte(UInt8(ascii: "i")), .byte(13), .byte(10), .byte(3)])
    func keysThatGiveThePromptBackTheKeys(_ key: TerminalKey) {
        let (panes, _) = Self.pressing([.escape], on: Self.started())
        let (back, effects) = Self.pressing([key], on: panes)
        #expect(back.focus == .prompt)
        #expect(effects.isEmpty, "the key is not typed at the prompt")
    }

    @Test func typedTextGoesToReadlineAndPaneKeysDoNot() {
        let (_, typed) = Self.pressing([.byte(UInt8(ascii: "s")), .up, .byte(0xC3)], on: Self.started())
        #expect(typed == [.feed([UInt8(ascii: "s")]), .feed([0x1B, UInt8(ascii: "["), UInt8(ascii: "A")]),
                          .feedCharacter(lead: 0xC3)])
        let (_, inPanes) = Self.pressing([.escape, .up, .byte(UInt8(ascii: "x"))], on: Self.started())
        #expect(inPanes.isEmpty)
    }

    @Test(arguments: [
        ([TerminalKey.down, .down, .right], GridCursor(head: 0, row: 2, column: 1)),
        ([.up, .left, .byte(UInt8(ascii: "k")), .byte(UInt8(ascii: "h"))], GridCursor()),
        (Array(repeating: TerminalKey.byte(UInt8(ascii: "j")), count: 9) + [.byte(UInt8(ascii: "l"))], GridCursor(head: 0, row: 5, column: 1)),
        ([.byte(9)], GridCursor(head: 1)),
        ([.byte(9), .byte(9)], GridCursor(head: 0)),
        ([.backTab], GridCursor(head: 1)),
    ])
    func cursorKeysMoveInsideTheGrid(_ keys: [TerminalKey], _ expected: GridCursor) {
        let (moved, _) = Self.pressing([.escape] + keys, on: Self.started())
        #expect(moved.cursor == expected)
    }

    @Test(arguments: [
        ("+", 3), ("++", 4), ("++++++++", GridPaneModel.zoomRange.upperBound), ("-", 1),
        (String(repeating: "-", count: 14), GridPaneModel.zoomRange.lowerBound), ("+-", 2), ("=", 3),
    ])
    func zoomKeys(_ keys: String, _ level: Int) {
        let (zoomed, _) = Self.pressing([.escape] + keys.utf8.map { .byte($0) }, on: Self.started())
        #expect(zoomed.zoom == level)
        let (fit, _) = Self.pressing([.byte(UInt8(ascii: "0"))], on: zoomed)
        #expect(fit.zoom == nil)
    }

    @Test func theKeyHelpOpensWithF1OrQuestionMarkAndAnyKeyClosesIt() {
        let (help, _) = Self.pressing([.function(1)], on: Self.started())
        #expect(help.showsHelp)
        let (resized, _) = Self.pressing([.resize], on: help)
        #expect(resized.showsHelp, "a resize does not close it")
        let (closed, effects) = Self.pressing([.byte(UInt8(ascii: "a"))], on: resized)
        #expect(!closed.showsHelp && effects.isEmpty, "the closing key is not typed")
        let (panesHelp, _) = Self.pressing([.escape, .byte(UInt8(ascii: "?"))], on: Self.started())
        #expect(panesHelp.showsHelp && panesHelp.focus == .panes)
    }

    @Test func aTypedLineIsLoggedRunAndThenThePromptStartsAgain() {
        var controller = Self.started()
        let effects = controller.handle(.lineFinished("echo a", continues: false))
        #expect(effects == [.remember("echo a"), .logLine("attn> echo a", kind: .statement), .run("echo a", lineNumber: 1)])
        let after = controller.handle(.statementFinished(controller.session))
        #expect(after == [.restartLine(prompt: "attn> ", prefilled: "")])
        #expect(controller.lastStatement == "echo a")
    }

    @Test func aContinuedLineIsCollectedUntilItIsWhole() {
        var controller = Self.started()
        #expect(controller.handle(.lineFinished("x = 1 + \\", continues: true))
                == [.remember("x = 1 + \\"), .restartLine(prompt: PlainShell.continuationPrompt, prefilled: "")])
        #expect(controller.input(adding: "2") == "x = 1 + \\\n2")
        #expect(controller.handle(.lineFinished("2", continues: false))
                == [.remember("2"), .logLine("attn> x = 1 + \\", kind: .statement), .logLine(PlainShell.continuationPrompt + "2", kind: .continuation),
                    .run("x = 1 + \\\n2", lineNumber: 1)])
        _ = controller.handle(.statementFinished(controller.session))
        #expect(controller.handle(.lineFinished("y", continues: false)).last == .run("y", lineNumber: 3))
    }

    @Test func ctrlCAtThePromptDropsTheCollectedLines() {
        var controller = Self.started()
        _ = controller.handle(.lineFinished("x = \\", continues: true))
        #expect(controller.handle(.key(.byte(3))) == [.clearLine(prompt: "attn> ")])
        #expect(controller.input(adding: "y") == "y")
    }

    @Test func paneKeysRunStepAndBackAsIfTyped() {
        let (panes, _) = Self.pressing([.escape], on: Self.started())
        let (stepped, effects) = Self.pressing([.byte(UInt8(ascii: "s"))], on: panes)
        #expect(effects == [.logLine("attn> step", kind: .statement), .run("step", lineNumber: 1)])
        var after = stepped
        #expect(after.handle(.statementFinished(after.session)).isEmpty, "the prompt line is left as it is")
        #expect(after.lastStatement == "step" && after.focus == .panes)
        let (_, back) = Self.pressing([.byte(UInt8(ascii: "b"))], on: after)
        #expect(back == [.logLine("attn> back", kind: .statement), .run("back", lineNumber: 2)])
    }

    @Test func pageKeysScrollTheLogWithinItsLines() {
        var controller = Self.started()
        _ = controller.handle(.logChanged(lineCount: 40))
        let (up, _) = Self.pressing([.pageUp], on: controller)
        #expect(up.logScroll > 0)
        let (top, _) = Self.pressing(Array(repeating: .pageUp, count: 20), on: up)
        #expect(top.logScroll == 39)
        let (down, _) = Self.pressing(Array(repeating: .pageDown, count: 20), on: top)
        #expect(down.logScroll == 0)
    }

    @Test func resizeRepaintsAndPagesFollowTheNewSize() {
        var controller = Self.started()
        _ = controller.handle(.logChanged(lineCount: 200))
        _ = controller.handle(.resized(width: 160, height: 48))
        #expect(controller.handle(.key(.resize)) == [.invalidate])
        let (big, _) = Self.pressing([.pageUp], on: controller)
        let (small, _) = Self.pressing([.pageUp], on: Self.started().with(logLines: 200))
        #expect(big.logScroll > small.logScroll, "a taller log pages further")
    }

    @Test func endOfInputAndCtrlDQuit() {
        var controller = Self.started()
        #expect(controller.handle(.lineFinished(nil, continues: false)) == [.quit])
        #expect(controller.finished)
        var other = Self.started()
        #expect(other.handle(.key(.endOfInput)) == [.quit] && other.finished)
    }

    @Test func statementsChangeWhatIsShownAndTheExtentClampsTheCursor() {
        var controller = Self.started()
        controller = Self.pressing([.escape, .down, .down, .down, .byte(9)], on: controller).0
        #expect(controller.cursor == GridCursor(head: 1, row: 3))
        _ = controller.handle(.presented(.layout(.focus), state: SessionState()))
        _ = controller.handle(.statementFinished(SessionSummary(prompt: "attn> ", extent: PaneExtent(heads: 1, rows: 2, columns: 2))))
        #expect(controller.shown.layout == .focus)
        #expect(controller.cursor == GridCursor(head: 0, row: 1))
    }
}

extension PaneController {
    /// This controller told the log holds `logLines` lines.
    func with(logLines: Int) -> PaneController {
        PaneController.update(self, .logChanged(lineCount: logLines)).0
    }
}
