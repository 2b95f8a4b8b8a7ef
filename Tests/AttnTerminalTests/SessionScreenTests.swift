import AttnCore
import AttnLang
import Testing
@testable import AttnTerminal

/// The session → screen mapping: goldens of whole screens built from a real `Session`, and the
/// inspector's numbers read back against the workspace.
@Suite struct SessionScreenTests {
    /// A session after running `script`; fails the test on any error.
    static func session(_ script: String) -> Session {
        let session = Session(output: { _ in }, errors: { Issue.record("script failed: \($0)") })
        session.appliesLimitProcessWide = false
        session.runScript(script, fileName: "test.attn", keepGoing: false)
        return session
    }

    static let twoHead = """
        mha attn d_model=8 heads=2 seed=7
        tokens the cat sat on the mat
        mask causal
        run
        """

    static let eightHead = """
        mha attn d_model=16 heads=8 seed=3
        tokens a small dog saw the big red ball
        run
        """

    struct Case: CustomTestStringConvertible, Sendable {
        let example: String
        let width: Int
        let height: Int
        let mode: ColorMode
        var testDescription: String { "\(example) \(width)x\(height) \(mode)" }
    }

    static let cases: [Case] = ["2head", "8head"].flatMap { example in
        [(80, 24), (160, 48)].flatMap { size in
            [ColorMode.color256, .monochrome].map { Case(example: example, width: size.0, height: size.1, mode: $0) }
        }
    }

    @Test(arguments: cases)
    func wholeScreenFromASession(_ testCase: Case) {
        let session = Self.session(testCase.example == "2head" ? Self.twoHead : Self.eightHead)
        var model = SessionScreen.model(of: session.state, cursor: GridCursor(head: 1, row: 2, column: 1))
        model.log = ["attnsh> run", "ran 11 stages: attn.X … attn.out"]
        model.prompt = "attnsh> "
        let grid = ScreenRenderer.render(model, width: testCase.width, height: testCase.height,
                                         options: RenderOptions(colorMode: testCase.mode))
        let text = testCase.mode == .color256 ? GoldenFile.colorText(grid) : grid.text
        GoldenFile.check(text, named: "session-\(testCase.example)-\(testCase.width)x\(testCase.height)-\(testCase.mode)")
    }

    @Test func gridShowsTheLayersWeightsWithLabelsMaskAndStage() throws {
        let session = Self.session(Self.twoHead)
        let grid = try #require(SessionScreen.gridModel(of: session.state))
        #expect(grid.tensor == session.state.workspace["attn.P"])
        #expect(grid.mask == session.state.workspace["attn.mask"])
        #expect(grid.queryLabels == ["the", "cat", "sat", "on", "the", "mat"])
        #expect(grid.keyLabels == grid.queryLabels)
        #expect(grid.stageNumber == 8 && grid.stageName == "P" && grid.formula == "softmax(masked)")
        #expect(grid.title == session.state.layers["attn"]?.config.description)
    }

    @Test(arguments: [(5, "scores"), (6, "scaled"), (7, "masked")])
    func beforeSoftmaxTheGridShowsTheLatestScoreStage(_ steps: Int, _ name: String) throws {
        let session = Self.session("mha attn d_model=8 heads=2 seed=1\ntokens a b c\nstep \(steps)")
        let grid = try #require(SessionScreen.gridModel(of: session.state))
        #expect(grid.stageName == name)
        #expect(grid.tensor == session.state.workspace["attn." + name])
        let inspector = try #require(SessionScreen.model(of: session.state).inspector)
        #expect(inspector.weight == nil)
        #expect((inspector.scaledScore == nil) == (steps < 6))
    }

    @Test(arguments: [(0, 0, 0), (1, 2, 1), (1, 5, 3), (0, 4, 4)])
    func inspectorReadsTheTraceAtTheCursor(_ head: Int, _ row: Int, _ column: Int) throws {
        let session = Self.session(Self.twoHead)
        let model = SessionScreen.model(of: session.state, cursor: GridCursor(head: head, row: row, column: column))
        let inspector = try #require(model.inspector)
        let workspace = session.state.workspace
        let index = [head, row, column]
        #expect(inspector.head == head && inspector.queryPosition == row && inspector.keyPosition == column)
        #expect(inspector.rawScore == workspace["attn.scores"]?[index])
        #expect(inspector.scaledScore == workspace["attn.scaled"]?[index])
        #expect(inspector.weight == workspace["attn.P"]?[index])
        #expect(inspector.isMasked == (column > row))
        #expect(inspector.headDim == 4)
        // The top keys are the row's largest weights, in order, and sum to at most 1.
        let weights = try #require(workspace["attn.P"])
        let rowWeights = (0..<6).map { weights[[head, row, $0]] }
        let expected = rowWeights.sorted(by: >).prefix(SessionScreen.topKeyCount)
        #expect(inspector.topKeys.map(\.weight) == Array(expected))
    }

    @Test func cursorIsClampedIntoTheGrid() throws {
        let session = Self.session(Self.twoHead)
        let model = SessionScreen.model(of: session.state, cursor: GridCursor(head: 9, row: -3, column: 40))
        #expect(model.grid?.cursor == GridCursor(head: 1, row: 0, column: 5))
    }

    @Test func outputPaneShowsHeadOutputs() throws {
        let session = Self.session(Self.twoHead)
        let output = try #require(SessionScreen.model(of: session.state, cursor: GridCursor(row: 3)).output)
        #expect(output.tensor == session.state.workspace["attn.Z"])
        #expect(output.highlightedRow == 3)
        #expect(output.tokenLabels.first == "the")
    }

    @Test func viewMeanAveragesTheHeads() throws {
        let host = PaneStateHost()
        let session = host.session(Self.twoHead + "\nview mean")
        #expect(host.shown.subject == .mean)
        let grid = try #require(host.screen(of: session).grid)
        let weights = try #require(session.state.workspace["attn.P"])
        #expect(grid.tensor.shape == [6, 6])
        for row in 0..<6 {
            for column in 0..<6 {
                let average = (weights[[0, row, column]] + weights[[1, row, column]]) / 2
                #expect(abs(grid.tensor[[row, column]] - average) < 1e-6)
            }
        }
        #expect(grid.mask != nil)
    }

    @Test func viewTensorThenViewAloneGoesBackToTheStage() throws {
        let host = PaneStateHost()
        let session = host.session(Self.twoHead + "\nw = attn.scores * 2\nview w")
        #expect(host.screen(of: session).grid?.tensor == session.state.workspace["w"])
        session.runLine("view", lineNumber: 1)
        #expect(host.screen(of: session).grid?.stageName == "P")
    }

    @Test func layoutAndPaletteChoicesReachTheScreen() {
        let host = PaneStateHost()
        let session = host.session("layout present\npalette gray")
        #expect(host.shown.layout == .present)
        #expect(host.screen(of: session).layout == .present)
        #expect(host.shown.options(base: .color256).palette == .gray)
        #expect(host.screen(of: session).grid == nil)
    }
}
