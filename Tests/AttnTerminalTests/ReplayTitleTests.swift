import Testing
@testable import AttnTerminal

/// The log's title during a classroom replay: the replay's place and keys instead of `attnsh`,
/// in every layout (the projector layout shows the log's title only then).
@Suite struct ReplayTitleTests {
    static let status = "replay 3/17 · Enter runs · q quits"

    /// The screen row holding the log's top rule (the one above the prompt's lines).
    func logRuleRow(_ model: ScreenModel, width: Int = 100, height: Int = 30, options: RenderOptions = .color256) -> String {
        let rows = ScreenRenderer.render(model, width: width, height: height, options: options).text
            .components(separatedBy: "\n")
        // The bottom border aside, the last rule ("├" or ASCII "+") is the log's.
        return rows.dropLast().last { $0.hasPrefix("├") || $0.hasPrefix("+") } ?? ""
    }

    @Test(arguments: [GridLayout.grid, .focus, .present])
    func theTitleShowsTheReplay(_ layout: GridLayout) {
        var model = Examples.twoHeadScreen(layout: layout)
        model.replayStatus = Self.status
        #expect(logRuleRow(model).contains("├ " + Self.status + " ─"), "\(layout): \(logRuleRow(model))")
        model.replayStatus = nil
        #expect(!logRuleRow(model).contains("replay"), "\(layout): \(logRuleRow(model))")
    }

    @Test func thePanesNoteFollowsTheReplayAndASCIIHasNoDots() {
        var model = Examples.twoHeadScreen()
        model.replayStatus = "replay 13/17"
        model.promptFocused = false
        #expect(logRuleRow(model).contains("├ replay 13/17 · panes: ? keys, i prompt ─"), "\(logRuleRow(model))")
        let ascii = logRuleRow(model, options: RenderOptions(colorMode: .ascii))
        #expect(ascii.allSatisfy(\.isASCII) && ascii.contains("+ replay 13/17 | panes: ? keys, i prompt -"), "\(ascii)")
    }
}
