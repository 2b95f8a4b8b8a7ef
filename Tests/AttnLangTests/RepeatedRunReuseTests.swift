import AttnCore
import Dispatch
import Testing
@testable import AttnLang

/// A repeated `run` writes into the buffers of the trace it replaces (the
/// pool's), and still gives the same bits as a run in a fresh session, even
/// after a cancelled run left a pooled buffer part-written.
@Suite(.serialized) struct RepeatedRunReuseTests {
    /// Collects what a session prints.
    final class Sink: @unchecked Sendable {
        var errors: [String] = []
    }

    /// A layer whose P [2, 1024, 1024] is large enough to be pooled.
    static let setup = "mha d_model=8 heads=2 seed=3\nX = randn(1024, 8, seed=1)\nY = randn(1024, 8, seed=2)\nmask causal"

    static func session(_ sink: Sink) -> Session {
        let session = Session(output: { _ in }, errors: { sink.errors.append($0) })
        session.appliesLimitProcessWide = false
        return session
    }

    /// The stages a run keeps, by name.
    static func trace(_ session: Session) -> [String: Tensor] {
        var result: [String: Tensor] = [:]
        for name in ["attn.P", "attn.Z", "attn.concat", "attn.out", "attn.Q"] {
            result[name] = session.state.workspace[name]
        }
        return result
    }

    @Test func aRunAfterACancelledOneGivesAFreshRunsBits() throws {
        let sink = Sink()
        let fresh = RepeatedRunReuseTests.session(sink)
        #expect(fresh.runScript(RepeatedRunReuseTests.setup + "\nrun X", fileName: "t.attn", keepGoing: false), "\(sink.errors)")
        let expected = RepeatedRunReuseTests.trace(fresh)
        #expect(expected.count == 5)

        let session = RepeatedRunReuseTests.session(sink)
        let lent = BufferPool.lentCount
        #expect(session.runScript(RepeatedRunReuseTests.setup + "\nrun X\nrun Y\nrun X", fileName: "t.attn", keepGoing: false),
                "\(sink.errors)")
        #expect(RepeatedRunReuseTests.trace(session) == expected, "a repeated run reuses buffers and keeps the bits")
        #expect(BufferPool.lentCount > lent, "the third run writes into the first run's P")

        // Cancel `run Y` part-way (a few tries: the request must land while it runs). The
        // delays spread over the time one `run Y` takes here and now, so a fast machine and a
        // loaded one both see the request land inside the run.
        let start = DispatchTime.now().uptimeNanoseconds
        #expect(session.runLine("run Y", lineNumber: 7), "\(sink.errors)")
        let duration = max(200_000, DispatchTime.now().uptimeNanoseconds - start)
        #expect(session.runLine("run X", lineNumber: 8), "\(sink.errors)")
        var cancelled = false
        for attempt in 0..<40 where !cancelled {
            let before = RepeatedRunReuseTests.trace(session)
            let flag = Cancellation()
            let delay = Int(duration) * (attempt % 20 + 1) / 24
            DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(delay)) { flag.request() }
            let succeeded = Cancellation.$current.withValue(flag) { session.runLine("run Y", lineNumber: 9) }
            if succeeded {
                // It finished first: back to X's trace and try again.
                #expect(session.runLine("run X", lineNumber: 10), "\(sink.errors)")
            } else {
                cancelled = true
                #expect(sink.errors.last?.contains(TensorError.cancelledMessage) == true, "\(sink.errors)")
                #expect(RepeatedRunReuseTests.trace(session) == before, "a cancelled run leaves the trace as it was")
            }
        }
        #expect(cancelled, "no cancellation landed during `run Y`")
        #expect(session.runLine("run X", lineNumber: 11), "\(sink.errors)")
        #expect(RepeatedRunReuseTests.trace(session) == expected, "the run after a cancelled one has a fresh run's bits")
    }

    /// Where the workspace's P keeps its floats (the tensor read for it is let go at once).
    static func addressOfP(_ session: Session) -> Int? {
        session.state.workspace["attn.P"].map { $0.scalars.withUnsafeBufferPointer { Int(bitPattern: $0.baseAddress) } }
    }

    @Test func aRepeatedRunWritesIntoThePItReplaces() throws {
        // Nothing else may hold the old P while the next run computes (NAME.norms once did,
        // through the statement's undo copy: every run then took a second P's memory).
        let sink = Sink()
        let session = RepeatedRunReuseTests.session(sink)
        #expect(session.runScript(RepeatedRunReuseTests.setup + "\nrun X", fileName: "t.attn", keepGoing: false), "\(sink.errors)")
        let first = try #require(RepeatedRunReuseTests.addressOfP(session))
        for line in 0..<3 {
            #expect(session.runLine("run X", lineNumber: 10 + line), "\(sink.errors)")
            #expect(RepeatedRunReuseTests.addressOfP(session) == first, "run \(line + 2) wrote into the first run's P")
        }
        #expect(session.runLine("s = sum(attn.norms)", lineNumber: 20), "norms still derive after the runs: \(sink.errors)")
    }

    @Test func thePoolLendsABufferOnlyWhenNothingElseHoldsIt() throws {
        let count = BufferPool.smallest + 17
        var held: [Float] = [Float](repeating: 1, count: count)
        BufferPool.keep(held)
        #expect(BufferPool.take(count: count) == nil, "still held by `held`")
        held[0] = 2  // a write copies: the pool's buffer keeps its values
        held = []
        guard var lent = BufferPool.take(count: count) else {
            Issue.record("the pool kept no buffer of \(count) floats")
            return
        }
        #expect(lent.count == count && lent[0] == 1 && lent[count - 1] == 1)
        lent[0] = 3
        #expect(BufferPool.take(count: count) == nil, "a lent buffer is not lent twice")
    }
}
