import AttnCore
import Foundation
import AttnLang
import Testing
@testable import AttnTerminal

/// Grids that keep numbers and words: heads wrapping into rows, a one-head grid left
/// unaggregated, partly masked blocks marked, the title keeping the mask (goldens in
/// `Golden/arrangement-*`).
@Suite struct GridArrangementTests {
    static let fourHeads = """
        mha attn d_model=16 heads=4 seed=5
        tokens the cat sat on the mat and slept
        mask causal
        run
        """

    static let lessonThree = """
        precision 2
        mha d_model=8 heads=1 seed=11
        tokens we saw the old dog run home
        """

    static func screen(_ script: String, width: Int, height: Int, cursor: GridCursor = GridCursor(),
                       mode: ColorMode = .monochrome) -> (ScreenModel, CellGrid) {
        var model = SessionScreen.model(of: SessionScreenTests.session(script).state, cursor: cursor)
        model.log = ["attn> run"]
        return (model, ScreenRenderer.render(model, width: width, height: height, options: RenderOptions(colorMode: mode)))
    }

    /// 4 heads × 8 tokens at 120×36: two rows of two panels, every head with its numbers and the
    /// words over its keys (today's two-column cells had neither).
    @Test(arguments: [ColorMode.monochrome, .color256])
    func fourHeadsWrapTwoByTwoWithNumbersAndWords(_ mode: ColorMode) {
        let (_, grid) = Self.screen(Self.fourHeads, width: 120, height: 36, mode: mode)
        let lines = grid.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for head in 0..<4 { #expect(grid.text.contains("head \(head)")) }
        let keyRows = lines.filter { $0.contains("the") && $0.contains("slept") && $0.contains("mat") && !$0.contains("X [") }
        #expect(keyRows.count >= 2, "two rows of panels, each with the key words")
        #expect(keyRows.allSatisfy { $0.components(separatedBy: "slept").count - 1 == 2 })
        let header0 = lines.firstIndex { $0.contains("head 0") } ?? 0
        let header2 = lines.firstIndex { $0.contains("head 2") } ?? 0
        #expect(header2 > header0 + 8)
        // Every query row of every panel prints numbers: the diagonal of head 0 and head 2.
        let weightRows = lines.filter { $0.contains("slept ") && $0.contains(".") }
        #expect(weightRows.count == 2)
        #expect(!grid.text.contains("max of"))
        let text = mode == .color256 ? GoldenFile.colorText(grid) : grid.text
        GoldenFile.check(text, named: "arrangement-4head-120x36-\(mode)")
    }

    /// The grid takes rows from the inspector and output panes only; the log keeps its own.
    @Test func theGridBorrowsRowsFromTheMiddlePanes() throws {
        let (model, _) = Self.screen(Self.fourHeads, width: 120, height: 36)
        guard case .panes(let plain) = ScreenLayout.compute(width: 120, height: 36, layout: .grid),
              case .panes(let grown) = ScreenLayout.compute(width: 120, height: 36, layout: .grid, grid: model.grid) else {
            Issue.record("no panes at 120×36")
            return
        }
        #expect(grown.grid.height > plain.grid.height)
        #expect(grown.log == plain.log)
        #expect(grown.inspector.height >= ScreenLayout.minimumMiddleHeight)
        #expect(grown.grid.height + grown.inspector.height == plain.grid.height + plain.inspector.height)
        // Two heads fit without borrowing: the layout is the plain one.
        let (two, _) = Self.screen(SessionScreenTests.twoHead, width: 120, height: 36)
        #expect(ScreenLayout.compute(width: 120, height: 36, layout: .grid, grid: two.grid) == .panes(plain))
    }

    /// Lesson 03 at 80×24: 7 tokens of one head are not aggregated (the panel names its head in
    /// its corner instead of a header row), so every masked cell is its own.
    @Test(arguments: [("causal", "mask causal"), ("pad", "mask pad 5"), ("window", "mask window 1"),
                      ("dog", "m = ones(7, 7)\nm[:, 4] = zeros(7)\nmask m causal")])
    func lessonThreeIsNotAggregated(_ name: String, _ mask: String) throws {
        let script = Self.lessonThree + "\n" + mask + "\nrun"
        let session = SessionScreenTests.session(script)
        let (model, grid) = Self.screen(script, width: 80, height: 24)
        let text = grid.text
        #expect(!text.contains("blocks") && !text.contains("max of"))
        #expect(text.contains("home") && text.contains("dog"))
        // Each query row's masked marks are exactly its blocked keys.
        let blocked = try #require(session.state.workspace["attn.mask"])
        let lines = text.split(separator: "\n").map(String.init)
        let words = ["we", "saw", "the", "old", "dog", "run", "home"]
        for (row, word) in words.enumerated() {
            // The label column is 4 wide ("home"), right-aligned, after the border.
            let line = try #require(lines.first { $0.dropFirst().prefix(4).trimmingCharacters(in: .whitespaces) == word },
                                    "row \(word) in\n\(text)")
            let marks = line.filter { $0 == "·" }.count
            let expected = (0..<7).filter { blocked[[row, $0]] == 0 }.count
            #expect(marks == expected, "\(name) row \(word): \(line)")
        }
        #expect(model.grid?.stageName == "P")
        GoldenFile.check(text, named: "arrangement-lesson03-\(name)-80x24")
    }

    /// When a grid must be aggregated, a block that mixes masked and allowed cells is marked and
    /// the legend says so; a block wholly masked stays masked.
    @Test func partlyMaskedBlocksAreMarked() {
        let count = 40
        let weights = Examples.softmax(heads: 1, rows: count, columns: count, allowed: { i, j in j <= i }) { _, i, j in
            i == j ? 2 : 0
        }
        let model = GridPaneModel(title: "attn", stageName: "P", tensor: weights, mask: Examples.causalMask(count))
        let grid = GridPaneRenderer.render(model, width: 78, height: 12, options: .monochrome)
        let lines = grid.text.split(separator: "\n").map(String.init)
        #expect(grid.text.contains("max of 4×4 (· at left: part masked)"))
        // The first block row: its diagonal block mixes masked and allowed cells, the rest are masked.
        let second = lines.first { $0.hasPrefix("  4-7 ") } ?? ""
        #expect(["·░", "·▒", "·▓", "·█"].contains { second.contains($0) }, "\(second)")
        let values = GridValues(model)
        #expect(values.isPartlyMasked(head: 0, row: 0, column: 0, block: 4))
        #expect(!values.isPartlyMasked(head: 0, row: 4, column: 0, block: 4))
        #expect(!values.isPartlyMasked(head: 0, row: 0, column: 8, block: 4))
        #expect(values.drawn(head: 0, row: 0, column: 8, block: 4) == .masked)
        GoldenFile.check(grid.text, named: "arrangement-partly-masked")
    }

    /// At 80 columns the title abbreviates the sizes and drops the formula before the mask and
    /// the posenc the lesson just set.
    @Test(arguments: [80, 100, 160])
    func titleKeepsTheMaskAndPosenc(_ width: Int) {
        var model = Examples.twoHeadScreen()
        model.grid?.title = "attn · d_model 384 · heads 12 · d_head 32 · mask causal window 2 · posenc alibi"
        let top = ScreenRenderer.render(model, width: width, height: 24, options: .monochrome).text
            .split(separator: "\n")[0]
        #expect(top.contains("mask causal window 2"), "\(top)")
        #expect(top.contains("posenc alibi"), "\(top)")
        #expect(top.contains("stage 8/11"))
        if width >= 160 { #expect(top.contains("d_model 384 · heads 12")) }
    }

    @Test func titleShorteningSteps() {
        let summary = "attn · d_model 8 · heads 2 · d_head 4 · kv_heads 1 · bias · mask causal"
        let stage = "stage 8/11  P = softmax(masked)", short = "stage 8/11  P"
        func fit(_ room: Int) -> (summary: String, stage: String) {
            GridTitle.fitted(summary: summary, stage: stage, shortStage: short) { _ in room }
        }
        #expect(fit(200) == (summary, stage))
        #expect(fit(50) == ("attn · D8 H2 K4 G1 bias · mask causal", stage))
        #expect(fit(30) == ("attn · mask causal", short))
    }
}
