import AttnCore
import Foundation
import Testing
@testable import AttnLang

/// Ctrl-C seen by the session: a request stops `source` between statements,
/// undoing all it ran; training stops cleanly and keeps its best weights.
/// Each test scopes a cancellation flag of its own.
@Suite struct CancellationSessionTests {
    /// Collects what a session prints; `onOutput` may request cancellation.
    final class Sink: @unchecked Sendable {
        var output: [String] = []
        var errors: [String] = []
    }

    @Test func sourceStopsBetweenStatementsAndUndoesThem() throws {
        let script = FileManager.default.temporaryDirectory
            .appendingPathComponent("cancel-\(UUID().uuidString).attn")
        try "A = ones(2)\nA\nB = ones(3)\n".write(to: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: script) }
        let flag = Cancellation()
        let sink = Sink()
        // Printing `A` stands for Ctrl-C arriving while the script runs.
        let session = Session(output: { sink.output.append($0); flag.request() },
                              errors: { sink.errors.append($0) })
        session.appliesLimitProcessWide = false
        let succeeded = Cancellation.$current.withValue(flag) {
            session.runScript("C = ones(4)\nsource \"\(script.path)\"\nD = ones(5)", fileName: "t.attn", keepGoing: true)
        }
        #expect(!succeeded)
        #expect(session.state.workspace["C"] != nil)
        #expect(session.state.workspace["A"] == nil, "source's statements are undone")
        #expect(session.state.workspace["B"] == nil)
        #expect(session.state.workspace["D"] == nil, "a cancelled input stops even with keepGoing")
        #expect(sink.errors.contains { $0.contains(TensorError.cancelledMessage) }, "\(sink.errors)")
    }

    @Test func trainingStopsCleanlyKeepingTheBestWeights() {
        let flag = Cancellation()
        let sink = Sink()
        let session = Session(output: { sink.output.append($0) }, errors: { sink.errors.append($0) })
        session.appliesLimitProcessWide = false
        var reports = 0
        let host = RecordingHost()
        host.onProgress = { _ in
            reports += 1
            if reports == 2 { flag.request() }
        }
        host.attach(to: session)
        let succeeded = withExtendedLifetime(host) {
            Cancellation.$current.withValue(flag) {
                session.runScript("train task=prev d_model=8 steps=500 lr=0.01 T=6 vocab=5 batch=4 seed=1",
                                  fileName: "t.attn", keepGoing: false)
            }
        }
        #expect(succeeded, "\(sink.errors)")
        #expect(sink.errors.isEmpty)
        // Stopped after the second evaluation (every 10 steps), long before step 500.
        #expect(reports == 2)
        #expect(session.state.currentLayer != nil)
        #expect(!flag.isRequested, "the stop consumed the request")
    }
}
