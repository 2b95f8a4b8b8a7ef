import Testing
@testable import AttnCore

struct MatMulTests {
    static let cases: [(name: String, shape: [Int])] = [
        ("mm_2d", [3, 5]),
        ("mm_batch_broadcast", [2, 3, 3, 2]),
        ("mm_batch_shared_b", [2, 3, 5]),
        ("mm_shared_a", [2, 3, 5]),
        ("mm_1d_2d", [5]),
        ("mm_2d_1d", [3]),
        ("mm_1d_1d", []),
        ("mm_1d_batch", [2, 3]),
        ("mm_batch_1d", [2, 3]),
        ("mm_zero_inner", [3, 2]),
        ("mm_larger", [2, 33, 29]),
        ("mm_rank4", [2, 3, 5, 4]),
    ]

    /// BLAS path == reference path == numpy (float64 product rounded to float32).
    @Test(arguments: cases)
    func matchesNumpy(_ name: String, _ shape: [Int]) throws {
        let a = try Fixture.tensor(name + "_a")
        let b = try Fixture.tensor(name + "_b")
        let expected = try Fixture.tensor(name + "_out")
        let fast = try Tensor.matmul(a, b)
        let reference = try Tensor.matmulReference(a, b)
        #expect(fast.shape == shape)
        #expect(reference.shape == shape)
        #expect(fast.isClose(to: expected, rtol: 1e-4, atol: 1e-5))
        #expect(reference.isClose(to: expected, rtol: 1e-4, atol: 1e-5))
        #expect(fast.isClose(to: reference, rtol: 1e-5, atol: 1e-5))
    }

    @Test func zeroSizedBatchAndRowsGiveEmptyResults() throws {
        let a = try Tensor.zeros([0, 3, 4])
        let b = try Tensor.ones([4, 2])
        #expect(try Tensor.matmul(a, b).shape == [0, 3, 2])
        #expect(try Tensor.matmul(Tensor.zeros([0, 4]), b).shape == [0, 2])
        #expect(try Tensor.matmul(b.transposedLast, Tensor.zeros([4, 0])).shape == [2, 0])
    }

    @Test(arguments: [
        ([2, 3], [4, 5], "shape mismatch in `@`: [2, 3] and [4, 5] (inner dimensions 3 and 4 differ)"),
        ([3], [4], "shape mismatch in `@`: [3] and [4] (inner dimensions 3 and 4 differ)"),
        ([2, 3, 4], [3, 4, 5], "shape mismatch in `@` (batch axes): [2] and [3]"),
        ([], [3], "`@` needs operands of rank 1 or more, got shapes [] and [3]"),
    ])
    func mismatchesNameBothShapes(_ a: [Int], _ b: [Int], _ message: String) throws {
        let x = try Tensor.ones(a), y = try Tensor.ones(b)
        #expect(throws: TensorError(message)) { try Tensor.matmul(x, y) }
        #expect(throws: TensorError(message)) { try Tensor.matmulReference(x, y) }
    }

    @Test func matmulChecksTheMemoryLimit() throws {
        let a = try Tensor.ones([600, 1])
        let b = try Tensor.ones([1, 600])
        MemoryLimit.$scoped.withValue(1 << 20) {
            #expect(throws: TensorError.self) { try Tensor.matmul(a, b) }
        }
    }

    @Test func blasWrapperHandlesTransposesAndZeroInner() {
        // A [2, 3] stored transposed as [3, 2]; B [3, 2]; C = 2·Aᵀᵀ·B + 1·C.
        let aStored: [Float] = [1, 4, 2, 5, 3, 6]        // Aᵀ, so A = [[1, 2, 3], [4, 5, 6]]
        let b: [Float] = [1, 0, 0, 1, 1, 1]
        var c: [Float] = [1, 1, 1, 1]
        c.withUnsafeMutableBufferPointer { cp in
            BLAS.sgemm(m: 2, n: 2, k: 3, a: aStored, lda: 2, transA: true,
                       b: b, ldb: 2, c: cp.baseAddress!, ldc: 2, alpha: 2, beta: 1)
        }
        // A·B = [[4, 5], [10, 11]]
        #expect(c == [9, 11, 21, 23])
        var d: [Float] = [3, 3]
        d.withUnsafeMutableBufferPointer { dp in
            BLAS.sgemm(m: 1, n: 2, k: 0, a: aStored, lda: 0, b: b, ldb: 2, c: dp.baseAddress!, ldc: 2, beta: 0.5)
        }
        #expect(d == [1.5, 1.5])
    }
}
