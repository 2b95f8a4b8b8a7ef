import Testing
@testable import AttnCore

@Test func shapeAndStrides() throws {
    let t = try Tensor(shape: [2, 3, 4], repeating: 0)
    #expect(t.count == 24)
    #expect(t.strides == [12, 4, 1])
}

@Test func rankAboveFourIsRejected() {
    #expect(throws: TensorError.self) { try Tensor(shape: [1, 1, 1, 1, 1], repeating: 0) }
}

@Test func memoryLimitNamesTheSize() throws {
    try MemoryLimit.$scoped.withValue(1024) {
    do {
        _ = try Tensor(shape: [1000], repeating: 0)
        Issue.record("expected the limit to reject 4000 bytes")
    } catch let error as TensorError {
        #expect(error.message.contains("3.9 KiB"))
    }
    }
}
