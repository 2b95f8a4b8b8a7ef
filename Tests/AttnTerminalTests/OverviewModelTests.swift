import AttnCore
import AttnLang
import AttnTestSupport
import Foundation
import Testing
@testable import AttnTerminal

/// The overview built from a session holding the real all-MiniLM-L6-v2 (skipped, with its
/// reason printed, when the model is not installed).
@Suite("overview of all-MiniLM-L6-v2 in the panes",
       .enabled(if: InstalledModel.isAvailable, InstalledModel.missingReason))
struct OverviewModelTests {
    /// A session shown as the panes show it, after loading the model and running `script`.
    static func panesSession(_ script: String) -> (Session, PaneStateHost) {
        let host = PaneStateHost()
        return (host.session("model load \"\(InstalledModel.directory ?? "")\"\n" + script), host)
    }

    @Test func everyLayerAndHeadOfTheModelIsDrawn() throws {
        let (session, host) = Self.panesSession("model run The cat sat on the mat.")
        let screen = host.screen(of: session, overviewCursor: OverviewCursor(layer: 4, head: 9))
        let overview = try #require(screen.overview)
        #expect(overview.layerCount == 6 && overview.headCount == 12)
        #expect(overview.tokens.first == "[CLS]" && overview.tokens.last == "[SEP]")
        #expect(overview.cursor == OverviewCursor(layer: 4, head: 9))
        #expect(overview.title.contains("6 layers × 12 heads · \(overview.tokens.count) tokens"))
        // The patterns named are those `model overview` prints (PositionPattern on each layer's P).
        let attention = try #require(session.state.model?.encoding?.attention)
        let expected = try PositionPattern.classify(attention[4])[9]
        #expect(overview.pattern(layer: 4, head: 9) == expected)
        let text = ScreenRenderer.render(screen, width: 160, height: 48, options: .monochrome).text
        for layer in 0..<6 { #expect(text.contains("layer \(layer)")) }
        #expect(text.contains("h11"))
        #expect(text.contains("layer 4 · head 9"))
        #expect(text.contains(OverviewRenderer.describe(expected.kind)))
    }

    @Test func openingALayerLeavesTheOverviewForItsGrid() throws {
        let (session, host) = Self.panesSession("model run The cat sat on the mat.\nmodel layer 2")
        let screen = host.screen(of: session, cursor: GridCursor(head: 7))
        #expect(screen.overview == nil)
        let grid = try #require(screen.grid)
        #expect(grid.headCount == 12 && grid.cursor.head == 7)
        #expect(grid.queryLabels.first == "[CLS]")
    }
}
