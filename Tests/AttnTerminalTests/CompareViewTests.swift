import AttnCore
@testable import AttnLang
import Foundation
import Testing
import AttnTestSupport
@testable import AttnTerminal

/// `view A vs B` in the panes and in plain mode: three grids per head side by side on one colour
/// scale, the difference zero outside the edited query's row.
@Suite struct CompareViewTests {
    static let script = """
        mha attn d_model=8 heads=2 seed=1
        tokens the cat sat on the mat
        mask causal
        run
        snapshot before
        back 5
        attn.scaled[0, 2, 1] = 5
        step 5
        view before vs attn
        """

    static func screen(width: Int, height: Int, mode: ColorMode = .color256) throws -> (CellGrid, SessionState) {
        let result = PlainHostTests.run(script)
        #expect(result.errors.isEmpty, "\(result.errors)")
        let state = result.session.state
        var shown = PaneScreenState()
        _ = shown.apply(.compare(.init(before: "before", after: "attn")), in: state)
        var options = RenderOptions.color256
        options.colorMode = mode
        let model = SessionScreen.model(of: state, showing: shown, cursor: GridCursor(head: 0, row: 2, column: 1))
        return (ScreenRenderer.render(model, width: width, height: height, options: options), state)
    }

    @Test func theThreeGridsOfTheCursorsHeadStandSideBySide() throws {
        let (grid, _) = try Self.screen(width: 120, height: 36)
        let lines = grid.text.components(separatedBy: "\n")
        let header = try #require(lines.first { $0.contains("before · head 0") })
        #expect(header.contains("attn · head 0") && header.contains("Δ · head 0"), "\(header)")
        let before = try #require(header.range(of: "before · head 0")).lowerBound
        let after = try #require(header.range(of: "attn · head 0")).lowerBound
        let difference = try #require(header.range(of: "Δ · head 0")).lowerBound
        #expect(before < after && after < difference)
        #expect(grid.text.contains("Δ = attn − before"))
        #expect(lines[0].contains("view before vs attn") && lines[0].contains("stage 8/11"), "\(lines[0])")
        GoldenFile.check(grid.text, named: "compare-120x36-color")
    }

    @Test func onlyTheEditedRowOfTheDifferenceIsNonzero() throws {
        let (grid, _) = try Self.screen(width: 120, height: 36)
        let lines = grid.text.components(separatedBy: "\n")
        let header = try #require(lines.first { $0.contains("Δ · head 0") })
        let column = header.distance(from: header.startIndex, to: try #require(header.range(of: "Δ · head 0")).lowerBound)
        let rows = try #require(lines.firstIndex(of: header)).advanced(by: 2)
        // The six query rows of the difference panel: zeros (and masked marks) except row 2.
        // Cells may be more than one line high: the query rows are the lines with a label.
        let queryLines = lines[rows...].filter { $0.dropFirst().prefix(4).contains { $0.isLetter } }.prefix(6)
        #expect(queryLines.count == 6)
        for (offset, line) in queryLines.enumerated() {
            let cells = String(line.dropFirst(column - 1).prefix(40))
            let numbers = cells.split(whereSeparator: { $0 == " " || $0 == "[" || $0 == "]" }).filter { $0.contains(".") }
            let nonzero = numbers.filter { $0.contains { "123456789".contains($0) } }
            if offset == 2 {
                #expect(nonzero.count == 3, "query sat sees 3 keys, all moved: \(cells)")
            } else {
                #expect(nonzero.isEmpty, "row \(offset) unchanged: \(cells)")
            }
        }
    }

    @Test func theCursorLineGivesBothValuesAndTheirDifference() throws {
        let (grid, state) = try Self.screen(width: 120, height: 36)
        let comparison = try TraceComparison(.init(before: "before", after: "attn"), in: state)
        let delta = comparison.difference[[0, 2, 1]]
        #expect(delta > 0)
        #expect(grid.text.contains("sat→cat"), "\(grid.text)")
        #expect(grid.text.contains("Δ+" + NumberText.fixed(delta, decimals: 4)))
    }

    @Test func aNarrowScreenStillShowsThreeGrids() throws {
        let (grid, _) = try Self.screen(width: 80, height: 24, mode: .ascii)
        #expect(grid.text.contains("before - head 0") || grid.text.contains("before h0"), "\(grid.text)")
        #expect(grid.text.contains("diff = attn - before"), "\(grid.text)")
        #expect(grid.text.allSatisfy { $0.isASCII })
        GoldenFile.check(grid.text, named: "compare-80x24-ascii")
    }

    @Test func onANarrowScreenTheDifferenceKeepsItsWordsAndNumbers() throws {
        let (grid, _) = try Self.screen(width: 80, height: 24)
        let lines = grid.text.components(separatedBy: "\n")
        // The traces shrink to colour-only cells with key numbers; Δ keeps the key words.
        let keys = try #require(lines.first { $0.contains("0 1 2 3 4 5") }, "\(grid.text)")
        let words = try #require(keys.range(of: "0 1 2 3 4 5", options: .backwards)).upperBound
        #expect(keys[words...].split(separator: " ").prefix(3) == ["the", "cat", "sat"], "\(keys)")
        let sat = try #require(lines.first { $0.hasPrefix("│sat") || $0.hasPrefix("│ sat") }, "\(grid.text)")
        #expect(sat.contains(".80") || sat.contains(".8"), "the edited row's change is printed: \(sat)")
    }

    @Test func plainModePrintsTheLabelledTablesAndWhatChanged() throws {
        let result = PlainHostTests.run(Self.script)
        let text = try #require(result.printed.last)
        #expect(text.hasPrefix("before vs attn · stage 8/11 P [2, 6, 6] · Δ = attn − before"))
        #expect(text.contains("Δ · head 1"))
        #expect(text.hasSuffix("(head 0 sat); largest |Δ| " + StageFormatter.fixed(
            abs(try TraceComparison(.init(before: "before", after: "attn"), in: result.session.state).difference[[0, 2, 1]]),
            precision: 4) + " at head 0 sat → cat"), "\(text)")
    }
}

/// A short pane keeps the words: a window of query rows rather than aggregated blocks.
@Suite struct CompareWindowTests {
    @Test func aShortPaneShowsAWindowOfRowsWithWords() throws {
        let script = CompareViewTests.script.replacingOccurrences(of: "the cat sat on the mat", with: "one two three four five six seven")
        let result = PlainHostTests.run(script)
        #expect(result.errors.isEmpty, "\(result.errors)")
        var shown = PaneScreenState()
        _ = shown.apply(.compare(.init(before: "before", after: "attn")), in: result.session.state)
        let model = SessionScreen.model(of: result.session.state, showing: shown, cursor: GridCursor(head: 0, row: 2, column: 1))
        let grid = ScreenRenderer.render(model, width: 100, height: 24, options: .color256)
        let text = grid.text
        #expect(text.contains("rows "), "a window of rows, said in the legend:\n\(text)")
        #expect(!text.contains("blocks"), "not aggregated:\n\(text)")
        #expect(text.contains("three"), "the query words stay:\n\(text)")
    }
}
