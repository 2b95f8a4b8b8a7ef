import AttnCore
import Foundation
import Testing
import AttnTestSupport
@testable import AttnLang

/// `export svg` of a masked stage marks the cells the layer's mask blocks, as the panes do.
@Suite struct ExportMaskTests {
    @Test(arguments: ["attn.P", "attn.masked", "before.P"])
    func causalCellsAreMarkedMasked(_ name: String) throws {
        let folder = try ScratchFolder()
        let path = folder.file("figure.svg")
        var errors: [String] = []
        let session = Session(output: { _ in }, errors: { errors.append($0) })
        session.appliesLimitProcessWide = false
        session.runScript("mha attn d_model=8 heads=2 seed=1\ntokens the cat sat on\nmask causal\nrun\nsnapshot before\nexport svg \(name) \(path)",
                          fileName: "t.attn", keepGoing: true)
        #expect(errors.isEmpty, "\(errors)")
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        let cells = svg.components(separatedBy: "\n").filter { $0.hasPrefix("<rect class=\"cell\"") }
        #expect(cells.count == 32)
        // Causal, 4 tokens: 6 of the 16 cells of each head are above the diagonal.
        #expect(cells.filter { $0.contains("data-masked=\"true\"") }.count == 12)
        #expect(svg.contains(">masked<"))
    }

    @Test func scoresBeforeTheMaskAreNotMarked() throws {
        let folder = try ScratchFolder()
        let path = folder.file("scores.svg")
        let session = Session(output: { _ in }, errors: { _ in })
        session.appliesLimitProcessWide = false
        session.runScript("mha attn d_model=8 heads=2 seed=1\ntokens the cat sat on\nmask causal\nrun\nexport svg attn.scores \(path)",
                          fileName: "t.attn", keepGoing: true)
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!svg.contains("data-masked"), "stage 5 is before the mask")
    }
}
