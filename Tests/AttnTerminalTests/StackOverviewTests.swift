import AttnCore
@testable import AttnLang
import Testing
@testable import AttnTerminal

/// `model overview` on a model of several layers defined here: every layer × head of its last
/// run on tokens, as the plain table and as the panes' thumbnails, like the pretrained encoder's.
@Suite struct StackOverviewTests {
    static let defined = "model new toy layers=2 d_model=16 heads=2 vocab=8 seed=1"

    @Test func theOverviewNeedsARunOnTokens() {
        let result = PlainHostTests.run(Self.defined + "\nmodel overview")
        #expect(result.errors.joined().contains("no run on tokens yet: `model run a b c a b` first"), "\(result.errors)")
    }

    @Test func thePlainTableHasALineOfPatternsPerLayer() throws {
        let result = PlainHostTests.run(Self.defined + "\nmodel run 1 2 3 4 5 1 2 3\nmodel overview")
        #expect(result.errors.isEmpty, "\(result.errors)")
        let table = try #require(result.printed.last { $0.hasPrefix("strongest pattern of each head for: b c d e f b c d") })
        let layers = table.split(separator: "\n").filter { $0.hasPrefix("layer ") }
        #expect(layers.count == 2)
        // Each row: one letter and score per head.
        for row in layers { #expect(row.split(separator: " ").count == 2 + 2, "\(row)") }
    }

    @Test func thePanesOverviewShowsEveryLayerOfTheLastRun() throws {
        let result = PlainHostTests.run(Self.defined + "\nmodel run 1 2 3 4 5 1 2 3")
        let state = result.session.state
        let overview = try #require(SessionScreen.overviewModel(of: state))
        #expect(overview.layerCount == 2)
        #expect(overview.tokens == ["b", "c", "d", "e", "f", "b", "c", "d"])
        #expect(overview.title.hasPrefix("model toy · 2 layers × 2 heads · 8 tokens"))
        // The thumbnails are the run's own weights: layer 1's P is what `model layer 1` shows.
        let opened = PlainHostTests.run(Self.defined + "\nmodel run 1 2 3 4 5 1 2 3\nmodel layer 1")
        let p = try #require(opened.session.state.workspace["toy1.P"])
        let difference = zip(overview.attention[1].scalars, p.scalars).map { abs($0 - $1) }.max() ?? 1
        #expect(difference < 1e-6)
        #expect(overview.patterns.allSatisfy { $0.count == 2 })
    }
}
