import AttnCore
import Testing

/// A pending cancellation request makes long work throw `TensorError.cancelled`;
/// without one the same work succeeds. Each test scopes a flag of its own.
@Suite struct CancellationTests {
    static func cancelled<T>(_ work: () throws -> T) -> Bool {
        let flag = Cancellation()
        flag.request()
        return Cancellation.$current.withValue(flag) {
            do {
                _ = try work()
                return false
            } catch let error as TensorError {
                return error == .cancelled
            } catch {
                return false
            }
        }
    }

    @Test func fastPathStopsAndEngineStagesStop() throws {
        let layer = try AttentionFastPathTests.Case(AttentionFastPathTests.settings[0])
        #expect(Self.cancelled { try AttentionFastPath.forward(config: layer.config, read: layer.read, input: layer.input, kv: layer.kv) })
        #expect(Self.cancelled { try AttentionEngine.run(config: layer.config, read: layer.read, input: layer.input, kv: layer.kv) })
        // Not requested: the same work runs.
        #expect(!Self.cancelled { () -> Int in
            Cancellation.current.reset()
            return try AttentionFastPath.forward(config: layer.config, read: layer.read, input: layer.input, kv: layer.kv).stages.count
        })
    }

    @Test func matmulAndElementwiseStop() throws {
        let a = try Tensor(shape: [4, 3], repeating: 1)
        let b = try Tensor(shape: [3, 2], repeating: 2)
        #expect(Self.cancelled { try Tensor.matmul(a, b) })
        #expect(Self.cancelled { try Tensor.binary(.add, a, a) })
        #expect(try Tensor.matmul(a, b).scalars == Array(repeating: 6, count: 8))
    }

    @Test func consumeClearsTheRequest() {
        let flag = Cancellation()
        #expect(!flag.consume())
        flag.request()
        #expect(flag.isRequested)
        #expect(flag.consume())
        #expect(!flag.isRequested)
    }
}
