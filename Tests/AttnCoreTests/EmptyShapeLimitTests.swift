import Testing
@testable import AttnCore

// An empty tensor stores nothing, but the loops and index lists that walk it
// still visit its non-zero axes. Before the limit bounded that walk these
// statements hung (2^40 loop turns) or asked for terabytes of offsets.

private let limit = 1 << 20  // 262144 values

private func expectLimitError(_ what: String, _ body: () throws -> Tensor) {
    MemoryLimit.$scoped.withValue(limit) {
        do {
            let result = try body()
            Issue.record("\(what) gave shape \(Tensor.describe(result.shape)) instead of a memory limit error")
        } catch let error as TensorError {
            #expect(error.message.contains("memory limit exceeded"), "\(what): \(error.message)")
            #expect(error.message.contains("1.0 MiB"), "\(what): \(error.message)")
        } catch {
            Issue.record("\(what): unexpected error \(error)")
        }
    }
}

@Test func emptyShapesBeyondTheLimitAreRefusedWhereverTheyAreMade() throws {
    let big = 1 << 40
    expectLimitError("zeros") { try Tensor.zeros([big, 0]) }
    expectLimitError("init(shape:scalars:)") { try Tensor(shape: [0, big], scalars: []) }
    expectLimitError("reshape") { try Tensor.zeros([0]).reshaped([1 << 20, 1 << 20, 0]) }
    var header = "{'descr': '<f4', 'fortran_order': True, 'shape': (\(big), 0), }"
    while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
    let file = NPYFormat.magic + [1, 0, UInt8(header.utf8.count + 1), 0] + Array(header.utf8) + [0x0a]
    expectLimitError("npy") { try NPYFormat.decode(file) }
}

@Test func broadcastingTwoEmptyTensorsCannotSpanMoreThanTheLimit() throws {
    let side = 1 << 18  // each operand spans 262144 positions: exactly the limit
    let (a, b) = try MemoryLimit.$scoped.withValue(limit) {
        (try Tensor.zeros([side, 1, 0]), try Tensor.zeros([1, side, 0]))
    }
    expectLimitError("binary") { try Tensor.binary(.add, a, b) }  // [2^18, 2^18, 0]
    expectLimitError("where") { try Tensor.select(a, a, b) }
    expectLimitError("broadcast") { try a.broadcast(to: [side, side, 0]) }
}

@Test func matmulOfEmptyBatchesCannotSpanMoreThanTheLimit() throws {
    let side = 1 << 18
    let (a, b) = try MemoryLimit.$scoped.withValue(limit) {
        (try Tensor.zeros([side, 1, 0, 1]), try Tensor.zeros([1, side, 1, 1]))
    }
    // The batch axes broadcast to [2^18, 2^18]: 2^36 matrix offsets before the fix.
    expectLimitError("matmul") { try Tensor.matmul(a, b) }
}

@Test func emptyShapesWithinTheLimitStillWork() throws {
    try MemoryLimit.$scoped.withValue(limit) {
        let a = try Tensor.zeros([1000, 0])
        let b = try Tensor.zeros([1, 0])
        #expect(try Tensor.binary(.add, a, b).shape == [1000, 0])
        #expect(try Tensor.matmul(try Tensor.zeros([1000, 0]), try Tensor.zeros([0, 200])).shape == [1000, 200])
        #expect(try a.reshaped([0, 1000]).shape == [0, 1000])
        #expect(try a.indexed([.slice(start: nil, stop: nil, step: 2)]).shape == [500, 0])
    }
}
