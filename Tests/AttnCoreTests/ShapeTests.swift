import Testing
@testable import AttnCore

struct ShapeTests {
    static func t4() throws -> Tensor { try Tensor.arange(24).reshaped([2, 3, 4]) }
    static func c1() throws -> Tensor { try Tensor.arange(6).reshaped([2, 3]) }

    @Test func transposeMatchesNumpy() throws {
        let x = try Self.t4()
        #expect(try x.transposed(0, 2) == Fixture.tensor("transpose_0_2"))
        #expect(try x.transposed(-1, -2) == Fixture.tensor("transpose_last"))
        #expect(try x.transposedLast == Fixture.tensor("transpose_last"))
        #expect(try x.transposed(1, 1) == x)
        #expect(Tensor([1, 2, 3]).transposedLast == Tensor([1, 2, 3]))
        #expect(Tensor(7).transposedLast == Tensor(7))
        #expect(throws: TensorError("dim 3 is out of range for a tensor of rank 3")) { try x.transposed(0, 3) }
    }

    @Test func permutedReordersAxes() throws {
        let x = try Self.t4()
        #expect(try x.permuted([2, 1, 0]) == Fixture.tensor("transpose_0_2"))
        #expect(try x.permuted([0, -1, 1]) == Fixture.tensor("transpose_last"))
        #expect(try x.permuted([0, 1, 2]) == x)
        #expect(throws: TensorError("axes [0, 0, 1] are not a permutation of the 3 axes of shape [2, 3, 4]")) {
            try x.permuted([0, 0, 1])
        }
        #expect(throws: TensorError.self) { try x.permuted([0, 1]) }
    }

    @Test func reshapeWithOneUnknownExtent() throws {
        let x = try Self.t4()
        #expect(try x.reshaped([4, -1]) == Fixture.tensor("reshape_4_neg1"))
        #expect(try x.reshaped([24]).shape == [24])
        #expect(try Tensor.zeros([0, 3]).reshaped([-1, 3]).shape == [0, 3])
        #expect(throws: TensorError("reshape to [-1, -1]: only one extent may be -1")) { try x.reshaped([-1, -1]) }
        #expect(throws: TensorError("cannot reshape [2, 3, 4] (24 values) to [5, -1]")) { try x.reshaped([5, -1]) }
        #expect(throws: TensorError("cannot reshape [2, 3, 4] (24 values) to [5, 5] (25 values)")) { try x.reshaped([5, 5]) }
        #expect(throws: TensorError.self) { try x.reshaped([0, -1]) }
    }

    @Test func concatMatchesNumpy() throws {
        let a = try Self.c1()
        let b = try Tensor.binary(.add, Tensor(100), Tensor.arange(4).reshaped([2, 2]))
        #expect(try Tensor.concat([a, b], dim: 1) == Fixture.tensor("concat_dim1"))
        #expect(try Tensor.concat([a, b], dim: -1) == Fixture.tensor("concat_dim1"))
        #expect(try Tensor.concat([a, a.map(.neg)], dim: 0) == Fixture.tensor("concat_dim0"))
        #expect(try Tensor.concat([a], dim: 0) == a)
    }

    @Test func concatErrors() throws {
        let a = try Self.c1()
        #expect(throws: TensorError("shape mismatch in concat along dim 0: [2, 3] and [2, 2]")) {
            try Tensor.concat([a, Tensor.zeros([2, 2])], dim: 0)
        }
        #expect(throws: TensorError("concat needs tensors of the same rank: [2, 3] and [3]")) {
            try Tensor.concat([a, Tensor.zeros([3])], dim: 0)
        }
        #expect(throws: TensorError("concat needs at least one tensor")) { try Tensor.concat([], dim: 0) }
        #expect(throws: TensorError("dim 2 is out of range for a tensor of rank 2")) { try Tensor.concat([a, a], dim: 2) }
    }

    @Test(arguments: [(0, "stack_dim0"), (1, "stack_dim1"), (-1, "stack_dim_last"), (2, "stack_dim_last")])
    func stackMatchesNumpy(_ dim: Int, _ fixture: String) throws {
        let a = try Self.c1()
        let b = try Tensor.binary(.add, a, Tensor(10))
        #expect(try Tensor.stack([a, b], dim: dim) == Fixture.tensor(fixture))
    }

    @Test func stackErrors() throws {
        let a = try Self.c1()
        #expect(throws: TensorError("shape mismatch in stack: [2, 3] and [3, 2]")) {
            try Tensor.stack([a, a.transposedLast], dim: 0)
        }
        #expect(throws: TensorError("stack of rank-4 tensors would exceed the maximum rank of 4")) {
            try Tensor.stack([Tensor.zeros([1, 1, 1, 1])], dim: 0)
        }
        #expect(try Tensor.stack([Tensor(1), Tensor(2)], dim: 0) == Tensor([1, 2]))
    }
}
