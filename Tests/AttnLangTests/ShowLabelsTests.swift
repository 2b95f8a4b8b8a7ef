import AttnCore
import Testing
@testable import AttnLang

/// `show` of an index or slice of a stage keeps its labels and the fixed precision of
/// `show NAME`; `step` summarises a stage too large to print.
@Suite struct ShowLabelsTests {
    func printed(_ script: String) -> (text: String, errors: [String]) {
        var printed: [String] = []
        var errors: [String] = []
        let session = Session(output: { printed.append($0) }, errors: { errors.append($0) })
        session.appliesLimitProcessWide = false
        session.runScript(script, fileName: "t.attn", keepGoing: true)
        return (printed.joined(separator: "\n"), errors)
    }

    static let layer = "mha attn d_model=8 heads=2 seed=1\ntokens the cat sat\nrun\n"

    @Test func aSliceOfHeadsKeepsWordsAndPrecision() {
        let (text, errors) = printed(Self.layer + "show attn.P[1:2]")
        #expect(errors.isEmpty)
        let lines = text.components(separatedBy: "\n").drop { !$0.hasPrefix("attn.P[1:2]") }
        #expect(lines.first == "attn.P[1:2] [1, 3, 3]")
        #expect(lines.dropFirst().first?.hasPrefix("head 1") == true, "the head keeps its number: \(text)")
        #expect(lines.dropFirst().first?.hasSuffix("the    cat    sat") == true)
        #expect(lines.dropFirst(2).first?.trimmingPrefix(while: { $0 == " " }).hasPrefix("the 0.") == true)
    }

    @Test(arguments: [
        ("show attn.P[0, 1]", "attn.P[0, 1] [3]", "   the    cat    sat"),
        ("show attn.Q[0][:, 0:2]", "attn.Q[0][:, 0:2] [3, 2]", "          0       1"),
        ("show attn.P[0, 1] precision=2", "attn.P[0, 1] [3]", " the  cat  sat"),
    ])
    func indexedStagesArePrintedAsLabelledTables(_ line: String, _ title: String, _ header: String) {
        let (text, errors) = printed(Self.layer + line)
        #expect(errors.isEmpty)
        let lines = text.components(separatedBy: "\n")
        guard let at = lines.firstIndex(of: title) else {
            Issue.record("no title line `\(title)` in\n\(text)")
            return
        }
        #expect(lines[at + 1] == header, "\(text)")
    }

    @Test func aTensorWithoutLabelsPrintsAsNumpyDoes() {
        let (text, _) = printed("x = [[1, 2], [3, 4]]\nshow x[0]")
        #expect(text == "x[0] [2]\n[1. 2.]")
    }

    @Test func labelsFollowTheKeptPositions() throws {
        let labels = AxisLabels([["h0", "h1", "h2"], ["a", "b", "c", "d"], nil])
        let kept = try labels.indexed([.slice(start: nil, stop: nil, step: -2), .at(1)], shape: [3, 4, 5])
        #expect(kept == AxisLabels([["h2", "h0"], nil]))
    }

    @Test func stepSummarisesALargeStageOneLinePerHead() {
        let words = (0..<40).map { "w\($0)" }.joined(separator: " ")
        let (text, errors) = printed("mha attn d_model=32 heads=4 seed=1\ntokens \(words)\nstep 2")
        #expect(errors.isEmpty)
        #expect(!text.contains("..."), "no numpy elisions")
        #expect(text.contains("1280 values: one line per head; `show attn.Q[0]` prints head 0 in full"))
        let heads = text.components(separatedBy: "\n").filter { $0.hasPrefix("head ") && $0.contains("  min ") }
        #expect(heads.count == 4, "\(text)")
        #expect(text.contains("1280 values: one line per row"), "X [40, 32] is summarised by token rows")
    }
}
