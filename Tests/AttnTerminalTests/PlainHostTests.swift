import AttnCore
@testable import AttnLang
import Foundation
import Testing
import AttnTestSupport
@testable import AttnTerminal

/// How the plain shell (and `attnsh FILE`) shows each presentation effect: the text it prints,
/// in order with the rest of the output, also for statements run by `source`.
@Suite struct PlainHostTests {
    /// A session with a plain host after `script`: everything printed, and the errors.
    static func run(_ script: String) -> (session: Session, printed: [String], errors: [String]) {
        final class Sink: @unchecked Sendable { var printed: [String] = []; var errors: [String] = [] }
        let sink = Sink()
        let session = Session(output: { sink.printed.append($0) }, errors: { sink.errors.append($0) })
        session.appliesLimitProcessWide = false
        let host = PlainHost()
        session.host = host
        withExtendedLifetime(host) { _ = session.runScript(script, fileName: "t.attn", keepGoing: true) }
        return (session, sink.printed, sink.errors)
    }

    static let traced = "mha attn d_model=8 heads=2 seed=1\ntokens the cat sat\nrun"

    @Test func viewTensorPrintsALabelledGrid() {
        let result = Self.run("m = [[1, 2], [3, 4]]\nview m")
        #expect(result.errors.isEmpty)
        #expect(result.printed == ["m [2, 2]\n       0      1\n0 1.0000 2.0000\n1 3.0000 4.0000"])
    }

    @Test func viewOfATraceTensorUsesTheTokenLabels() throws {
        let result = Self.run(Self.traced + "\nview attn.P")
        #expect(result.errors.isEmpty, "\(result.errors)")
        let text = try #require(result.printed.last)
        #expect(text.hasPrefix("attn.P [2, 3, 3]\nhead 0"))
        #expect(text.contains("head 1"))
        #expect(text.contains("the") && text.contains("sat"))
    }

    @Test func viewMeanPrintsTheMeanOverHeads() throws {
        let result = Self.run(Self.traced + "\nview mean")
        #expect(result.errors.isEmpty, "\(result.errors)")
        let text = try #require(result.printed.last)
        let lines = text.components(separatedBy: "\n")
        #expect(lines.first == "mean [3, 3]")
        #expect(lines.count == 5)
        #expect(lines[1].hasSuffix("the    cat    sat"), "\(lines)")
        let p = try #require(result.session.state.workspace["attn.P"])
        let expected = StageFormatter.fixed((p[[0, 1, 0]] + p[[1, 1, 0]]) / 2, precision: 4)
        #expect(lines[3].hasPrefix("cat " + expected), "\(lines)")
    }

    @Test(arguments: [PresentationEffect.viewLayer, .modelSentence, .modelLayerOpened, .trainingFinished,
                      .layout(.grid), .layout(.focus), .layout(.present), .palette(.viridis), .palette(.gray)])
    func otherEffectsPrintNothing(_ effect: PresentationEffect) {
        let state = Self.run(Self.traced).session.state
        #expect(PlainHost.text(for: effect, in: state) == nil)
    }

    @Test(arguments: ["view", "layout focus", "palette gray"])
    func screenStatementsPrintNothing(_ statement: String) {
        let result = Self.run("m = [[1, 2], [3, 4]]\nview m\n" + statement)
        #expect(result.errors.isEmpty)
        #expect(result.printed.count == 1)
    }

    @Test func aGridComesInOrderWithTheOtherOutput() {
        let result = Self.run("m = [[1, 2], [3, 4]]\necho before\nview m\nm = m * 2\nview m\necho after")
        #expect(result.printed.count == 4)
        #expect(result.printed.first == "before" && result.printed.last == "after")
        #expect(result.printed[1].hasSuffix("3.0000 4.0000"), "the first grid shows m as it was then")
        #expect(result.printed[2].hasSuffix("6.0000 8.0000"))
    }

    @Test func statementsOfASourcedScriptPrintTheirGridsInOrder() throws {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("view-\(UUID().uuidString).attn")
        try "m = [[1, 2], [3, 4]]\nview m\necho inside\n".write(to: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: script) }
        let result = Self.run("echo outside\nsource \"\(script.path)\"\necho done")
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.printed.count == 4, "\(result.printed)")
        #expect(result.printed.first == "outside")
        #expect(result.printed[1].hasPrefix("m [2, 2]"))
        #expect(result.printed[2] == "inside" && result.printed[3] == "done")
    }

    @Test func theHostDrawsASCIISparklinesWhenAsked() {
        final class Sink: @unchecked Sendable { var printed: [String] = [] }
        let sink = Sink()
        let session = Session(output: { sink.printed.append(contentsOf: $0.components(separatedBy: "\n")) }, errors: { _ in })
        session.appliesLimitProcessWide = false
        let host = PlainHost(drawsASCII: true)
        session.host = host
        withExtendedLifetime(host) {
            _ = session.runScript("train task=prev d_model=8 steps=20 T=6 vocab=5 batch=8", fileName: "t.attn", keepGoing: false)
        }
        let steps = sink.printed.filter { $0.hasPrefix("step ") }
        #expect(!steps.isEmpty)
        #expect(steps.allSatisfy { $0.allSatisfy(\.isASCII) }, "\(steps)")
    }
}

/// The plain text of `model overview` on the real model (skipped with its reason when it is
/// not installed).
@Suite("plain model overview on all-MiniLM-L6-v2",
       .enabled(if: InstalledModel.isAvailable, InstalledModel.missingReason))
struct PlainOverviewTests {
    @Test func modelOverviewPrintsTheTableOfPatterns() throws {
        let load = "model load \"\(InstalledModel.directory ?? "")\"\nmodel run The cat sat on the mat.\n"
        let result = PlainHostTests.run(load + "model overview\nview overview")
        #expect(result.errors.isEmpty, "\(result.errors)")
        let tables = result.printed.filter { $0.hasPrefix("strongest pattern of each head for: [CLS] the cat") }
        #expect(tables.count == 2)
        let lines = try #require(tables.first).components(separatedBy: "\n")
        #expect(lines[1].hasSuffix("h11"))
        for layer in 0..<6 { #expect(lines[2 + layer].hasPrefix("layer \(layer) ")) }
        let attention = try #require(result.session.state.model?.encoding?.attention)
        let first = try PositionPattern.classify(attention[0])[0]
        #expect(lines[2].dropFirst(8).hasPrefix(first.kind.letter + ModelOverviewTable.twoDigits(first.score)))
        #expect(lines.last?.hasPrefix("B broad") == true)
    }

    @Test func modelRunAndModelLayerPrintNoTable() {
        let load = "model load \"\(InstalledModel.directory ?? "")\"\nmodel run a dog.\nmodel layer 1"
        let result = PlainHostTests.run(load)
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(!result.printed.contains { $0.hasPrefix("strongest pattern") })
    }
}
