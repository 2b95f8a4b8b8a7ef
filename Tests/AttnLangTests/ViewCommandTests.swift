import AttnCore
import Testing
@testable import AttnLang

/// `view`, `layout` and `palette`: the presentation effects they report, that they print nothing
/// themselves (each shell shows the effect its own way), and their errors.
@Suite struct ViewCommandTests {
    /// Runs `script` with a recording host; the printed values, the errors and the effects.
    func run(_ script: String) -> (session: Session, printed: [String], errors: [String], effects: [PresentationEffect]) {
        var printed: [String] = []
        var errors: [String] = []
        let session = Session(output: { printed.append($0) }, errors: { errors.append($0) })
        session.appliesLimitProcessWide = false
        let host = RecordingHost()
        host.attach(to: session)
        session.runScript(script, fileName: "t.attn", keepGoing: true)
        return (session, printed, errors, host.effects)
    }

    @Test func viewReportsTheTensorAndPrintsNothingItself() {
        let result = run("m = [[1, 2], [3, 4]]\nview m")
        #expect(result.errors.isEmpty)
        #expect(result.effects == [.viewTensor("m")])
        #expect(result.printed.isEmpty, "the shell decides what `view` prints")
    }

    @Test func viewOfATraceTensorNamesIt() {
        let result = run("mha attn d_model=8 heads=2 seed=1\ntokens the cat sat\nrun\nview attn.P\nview mean")
        #expect(result.errors.isEmpty)
        #expect(result.effects == [.viewTensor("attn.P"), .viewMean])
    }

    @Test func viewMeanNeedsComputedWeights() {
        let none = run("view mean")
        #expect(none.errors.first?.contains("no layer yet") == true)
        let early = run("mha attn d_model=8 heads=2\ntokens a b\nstep 2\nview mean")
        #expect(early.errors.first?.contains("needs attn.P (stage 8)") == true)
        #expect(early.effects.isEmpty)
    }

    @Test func aTensorNamedMeanIsViewedAsATensor() {
        let result = run("mean = [[1, 2], [3, 4]]\nview mean")
        #expect(result.errors.isEmpty)
        #expect(result.effects == [.viewTensor("mean")])
    }

    @Test(arguments: [("v = 3\nview v", "rank 1, 2 or 3; `v` has shape []"),
                      ("view nothing", "nothing"),
                      ("layout wide", "wide")])
    func errorsNameTheProblem(_ script: String, _ fragment: String) {
        let result = run(script)
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.contains(fragment) == true, "\(result.errors)")
        #expect(result.effects.isEmpty, "a failing statement shows nothing new")
    }

    @Test func viewAloneGoesBackToTheLayer() {
        let result = run("m = [[1, 2], [3, 4]]\nview m\nview")
        #expect(result.errors.isEmpty)
        #expect(result.effects == [.viewTensor("m"), .viewLayer])
    }

    @Test(arguments: PresentationEffect.Layout.allCases)
    func layoutIsReported(_ layout: PresentationEffect.Layout) {
        let result = run("layout \(layout.rawValue)")
        #expect(result.effects == [.layout(layout)])
        #expect(result.printed.isEmpty)
    }

    @Test func paletteIsReported() {
        #expect(run("palette gray").effects == [.palette(.gray)])
        #expect(run("palette viridis").effects == [.palette(.viridis)])
        #expect(run("palette pink").errors.count == 1)
    }

    @Test func withoutAHostTheEffectsGoNowhere() {
        var printed: [String] = []
        let session = Session(output: { printed.append($0) }, errors: { _ in })
        session.appliesLimitProcessWide = false
        #expect(session.runScript("m = [[1, 2], [3, 4]]\nview m\nlayout focus", fileName: "t.attn", keepGoing: false))
        #expect(printed.isEmpty)
    }
}
