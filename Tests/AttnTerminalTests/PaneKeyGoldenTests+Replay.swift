import AttnLang
import Testing
@testable import AttnTerminal

/// Replay keys through the pane shell: Enter runs the statement shown, `q` on the unedited line
/// leaves, Esc q leaves an edited line, `q` in the panes leaves, and a timed replay runs by itself.
extension PaneKeyGoldenTests {
    static let lesson = ReplayScript(source: """
        # Two steps of a small layer.
        mha attn d_model=8 heads=2 seed=7
        tokens the cat sat
        step 4
        pause
        step
        echo done
        """, fileName: "lesson.attn")

    /// The shell replaying `lesson`, its script run to the end.
    static func replay(delay: Double? = nil, _ script: [ScriptedScreen.Step]) -> PaneShellDriver {
        PaneShellDriver(setup: "", width: 100, height: 30, script: script, before: { $0.queueReplay(lesson, delay: delay) })
    }

    @Test func enterRunsEachStatementAndPauseWaits() {
        let enter = ScriptedScreen.Step.key(.byte(13))
        let run = Self.replay([.snapshot("first statement shown"), enter, enter, .snapshot("after two"),
                               enter, .snapshot("at the pause"), enter, .snapshot("after the pause"),
                               enter, enter, .snapshot("the end")])
        ControllerGolden.check(run.screen.transcript, named: "replay-enter")
        #expect(run.screen.text("first statement shown")?.contains("replay 1/5 · Enter runs · q quits") == true)
        #expect(run.screen.text("at the pause")?.contains(ReplayPresenter.pausePrompt.trimmingCharacters(in: .whitespaces)) == true)
        #expect(run.log.lines.contains("(end of replay: lesson.attn)"), "\(run.log.lines)")
        #expect(run.session.state.layers["attn"]?.computed == 5)
    }

    @Test(arguments: [
        ("q on the unedited line", [TerminalKey.byte(UInt8(ascii: "q"))]),
        ("Esc q on an edited line", [.byte(UInt8(ascii: "x")), .alt(UInt8(ascii: "q"))]),
        ("q in the panes", [.escape, .byte(UInt8(ascii: "q"))]),
        ("Ctrl-C", [.byte(3)]),
    ])
    func keysThatLeaveTheReplay(_ name: String, _ keys: [TerminalKey]) {
        let enter = ScriptedScreen.Step.key(.byte(13))
        let run = Self.replay([enter, enter] + keys.map { .key($0) } + [.snapshot("left")])
        let left = run.screen.text("left") ?? ""
        #expect(run.log.lines.contains("(replay stopped; the workspace is kept)"), "\(name): \(run.log.lines)")
        #expect(!left.contains("replay 3/5"), "\(name): the title no longer shows the replay")
        #expect(run.session.state.layers["attn"] != nil, "\(name): the workspace is kept")
        #expect(run.shell.focus == .prompt)
        ControllerGolden.check(left, named: "replay-left-\(name.replacingOccurrences(of: " ", with: "-"))")
    }

    @Test func qOnAnEditedLineIsTypedAndEnterOnItLeaves() {
        // Ctrl-U empties the line: the `q` typed then is text, and Enter on it leaves.
        let run = Self.replay([.key(.byte(21)), .key(.byte(UInt8(ascii: "q"))), .snapshot("q typed"), .key(.byte(13))])
        #expect(run.screen.text("q typed")?.contains("attnsh> q") == true, "\(run.screen.text("q typed") ?? "")")
        #expect(run.log.lines.contains("(replay stopped; the workspace is kept)"))
        #expect(run.session.state.layers.isEmpty, "nothing ran")
    }

    @Test func aTimedReplayRunsItsStatementsWhenTheTimerRunsOut() {
        let run = Self.replay(delay: 0, [.timeout, .timeout, .snapshot("two timed"), .timeout])
        #expect(run.screen.text("two timed")?.contains("every 0.0 s") == true, "\(run.screen.text("two timed") ?? "")")
        #expect(run.log.lines.contains("attn> step 4"), "\(run.log.lines)")
        ControllerGolden.check(run.screen.transcript, named: "replay-timed")
        #expect(run.screen.text("two timed")?.contains("replay 3/5") == true, "two statements ran by themselves")
    }
}
