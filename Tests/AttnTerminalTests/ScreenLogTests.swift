import AttnLang
import Testing
@testable import AttnTerminal

/// The log as drawn: wrapping, the caption, red errors, the markers, a long output over the
/// inspector, the present layout's statement box and the grown log.
@Suite struct ScreenLogTests {
    @Test(arguments: [
        ("the last one sees the whole sentence", 16, "", ["the last one", "sees the whole", "sentence"]),
        ("short", 16, "", ["short"]),
        ("", 10, "", [""]),
        ("abcdefghijkl", 5, "", ["abcde", "fghij", "kl"]),
        ("exam -0.9011 -0.1234 0.5555", 13, "  ", ["exam -0.9011", "  -0.1234", "  0.5555"]),
        ("two  spaces", 4, "", ["two", "spac", "es"]),
    ])
    func wrapsAtWordBoundaries(_ line: String, _ width: Int, _ indent: String, _ rows: [String]) {
        #expect(TextWrap.wrap(line, width: width, indent: indent) == rows)
        #expect(TextWrap.wrap(line, width: width, indent: indent).allSatisfy { $0.count <= width })
    }

    static func model(log: [String], kinds: [LogLineKind] = [], caption: [String] = []) -> ScreenModel {
        var model = Examples.twoHeadScreen()
        model.log = log
        model.logKinds = kinds
        model.caption = caption
        return model
    }

    static let narration = "Question for the class: the two \"the\" rows of X are equal. Why are their rows of P different under the causal mask, and would they be equal without it?"

    @Test(arguments: [(80, 24), (100, 30), (120, 36)], [GridLayout.grid, .focus, .present])
    func theCaptionIsWrappedInFullAboveThePrompt(_ size: (Int, Int), _ layout: GridLayout) throws {
        var model = Self.model(log: ["attn> run"], kinds: [.statement], caption: [Self.narration])
        model.layout = layout
        let text = ScreenRenderer.render(model, width: size.0, height: size.1, options: .monochrome).text
        let rows = text.split(separator: "\n").map(String.init)
        let captionRows = rows.filter { $0.hasPrefix("│ ▌ ") }
        let words = captionRows.map { $0.dropFirst(4).trimmingCharacters(in: .whitespaces) }
            .map { $0.hasSuffix("│") ? String($0.dropLast()).trimmingCharacters(in: .whitespaces) : $0 }
        #expect(words.joined(separator: " ") == Self.narration, "\(text)")
        let promptRow = try #require(rows.firstIndex { $0.hasPrefix("│ attn> ") && !$0.contains("run") })
        #expect(rows.firstIndex { $0.hasPrefix("│ ▌ ") }.map { promptRow - $0 } == captionRows.count,
                "the caption sits right above the prompt")
    }

    @Test func aWideRowWrapsInsteadOfBeingCut() {
        let row = "exam " + (0..<20).map { _ in "-0.9011" }.joined(separator: " ")
        let text = ScreenRenderer.render(Self.model(log: [row]), width: 80, height: 24, options: .monochrome).text
        #expect(text.contains("│ exam -0.9011"))
        #expect(text.components(separatedBy: "-0.9011").count - 1 == 20, "every value is drawn")
    }

    @Test func errorsAreRedOnAColourScreenOnly() {
        let model = Self.model(log: ["attn> q", "<input>:1:1: error: `q` is not defined"], kinds: [.statement, .error])
        let colour = ScreenRenderer.render(model, width: 80, height: 24, options: .color256)
        let mono = ScreenRenderer.render(model, width: 80, height: 24, options: .monochrome)
        let y = colour.text.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("error: `q`") } ?? 0
        #expect(colour[2, y].style == ScreenRenderer.errorStyle)
        #expect(colour[2, y - 1].style == .plain, "the statement is not red")
        #expect(mono[2, y].style == .plain)
    }

    @Test func aLongOutputTakesTheInspectorsRowsAndSaysHowMuchIsAbove() {
        let output = (1...30).map { "row \($0)" }
        var model = Self.model(log: ["attn> ls"] + output, kinds: [.statement] + output.map { _ in .output })
        let normal = ScreenRenderer.render(model, width: 80, height: 24, options: .monochrome).text
        #expect(normal.contains("inspector"))
        #expect(normal.contains("more above · PgUp"))
        model.logExtends = true
        let extended = ScreenRenderer.render(model, width: 80, height: 24, options: .monochrome).text
        #expect(!extended.contains("├ inspector"), "\(extended)")
        #expect(extended.contains("long output · a key brings the panes back"))
        #expect(extended.contains("row 30") && extended.contains("head 0"), "the grid stays")
        let shown = (1...30).filter { extended.contains("row \($0)\n") || extended.contains("row \($0) ") }.count
        #expect(extended.contains("↑ \(30 - shown + 1) more above · PgUp"), "\(extended)")
    }

    @Test func aShortOutputLeavesThePanesWhereTheyAre() {
        var model = Self.model(log: ["attn> x", "1"], kinds: [.statement, .output])
        model.logExtends = true
        let text = ScreenRenderer.render(model, width: 80, height: 24, options: .monochrome).text
        #expect(text.contains("├ inspector") && !text.contains("more above"))
    }

    @Test func thePresentLayoutShowsTheStatementAndTheFirstLinesOfItsOutput() {
        let heads = ["head  pattern", "0     previous token", "1     diagonal"]
        var model = Self.model(log: ["attn> run", "ran", "attn> heads"] + heads,
                               kinds: [.statement, .output, .statement, .output, .output, .output])
        model.layout = .present
        model.prompt = ReplayPresenter.pausePrompt
        let text = ScreenRenderer.render(model, width: 100, height: 30, options: .monochrome).text
        #expect(text.contains("┬ attn> heads "))
        for line in heads { #expect(text.contains("│ \(line)")) }
        #expect(text.contains("│ \(ReplayPresenter.pausePrompt.trimmingCharacters(in: .whitespaces))"))
        #expect(!text.contains("stops -- heads") && !text.contains("stops -- run"), "the pause line is alone")
        let long = (1...40).map { "line \($0)" }
        model.log += ["attn> explain 0 1 2"] + long
        model.logKinds += [.statement] + long.map { _ in .output }
        let cut = ScreenRenderer.render(model, width: 100, height: 30, options: .monochrome).text
        #expect(cut.contains("│ line 1 ") && cut.contains("more rows · F2 shows the log"), "\(cut)")
    }

    @Test func theGrownLogCoversThePanes() {
        var model = Self.model(log: (1...40).map { "line \($0)" }, caption: ["Watch head 0."])
        model.logGrown = true
        let text = ScreenRenderer.render(model, width: 100, height: 30, options: .monochrome).text
        #expect(!text.contains("head 0 ") && !text.contains("inspector"))
        #expect(text.contains("F2 or `log back` returns"))
        #expect(text.contains("line 40") && text.contains("line 15"))
        #expect(text.contains("│ ▌ Watch head 0."))
    }
}
