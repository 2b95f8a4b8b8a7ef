import AttnCore
@testable import AttnLang
import AttnTestSupport
import Testing

/// `ReplayPresenter`, the replay state machine both shells drive: what it waits for, what runs
/// on Enter, on the timer, at a pause, and when the presenter leaves.
@Suite struct ReplayPresenterTests {
    static let lesson = """
        # Two numbers.
        a = 41 + 1
        pause
        b = a + \\
          1000
        echo done
        """

    /// A presenter over `source` in a fresh session; narration is collected in the transcript's output.
    func presenter(_ source: String, delay: Double? = nil) -> (ReplayPresenter, Session, Transcript) {
        let transcript = Transcript()
        let session = transcript.session()
        let presenter = ReplayPresenter(session: session, script: ReplayScript(source: source, fileName: "l.attn"),
                                        delay: delay) { transcript.output.append("narrated: " + $0) }
        return (presenter, session, transcript)
    }

    func value(_ name: String, in session: Session) -> [Float]? {
        session.state.workspace[name]?.scalars
    }

    @Test func enterRunsEachStatementInTurnAndAPauseWaits() throws {
        let (presenter, session, transcript) = presenter(Self.lesson)
        #expect(presenter.waiting == .done, "nothing is presented before start")
        presenter.start()
        #expect(transcript.output == ["narrated: # Two numbers."])
        guard case .statement(let first) = presenter.waiting else {
            Issue.record("not at a statement: \(presenter.waiting)")
            return
        }
        #expect(first.shown == "a = 41 + 1" && first.line == 2)
        #expect(presenter.statementNumber == 1 && presenter.statementCount == 3)
        #expect(value("a", in: session) == nil, "ran before Enter")
        presenter.submit(first.shown)
        #expect(value("a", in: session) == [42])
        #expect(presenter.waiting == .pause)
        presenter.submit("")
        guard case .statement(let second) = presenter.waiting else {
            Issue.record("not at the continued statement: \(presenter.waiting)")
            return
        }
        #expect(second.shown == "b = a + 1000" && presenter.statementNumber == 2)
        presenter.submit(second.shown)
        #expect(value("b", in: session) == [1042])
        presenter.runAsWritten()
        #expect(presenter.waiting == .done && presenter.ending == .finished)
        #expect(transcript.output.suffix(2) == ["done", "narrated: (end of replay: l.attn)"])
        #expect(session.state.history == ["a = 41 + 1", "pause", "b = a + \\\n  1000", "echo done"])
        #expect(session.onPause == nil, "the pause hook was not given back")
    }

    @Test func anEditedLineRunsAsEditedAndABlankOneSkips() {
        let (presenter, session, _) = presenter("a = 1\nb = 2\nc = 3\n")
        presenter.start()
        presenter.submit("a = 5")
        presenter.submit("   ")
        presenter.submit("c = 3")
        #expect(value("a", in: session) == [5])
        #expect(value("b", in: session) == nil)
        #expect(value("c", in: session) == [3])
        #expect(presenter.ending == .finished)
    }

    @Test(arguments: ["q", " q "])
    func qLeavesAndKeepsTheWorkspace(_ typed: String) {
        let (presenter, session, transcript) = presenter("a = 1\nb = 2\n")
        presenter.start()
        presenter.submit("a = 1")
        presenter.submit(typed)
        #expect(presenter.waiting == .done && presenter.ending == .quit)
        #expect(value("a", in: session) == [1] && value("b", in: session) == nil)
        #expect(transcript.output.last == "narrated: (replay stopped; the workspace is kept)")
        // Nothing runs after leaving.
        presenter.runAsWritten()
        presenter.submit("b = 2")
        #expect(value("b", in: session) == nil)
    }

    @Test func aPauseInsideAStatementWaitsAfterIt() {
        let (presenter, session, _) = presenter("a = 1; pause\nb = 2\n")
        presenter.start()
        presenter.runAsWritten()
        #expect(value("a", in: session) == [1])
        #expect(presenter.waiting == .pause)
        // On a timer a pause still waits for Enter.
        presenter.runAsWritten()
        #expect(presenter.waiting == .pause)
        presenter.submit("")
        #expect(presenter.statementNumber == 2)
    }

    @Test func errorsNameTheScriptLineAndColumnAndTheReplayGoesOn() {
        let (presenter, session, transcript) = presenter("a = 1\nb = a + \\\n    nope\nc = 3\n")
        presenter.start()
        presenter.runAsWritten()
        presenter.runAsWritten()
        #expect(transcript.errorHeaders == ["l.attn:3:5: error: `nope` is not defined"])
        // Edited, the statement is still named by the script's file and line.
        let (edited, _, editedTranscript) = self.presenter("a = 1\nb = a + nope\n")
        edited.start()
        edited.submit("a = 1")
        edited.submit("b = a +  nope")
        #expect(editedTranscript.errorHeaders == ["l.attn:2:10: error: `nope` is not defined"])
        presenter.runAsWritten()
        #expect(value("c", in: session) == [3] && presenter.ending == .finished)
    }

    @Test func aSessionPauseHookIsGivenBackWhenTheReplayEnds() {
        let (presenter, session, _) = presenter("a = 1\n")
        nonisolated(unsafe) var outerPauses = 0
        session.onPause = { outerPauses += 1 }
        presenter.start()
        presenter.quit(quietly: true)
        session.runLine("pause", lineNumber: 1)
        #expect(outerPauses == 1)
    }
}
