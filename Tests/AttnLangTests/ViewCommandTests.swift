import AttnCore
import Testing
@testable import AttnLang

/// `view`, `layout` and `palette`: the settings they store, what plain mode prints, their errors.
@Suite struct ViewCommandTests {
    /// Runs `script`; the printed values and the errors.
    func run(_ script: String) -> (session: Session, printed: [String], errors: [String]) {
        var printed: [String] = []
        var errors: [String] = []
        let session = Session(output: { printed.append($0) }, errors: { errors.append($0) })
        session.appliesLimitProcessWide = false
        session.runScript(script, fileName: "t.attn", keepGoing: true)
        return (session, printed, errors)
    }

    @Test func plainViewPrintsALabelledGrid() {
        let result = run("m = [[1, 2], [3, 4]]\nview m")
        #expect(result.errors.isEmpty)
        #expect(result.session.state.settings["view"] == "m")
        let lines = result.printed.last?.split(separator: "\n").map(String.init) ?? []
        #expect(lines.first == "m [2, 2]")
        #expect(lines.count == 4)
        #expect(lines.last?.hasSuffix("3.0000 4.0000") == true)
    }

    @Test func viewOfATraceTensorUsesTheTokenLabels() {
        let result = run("mha attn d_model=8 heads=2 seed=1\ntokens the cat sat\nrun\nview attn.P")
        #expect(result.errors.isEmpty)
        let text = result.printed.last ?? ""
        #expect(text.contains("head 0") && text.contains("head 1"))
        #expect(text.contains("the") && text.contains("sat"))
    }

    @Test func viewMeanNeedsComputedWeights() {
        let none = run("view mean")
        #expect(none.errors.first?.contains("no layer yet") == true)
        let early = run("mha attn d_model=8 heads=2\ntokens a b\nstep 2\nview mean")
        #expect(early.errors.first?.contains("needs attn.P (stage 8)") == true)
        #expect(early.session.state.settings["view"] == nil)
    }

    @Test(arguments: [("v = [1, 2, 3]\nview v", "rank 2 or 3; `v` has shape [3]"),
                      ("view nothing", "nothing"),
                      ("layout wide", "wide")])
    func errorsNameTheProblem(_ script: String, _ fragment: String) {
        let result = run(script)
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.contains(fragment) == true, "\(result.errors)")
        #expect(result.session.state.settings["view"] == nil)
        #expect(result.session.state.settings["layout"] == nil)
    }

    @Test func viewAloneClearsTheChoice() {
        let result = run("m = [[1, 2], [3, 4]]\nview m\nview")
        #expect(result.errors.isEmpty)
        #expect(result.session.state.settings["view"] == nil)
    }

    @Test(arguments: ["grid", "focus", "present"])
    func layoutIsStored(_ name: String) {
        #expect(run("layout \(name)").session.state.settings["layout"] == name)
    }

    @Test func paletteIsStored() {
        #expect(run("palette gray").session.state.settings["palette"] == "gray")
        #expect(run("palette pink").errors.count == 1)
    }

    @Test func inThePanesViewPrintsOneLine() {
        let result = run("m = [[1, 2], [3, 4]]")
        var state = result.session.state
        state.settings["interface"] = "panes"
        result.session.replaceState(state)
        var printed: [String] = []
        let session = Session(output: { printed.append($0) }, errors: { _ in })
        session.replaceState(state)
        session.runLine("view m", lineNumber: 1)
        #expect(printed == ["viewing m [2, 2]"])
    }
}
