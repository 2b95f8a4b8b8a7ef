import AttnCore
import AttnLang
import Testing
@testable import AttnTerminal

/// The inspector at every stage: the axes named by what they mean, the arithmetic with the ALiBi
/// bias and edits in it, numbers read back from the workspace (goldens in `Golden/inspector-*`).
@Suite struct InspectorStageTests {
    static let layer = "mha attn d_model=8 heads=2 seed=7\ntokens the cat sat on the mat\n"

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let script: String
        let cursor: GridCursor
        /// Fragments the inspector's lines must hold.
        let fragments: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "X", script: layer + "step 1", cursor: GridCursor(row: 0, column: 3),
             fragments: ["token \"the\" (0) · feature 3", "attn.X[0, 3] = ", "the layer's input"]),
        Case(name: "Q", script: layer + "step 2", cursor: GridCursor(head: 1, row: 2, column: 1),
             fragments: ["head 1 · token \"sat\" (2) · feature 1", "attn.Q[1, 2, 1] = ",
                         "= X row \"sat\" · attn.Wq column 5"]),
        Case(name: "V", script: layer + "step 4", cursor: GridCursor(head: 0, row: 1, column: 2),
             fragments: ["token \"cat\" (1) · feature 2", "attn.Wv column 2"]),
        Case(name: "scores", script: layer + "step 5", cursor: GridCursor(head: 1, row: 2, column: 1),
             fragments: ["head 1 · query \"sat\" (2) → key \"cat\" (1)", "q·k = ", "weight —"]),
        Case(name: "scaled-alibi", script: layer + "set posenc=alibi\nstep 6",
             cursor: GridCursor(head: 0, row: 3, column: 1),
             fragments: ["query \"on\" (3) → key \"cat\" (1)", "+ ALiBi −0.13 = 0.34"]),
        Case(name: "P", script: layer + "mask causal\nrun", cursor: GridCursor(head: 1, row: 2, column: 1),
             fragments: ["×1/√4 = ", "weight 0.", "top keys: "]),
        Case(name: "P-masked", script: layer + "mask causal\nrun", cursor: GridCursor(head: 0, row: 1, column: 4),
             fragments: ["weight 0 (masked)"]),
        Case(name: "Z", script: layer + "run\nview attn.Z", cursor: GridCursor(head: 1, row: 5, column: 0),
             fragments: ["head 1 · token \"mat\" (5) · feature 0", "attn.Z[1, 5, 0] = ", "= Σ_j attn.P[1, 5, j] · attn.V[1, j, 0]"]),
        Case(name: "Wq", script: layer + "view attn.Wq", cursor: GridCursor(row: 3, column: 5),
             fragments: ["attn.Wq · input 3 → output 5 (head 1 · feature 1)", "attn.Wq[3, 5] = ",
                         "Q feature 1 of head 1 gets"]),
        Case(name: "edited", script: layer + "step 11\nattn.scaled[0, 2, 1] = 3", cursor: GridCursor(head: 0, row: 2, column: 1),
             fragments: [", edited to 3.00"]),
    ]

    static func inspector(_ testCase: Case) throws -> (InspectorModel, Session) {
        let host = PaneStateHost()
        let session = host.session(testCase.script)
        let model = try #require(host.screen(of: session, cursor: testCase.cursor).inspector)
        return (model, session)
    }

    @Test(arguments: cases)
    func inspectorAtEveryStage(_ testCase: Case) throws {
        let (model, _) = try Self.inspector(testCase)
        let text = InspectorRenderer.render(model, width: 60, height: 4, options: .monochrome).text
        for fragment in testCase.fragments {
            #expect(text.contains(fragment), "\(testCase.name): \(fragment) in\n\(text)")
        }
        #expect(!text.contains("key \"0\""))
        GoldenFile.check(text, named: "inspector-stage-\(testCase.name)")
    }

    /// The value a non-attention inspector shows is the workspace's element at its index.
    @Test(arguments: cases.filter { ["X", "Q", "V", "Z", "Wq"].contains($0.name) })
    func valuesAreTheWorkspacesElements(_ testCase: Case) throws {
        let (model, session) = try Self.inspector(testCase)
        let stored = try #require(session.state.workspace[model.tensorName])
        #expect(model.value == stored[model.index])
    }

    /// With ALiBi the shown sum adds up: scores × scale + bias = the stored scaled score.
    @Test func alibiTermJoinsTheSum() throws {
        let (model, session) = try Self.inspector(Self.cases[4])
        let bias = try #require(model.alibiBias)
        let slope = PositionalEncoding.alibiSlope(head: 0, heads: 2)
        #expect(bias == -slope * 2)
        let raw = try #require(model.rawScore), scale = try #require(model.scale)
        let stored = try #require(session.state.workspace["attn.scaled"]?[[0, 3, 1]])
        #expect(abs(raw * scale + bias - stored) < 1e-5)
        #expect(model.scaledScore == stored)
        #expect(!model.scaledEdited && !model.scoreEdited)
    }

    /// An edited score and weight are named; untouched cells are not.
    @Test func editsAreMarkedWhereTheyWereMade() throws {
        let host = PaneStateHost()
        let session = host.session(Self.layer + "step 11\nattn.scores[1, 3, 2] = 9\nattn.P[0, 4, 0] = 0.9")
        let edited = try #require(host.screen(of: session, cursor: GridCursor(head: 1, row: 3, column: 2)).inspector)
        #expect(edited.scoreEdited && !edited.weightEdited)
        #expect(InspectorRenderer.lines(edited).joined().contains("scores 9.00 (edited)"))
        let weight = try #require(host.screen(of: session, cursor: GridCursor(head: 0, row: 4, column: 0)).inspector)
        #expect(weight.weightEdited && !weight.scoreEdited && !weight.scaledEdited)
        #expect(InspectorRenderer.lines(weight).joined().contains("weight 0.90 (edited)"))
        let untouched = try #require(host.screen(of: session, cursor: GridCursor(head: 1, row: 0, column: 0)).inspector)
        #expect(!untouched.scoreEdited && !untouched.scaledEdited && !untouched.weightEdited)
    }
}
