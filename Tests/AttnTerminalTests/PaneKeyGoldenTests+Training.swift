@testable import AttnCore
import AttnLang
import Testing
@testable import AttnTerminal

/// A replayed `train` in the pane shell: the finished chart stays on screen up to Enter at the
/// next pause, then the trained layer's grids show, as after a typed `train`.
extension PaneKeyGoldenTests {
    static let trainingLesson = ReplayScript(source: """
        mha d_model=8 heads=1 seed=1
        set posenc=rope
        train task=prev d_model=8 steps=20 T=6 vocab=5 batch=8 seed=1
        echo trained
        pause
        echo after
        """, fileName: "training.attn")

    @Test func aReplayedTrainKeepsItsChartUntilThePauseThenShowsTheLayer() throws {
        let enter = ScriptedScreen.Step.key(.byte(13))
        let run = PaneShellDriver(setup: "", width: 100, height: 30,
                                  script: [enter, enter, enter, .snapshot("trained"), enter, .snapshot("at the pause"),
                                           enter, .snapshot("after the pause")],
                                  before: { $0.queueReplay(Self.trainingLesson, delay: nil) })
        let trained = try #require(run.screen.text("trained"))
        #expect(trained.contains("loss curve, live") && trained.contains("step 20/20"), "the finished chart stays")
        let paused = try #require(run.screen.text("at the pause"))
        #expect(paused.contains("loss curve, live") && paused.contains("training done: Enter at the pause goes on"))
        #expect(paused.contains("paused"))
        let after = try #require(run.screen.text("after the pause"))
        #expect(!after.contains("loss curve, live") && after.contains("stage 8/11"), "the trained layer's grids")
        #expect(!after.contains("nothing to show yet"))
    }

    /// The controller as a value: outside a replay `trainingFinished` drops the chart; in one it
    /// keeps it, finished, until Enter at a pause, and a new run starts a chart of its own.
    @Test func theFinishedChartIsKeptOnlyInAReplay() throws {
        let progress = TrainingProgress(heads: 1, step: 10, totalSteps: 10, losses: Array(repeating: 1, count: 10),
                                        heldOut: TrainingScore(loss: 1, correct: 1, counted: 1))
        var typed = PaneController()
        _ = typed.handle(.trainingProgressed(progress))
        _ = typed.handle(.presented(.trainingFinished, state: SessionState()))
        #expect(typed.lossChart == nil)

        var replaying = PaneControllerReplayTests.replaying()
        let step = try #require(PaneControllerReplayTests.script.steps.first)
        _ = PaneControllerReplayTests.at(.statement(step), &replaying)
        _ = replaying.handle(.trainingProgressed(progress))
        _ = replaying.handle(.presented(.trainingFinished, state: SessionState()))
        #expect(replaying.lossChart?.isFinished == true)
        _ = PaneControllerReplayTests.at(.statement(step), &replaying)
        #expect(replaying.lossChart?.isFinished == true, "a statement's Enter keeps it")
        _ = replaying.handle(.trainingProgressed(progress))
        #expect(replaying.lossChart?.isFinished == false && replaying.lossChart?.curves.count == 1, "a new run, a new chart")
        _ = replaying.handle(.presented(.trainingFinished, state: SessionState()))
        _ = PaneControllerReplayTests.at(.pause, line: "", &replaying)
        #expect(replaying.lossChart != nil)
        _ = replaying.handle(.lineFinished("", continues: false))
        #expect(replaying.lossChart == nil, "Enter at the pause drops it")
    }
}
