import AttnCore
import AttnTestSupport
import Foundation
import Testing
@testable import AttnLang

/// What `train` leaves for `expect` (train.heads, train.steps, train.accuracy, train.flops,
/// train.loss, NAME.heads), the head-count table with its cost, and `watch=`.
@Suite struct TrainFiguresTests {
    /// A host that draws training live, as the panes do, and counts the reports.
    final class LiveHost: SessionHost, @unchecked Sendable {
        var reports = 0
        var drawsTrainingLive: Bool { true }
        func trainingProgressed(_ progress: TrainingProgress) { reports += 1 }
        func present(_ effect: PresentationEffect, in state: SessionState) -> String? { nil }
    }

    static func run(_ source: String, host: SessionHost? = nil) -> (session: Session, output: [String], errors: [String]) {
        guard let host else { return TrainCommandTests.run(source) }
        let transcript = Transcript()
        let session = transcript.session()
        session.host = host
        withExtendedLifetime(host) { _ = session.runScript(source, fileName: "test.attn", keepGoing: true) }
        return (session, transcript.output, transcript.errorHeaders)
    }

    static let pair = "train task=pair heads=1,2,4 d_model=8 vocab=4 T=6 steps=20 batch=4"

    @Test("a head-count sweep stores one entry per head count and prints its cost")
    func sweepFigures() throws {
        let (session, output, errors) = Self.run(Self.pair)
        #expect(errors.isEmpty, "\(errors)")
        let workspace = session.state.workspace
        #expect(workspace["train.heads"]?.scalars == [1, 2, 4])
        let flops = try #require(workspace["train.flops"]?.scalars)
        // The attention FLOPs `cost` counts for one layer of each head count at T = 6.
        let expected = try [1, 2, 4].map { heads in
            Float(try AttentionCost(config: LayerConfig.make(name: "toy0", dModel: 8, heads: heads, posenc: .rope, masks: [.causal]),
                                    tq: 6).totalFlops)
        }
        #expect(flops == expected)
        // More heads at the same width: more FLOPs, but far from proportionally more.
        #expect(flops[0] < flops[1] && flops[1] < flops[2] && flops[2] < 1.5 * flops[0])
        let accuracy = try #require(workspace["train.accuracy"]?.scalars)
        #expect(accuracy.count == 3 && accuracy.allSatisfy { (0...1).contains($0) })
        // 20 steps are too few for 99%: not reached is infinity, so any reached step compares below it.
        #expect(workspace["train.steps"]?.scalars == [.infinity, .infinity, .infinity])
        #expect(workspace["train.loss"]?.shape == [20])
        let header = try #require(output.firstIndex { $0.hasPrefix("heads  d_head  steps to 99.0%  final held-out acc  attention FLOPs (T=6)  parameters") })
        for (offset, heads) in [1, 2, 4].enumerated() {
            let row = output[header + 1 + offset]
            #expect(row.hasPrefix(String(heads).leftPadded(to: 5)) && row.contains(" \(Int(flops[offset])) "), "\(row)")
            #expect(row.contains(String(format: "%.1f%%", accuracy[offset] * 100)), "\(row)")
        }
        let ratio = String(format: "%.2f", flops[2] / flops[0])
        #expect(output[header + 4] == "4× the heads of 1: \(ratio)× the attention FLOPs, the same parameters (the projections are D×D whatever H; the scaling and softmax, H·T² each, grow)")
    }

    @Test("one run stores one entry; a reached target stores its step")
    func singleRunFigures() throws {
        let (session, _, errors) = Self.run("train task=prev d_model=8 T=6 vocab=5 steps=80 lr=0.01 batch=16 seed=1")
        #expect(errors.isEmpty, "\(errors)")
        let workspace = session.state.workspace
        #expect(workspace["train.heads"]?.scalars == [1])
        let step = try #require(workspace["train.steps"]?.scalars.first)
        #expect(step.isFinite && step.truncatingRemainder(dividingBy: 10) == 0 && step <= 80)
        #expect(workspace["train.accuracy"]?.scalars.first.map { $0 >= 0.99 } == true)
        #expect(workspace["train.loss"]?.shape == [80])
    }

    @Test("model heads stores its three score columns as NAME.heads [L, H, 3]")
    func headsTensor() throws {
        let (session, output, errors) = Self.run("model new lm layers=2 d_model=12 heads=3 vocab=8 seed=1\nmodel heads")
        #expect(errors.isEmpty, "\(errors)")
        let table = try #require(session.state.workspace["lm.heads"])
        #expect(table.shape == [2, 3, 3])
        // Row "1.2" of the printout: previous, induction and duplicate at two decimals.
        let line = try #require(output.first { $0.hasPrefix("1.2 ") })
        let printed = line.split(separator: " ").suffix(3).compactMap { Float($0) }
        let stored = Array(table.scalars[(5 * 3)..<(6 * 3)])
        #expect(printed.count == 3 && zip(printed, stored).allSatisfy { abs($0 - $1) <= 0.005 }, "\(line) \(stored)")
        #expect(output.contains("scores in lm.heads [2, 3, 3] (previous, induction, duplicate)"))
    }

    @Test("watch= holds each evaluation where the chart is drawn live, and only there")
    func watchPacesLiveCharts() throws {
        let host = LiveHost()
        let start = Date()
        let (_, _, errors) = Self.run("train task=prev d_model=8 T=6 vocab=5 steps=30 batch=4 watch=60", host: host)
        #expect(errors.isEmpty, "\(errors)")
        #expect(host.reports == 3)
        #expect(Date().timeIntervalSince(start) >= 0.18)
        // A host without a live chart (plain mode, scripts) does not wait: a long watch= costs nothing.
        let quick = Date()
        let (_, _, plainErrors) = Self.run("train task=prev d_model=8 T=6 vocab=5 steps=30 batch=4 watch=10000")
        #expect(plainErrors.isEmpty && Date().timeIntervalSince(quick) < 20)
    }

    @Test(arguments: ["watch=-1", "watch=10001"])
    func watchOutOfRange(_ option: String) {
        let (_, _, errors) = Self.run("train task=prev steps=10 \(option)", host: LiveHost())
        #expect(errors.contains { $0.contains("watch must be between 0 and 10000 milliseconds") }, "\(errors)")
    }
}
