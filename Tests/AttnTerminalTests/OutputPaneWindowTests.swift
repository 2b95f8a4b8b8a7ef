import AttnCore
import AttnLang
import AttnTestSupport
import Testing
@testable import AttnTerminal

/// The Z pane shows every row and head it can and says what it hides.
@Suite struct OutputPaneWindowTests {
    static let tokens = ["the", "cat", "sat", "on", "the", "mat", "and", "slept"]

    static func model(heads: Int, tokens: Int, headDim: Int, row: Int? = nil, head: Int? = nil) -> OutputPaneModel {
        OutputPaneModel(tensor: Examples.headOutputs(heads: heads, tokens: tokens, headDim: headDim),
                        tokenLabels: Array(Self.tokens.prefix(tokens)), highlightedRow: row, highlightedBlock: head)
    }

    @Test func everythingThatFitsIsShownWithoutANote() {
        let text = OutputPaneRenderer.render(Self.model(heads: 2, tokens: 8, headDim: 4), width: 40, height: 9,
                                             options: .monochrome, showsRange: false).text
        for token in ["the", "slept"] { #expect(text.contains(token)) }
        #expect(!text.contains("hidden"))
    }

    /// Eight tokens in four lines: the rows around the highlighted one, and which rows are not.
    @Test(arguments: [(nil as Int?, "rows 3–7 hidden"), (7, "rows 0–4 hidden"), (4, "rows 0–1, 5–7 hidden")])
    func hiddenRowsAreNamed(_ row: Int?, _ note: String) {
        let text = OutputPaneRenderer.render(Self.model(heads: 2, tokens: 8, headDim: 4, row: row), width: 40,
                                             height: 4, options: .monochrome, showsRange: false).text
        #expect(text.contains(note), "\(text)")
        if let row { #expect(text.contains(Self.tokens[row])) }
    }

    /// Heads that do not fit side by side: a window around the highlighted head (Tab moves it).
    @Test func hiddenHeadsFollowTheCursorsHead() {
        let text = OutputPaneRenderer.render(Self.model(heads: 12, tokens: 3, headDim: 8, head: 7), width: 40,
                                             height: 6, options: .monochrome, showsRange: false).text
        #expect(text.contains("h7"))
        #expect(!text.contains("h0 "))
        #expect(text.contains("of 12 hidden (Tab)"), "\(text)")
        GoldenFile.check(text, named: "output-heads-hidden")
    }

    /// The real model's layer 0 at 120×36: the Z pane follows the cursor's head and names the
    /// heads and rows it leaves out.
    @Test(.enabled(if: InstalledModel.isAvailable, InstalledModel.missingReason))
    func realModelsHeadOutputs() throws {
        let directory = try #require(InstalledModel.directory)
        let session = SessionScreenTests.session("""
            model load "\(directory)"
            model run The cat sat on the mat because it was tired.
            model layer 0
            """)
        let model = SessionScreen.model(of: session.state, cursor: GridCursor(head: 5, row: 9, column: 0))
        let output = try #require(model.output)
        #expect(output.tensor.shape == [12, 13, 32])
        let text = ScreenRenderer.render(model, width: 120, height: 36, options: .monochrome).text
        #expect(text.contains("h5"))
        #expect(text.contains("of 12 hidden (Tab)"))
        #expect(text.contains("hidden"))
    }
}
