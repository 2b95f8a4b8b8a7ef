import AttnCore
import Testing
import AttnTestSupport
@testable import AttnLang

/// After `train` the trained layer has run on the held-out sequence, whichever shell runs it:
/// `heads`, `explain` and `show attn.P` work at once, without a `run` first.
@Suite struct TrainTraceTests {
    static let small = "d_model=8 steps=150 lr=0.01 T=6 vocab=5 batch=16 seed=1"

    static func run(_ source: String) -> (session: Session, transcript: Transcript, effects: [PresentationEffect]) {
        let transcript = Transcript()
        let session = transcript.session()
        let host = RecordingHost()
        host.attach(to: session)
        session.runScript(source, fileName: "train.attn", keepGoing: true)
        return (session, transcript, host.effects)
    }

    @Test func headsRightAfterTrainNamesAPreviousTokenHead() throws {
        let (session, transcript, effects) = Self.run("train task=prev \(Self.small)\nheads")
        #expect(transcript.errors.isEmpty, "\(transcript.errors)")
        #expect(transcript.output.contains { $0.hasPrefix("head 0  previous token") }, "\(transcript.output)")
        let layer = try #require(session.state.layers["attn"])
        #expect(layer.computed == AttentionStage.allCases.count)
        #expect(layer.queryLabels == session.state.labels["X"])
        #expect(effects == [.trainingFinished])
    }

    @Test func theTraceIsTheLayerRunOnX() throws {
        let trained = Self.run("train task=prev \(Self.small)")
        let rerun = Self.run("train task=prev \(Self.small)\nrun")
        let p = try #require(trained.session.state.workspace["attn.P"])
        #expect(p.shape == [1, 6, 6])
        #expect(p == rerun.session.state.workspace["attn.P"], "the same P as a `run` after it")
        let lines = trained.transcript.output
        let ran = try #require(lines.firstIndex { $0.hasPrefix("ran 11 stages: attn.X … attn.out  [6, 8]") }, "\(lines)")
        #expect(lines.last == "next: heads, explain, show attn.P")
        #expect(ran == lines.count - 2)
        #expect(!lines.contains("next: run, then heads"))
    }

    @Test(arguments: ["explain 0 2 1", "show attn.P", "view attn.P", "view mean"])
    func traceStatementsWorkAtOnce(_ statement: String) {
        let result = Self.run("train task=prev \(Self.small)\n\(statement)")
        #expect(result.transcript.errors.isEmpty, "\(statement): \(result.transcript.errors)")
    }

    @Test func aComparisonLeavesItsLastLayerRun() throws {
        let (session, transcript, effects) = Self.run("train task=prev heads=1,2 d_model=8 steps=20 T=6 vocab=5 batch=8 seed=1\nheads")
        #expect(transcript.errors.isEmpty, "\(transcript.errors)")
        #expect(session.state.workspace["attn.P"]?.shape == [2, 6, 6])
        #expect(transcript.output.contains { $0.hasPrefix("head 1 ") }, "\(transcript.output)")
        #expect(effects == [.trainingFinished])
    }

    @Test func aFailingTrainReportsNothing() {
        let result = Self.run("train task=prev steps=0")
        #expect(!result.transcript.errors.isEmpty)
        #expect(result.effects.isEmpty)
    }
}
