import Testing
@testable import AttnCore

struct ElementwiseTests {
    @Test(arguments: BinaryOp.allCases)
    func binaryOpBroadcastsLikeNumpy(_ op: BinaryOp) throws {
        let a = try Fixture.tensor("bin_a")   // [2, 1, 3]
        let b = try Fixture.tensor("bin_b")   // [4, 1], b[0, 0] = 0
        let expected = try Fixture.tensor("bin_\(op.rawValue)")
        let actual = try Tensor.binary(op, a, b)
        #expect(actual.shape == [2, 4, 3])
        #expect(actual.isClose(to: expected, rtol: 1e-5, atol: 1e-6))
    }

    @Test func divisionByZeroAndPowerFollowIEEE() throws {
        let x = Tensor([1, -1, 0, -8])
        let quotient = try Tensor.binary(.div, x, Tensor(0))
        #expect(quotient.scalars[0] == .infinity)
        #expect(quotient.scalars[1] == -.infinity)
        #expect(quotient.scalars[2].isNaN)
        let root = try Tensor.binary(.pow, x, Tensor(0.5))
        #expect(root.scalars[3].isNaN)
        #expect(try Tensor.binary(.pow, Tensor(2), Tensor([3, -1])).scalars == [8, 0.5])
    }

    @Test func comparisonsGiveOneOrZeroAndNaNComparesUnequal() throws {
        let x = Tensor([1, 2, .nan])
        let y = Tensor([2, 2, .nan])
        #expect(try Tensor.binary(.lt, x, y).scalars == [1, 0, 0])
        #expect(try Tensor.binary(.le, x, y).scalars == [1, 1, 0])
        #expect(try Tensor.binary(.eq, x, y).scalars == [0, 1, 0])
        #expect(try Tensor.binary(.ne, x, y).scalars == [1, 0, 1])
    }

    @Test(arguments: [
        ([2, 3], [4], "shape mismatch in `+`: [2, 3] and [4]"),
        ([2, 1, 3], [2, 2, 2], "shape mismatch in `+`: [2, 1, 3] and [2, 2, 2]"),
        ([5], [0], "shape mismatch in `+`: [5] and [0]"),
    ])
    func incompatibleShapesNameOperatorAndBothShapes(_ a: [Int], _ b: [Int], _ message: String) throws {
        let x = try Tensor.zeros(a), y = try Tensor.zeros(b)
        #expect(throws: TensorError(message)) { try Tensor.binary(.add, x, y) }
    }

    @Test(arguments: [
        ([3], [2, 1], [2, 3]),
        ([], [2, 2], [2, 2]),
        ([1, 4], [3, 1], [3, 4]),
        ([2, 1, 1, 5], [3, 1, 5], [2, 3, 1, 5]),
        ([0, 1], [1, 3], [0, 3]),
    ])
    func broadcastShapes(_ a: [Int], _ b: [Int], _ expected: [Int]) throws {
        #expect(try Tensor.broadcastShape(a, b, operation: "test") == expected)
        #expect(try Tensor.broadcastShape(b, a, operation: "test") == expected)
    }

    @Test func broadcastToMaterialisesAndRejectsShrinking() throws {
        let column = try Tensor(shape: [2, 1], scalars: [1, 2])
        #expect(try column.broadcast(to: [2, 3]).scalars == [1, 1, 1, 2, 2, 2])
        #expect(try column.broadcast(to: [2, 2, 1]).scalars == [1, 2, 1, 2])
        #expect(throws: TensorError("cannot broadcast [2, 1] to [3]")) { try column.broadcast(to: [3]) }
        #expect(throws: TensorError("cannot broadcast [2, 1] to [3, 3]")) { try column.broadcast(to: [3, 3]) }
    }

    @Test func binaryChecksTheMemoryLimit() throws {
        let a = try Tensor.zeros([1000, 1])
        let b = try Tensor.zeros([1, 1000])
        MemoryLimit.$scoped.withValue(1 << 20) {
            #expect(throws: TensorError.self) { try Tensor.binary(.add, a, b) }
        }
    }

    @Test(arguments: UnaryOp.allCases)
    func unaryOpMatchesNumpy(_ op: UnaryOp) throws {
        let x = try Fixture.tensor("unary_x")
        let expected = try Fixture.tensor("unary_\(op.rawValue)")
        #expect(x.map(op).isClose(to: expected, rtol: 1e-6, atol: 1e-6))
    }

    @Test func reluKeepsNaNAndGeluIsTheErfForm() {
        #expect(Tensor([.nan]).map(.relu).scalars[0].isNaN)
        // gelu(1) = 0.5 (1 + erf(1/√2)) = 0.841344746..., the tanh form gives 0.841192.
        #expect(abs(Tensor(1).map(.gelu).scalars[0] - 0.8413447) < 1e-6)
    }

    @Test func whereBroadcastsAllThree() throws {
        let condition = try Tensor(shape: [1, 3], scalars: [1, 0, 1])
        let a = try Tensor(shape: [2, 3], scalars: [0, 1, 2, 3, 4, 5])
        let b = try Tensor(shape: [2, 1], scalars: [-1, -2])
        #expect(try Tensor.select(condition, a, b) == Fixture.tensor("where_out"))
        #expect(try Tensor.select(Tensor(.nan), Tensor(1), Tensor(2)).scalars == [1])
        #expect(throws: TensorError("shape mismatch in `where`: condition [2], values [3] and []")) {
            try Tensor.select(Tensor([1, 0]), Tensor([1, 2, 3]), Tensor(0))
        }
        #expect(throws: TensorError("shape mismatch in `where`: condition [2, 1], values [3] and [2, 2]")) {
            try Tensor.select(Tensor.zeros([2, 1]), Tensor([1, 2, 3]), Tensor.zeros([2, 2]))
        }
    }
}
