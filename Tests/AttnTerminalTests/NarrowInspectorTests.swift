import Testing
@testable import AttnTerminal

/// The inspector in the narrow pane of an 80-column screen keeps the whole sum.
@Suite struct NarrowInspectorTests {
    @Test func alibiSumAndWeightFitAt36Columns() throws {
        let host = PaneStateHost()
        let session = host.session(InspectorStageTests.layer + "set posenc=alibi\nmask causal\nrun")
        let model = try #require(host.screen(of: session, cursor: GridCursor(head: 1, row: 4, column: 1)).inspector)
        let lines = InspectorRenderer.lines(model, width: 36, options: .monochrome)
        #expect(lines.allSatisfy { $0.count <= 36 }, "\(lines)")
        let text = lines.joined(separator: "\n")
        #expect(text.contains("ALiBi"))
        #expect(text.contains("weight 0."))
        GoldenFile.check(text, named: "inspector-stage-alibi-narrow")
    }
}
