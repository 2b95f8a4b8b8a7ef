import AttnLang
import AttnTestSupport
import Testing
@testable import AttnTerminal

/// The prompt through the pane shell: typed and continued statements, Ctrl-C, Tab completion,
/// a resize, and the overview's Enter on the real model.
extension PaneKeyGoldenTests {
    @Test func typedStatementsContinuedLinesAndCtrlC() {
        let run = PaneShellDriver(setup: "", script: ScriptedScreen.typing("m = [[1, 2], \\")
            + [.snapshot("continued")] + ScriptedScreen.typing("[3, 4]]") + ScriptedScreen.typing("view m")
            + [.snapshot("viewed")] + ScriptedScreen.typing("echo never", enter: false) + [.key(.byte(3)), .snapshot("Ctrl-C")]
            + ScriptedScreen.typing("s", enter: false) + [.key(.byte(9)), .key(.byte(9)), .snapshot("Tab Tab")])
        ControllerGolden.check(run.screen.transcript, named: "prompt-typed")
        #expect(run.screen.text("continued")?.contains(PlainShell.continuationPrompt.trimmingCharacters(in: .whitespaces)) == true)
        #expect(run.log.lines.contains("viewing m [2, 2]"), "\(run.log.lines)")
        #expect(run.screen.text("viewed")?.contains("view m [2, 2]") == true)
        #expect(!run.log.lines.contains { $0.contains("never") }, "Ctrl-C dropped the line")
        #expect(run.shell.shown.subject == .tensor("m"))
        #expect(run.log.lines.contains { $0.contains("show") && $0.contains("softmax") }, "Tab twice listed the commands")
    }

    @Test func aResizeRedrawsAtTheNewSize() {
        let run = PaneShellDriver(setup: Self.setup, script: [.snapshot("100x30"), .resize(width: 80, height: 24),
                                                              .snapshot("80x24"), .resize(width: 160, height: 48), .snapshot("160x48")])
        #expect(run.screen.invalidations == 2)
        let sizes = run.screen.snapshots.map { ($0.grid.width, $0.grid.height) }
        #expect(sizes.map(\.0) == [100, 80, 160] && sizes.map(\.1) == [30, 24, 48])
        ControllerGolden.check(run.screen.transcript, named: "resize")
    }

    @Test func trainingDrawsTheLiveLossChartUntilItEnds() throws {
        let statement = "train task=prev d_model=8 steps=20 T=6 vocab=5 batch=8 seed=1"
        let run = PaneShellDriver(setup: "", script: ScriptedScreen.typing(statement) + [.snapshot("trained")])
        let live = try #require(run.screen.drawnTexts.first { $0.contains("loss curve, live") },
                                "a screen drawn while training shows the chart")
        #expect(live.contains("train task=prev"), "the chart is titled with the statement")
        let trained = try #require(run.screen.text("trained"))
        #expect(!trained.contains("loss curve, live") && trained.contains("stage 8/11"))
        #expect(run.shell.controller.lastStatement == statement)
    }

    @Test(.enabled(if: InstalledModel.isAvailable, InstalledModel.missingReason))
    func enterOnTheOverviewOpensTheLayerAndThePromptTakesTheKeys() throws {
        let model = try #require(InstalledModel.directory)
        let run = PaneShellDriver(setup: "model load \"\(model)\"\nmodel run The cat sat.", width: 120, height: 36,
                                  quietSetup: true, // the log would name this machine's model folder
                                  script: [.snapshot("overview"), .key(.escape), .key(.down), .key(.down), .key(.byte(9)),
                                           .snapshot("cursor on layer 2 head 1"), .key(.byte(13)), .snapshot("layer 2 opened")]
                                      + ScriptedScreen.typing("abc", enter: false) + [.snapshot("abc typed")])
        ControllerGolden.check(run.screen.transcript, named: "overview-enter")
        let opened = try #require(run.screen.text("layer 2 opened"))
        #expect(opened.contains("bert2> "), "the prompt names the opened layer")
        #expect(run.shell.focus == .prompt)
        #expect(run.shell.controller.cursor.head == 1)
        #expect(run.screen.text("abc typed")?.contains("bert2> abc") == true, "letters went to readline")
        #expect(!run.log.lines.contains("bert2> back"), "`b` did not run back")
    }
}
