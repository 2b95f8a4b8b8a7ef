import Testing
@testable import AttnCore

struct ReduceTests {
    static let dims: [Int?] = [nil, 0, 1, 2, -1, -3]

    @Test(arguments: ReduceOp.allCases, dims)
    func reductionMatchesNumpy(_ op: ReduceOp, _ dim: Int?) throws {
        let x = try Fixture.tensor("red_x")   // [2, 3, 4]
        let name = dim.map { "red_\(op.rawValue)_dim\(($0 + 3) % 3)" } ?? "red_\(op.rawValue)_all"
        let expected = try Fixture.tensor(name)
        let actual = try x.reduce(op, dim: dim)
        #expect(actual.isClose(to: expected, rtol: 1e-5, atol: 1e-6))
        if let dim {
            var kept = x.shape
            kept[(dim + 3) % 3] = 1
            let keptResult = try x.reduce(op, dim: dim, keepDims: true)
            #expect(keptResult.shape == kept)
            #expect(keptResult.scalars == actual.scalars)
        } else {
            #expect(actual.shape == [])
            #expect(try x.reduce(op, keepDims: true).shape == [1, 1, 1])
        }
    }

    @Test func argmaxTakesTheFirstOnTies() throws {
        let x = try Tensor(shape: [2, 3], scalars: [1, 5, 5, 2, 2, 0])
        #expect(try x.reduce(.argmax, dim: 1).scalars == [1, 0])
        #expect(try x.reduce(.argmin, dim: 1).scalars == [0, 2])
        #expect(try x.reduce(.argmax).scalars == [1])
    }

    @Test func nanPropagatesLikeNumpy() throws {
        let x = Tensor([1, .nan, 3])
        for op in [ReduceOp.sum, .mean, .max, .min] {
            #expect(try x.reduce(op).scalars[0].isNaN, "\(op)")
        }
        #expect(try x.reduce(.argmax).scalars == [1])
        #expect(try x.reduce(.argmin).scalars == [1])
    }

    @Test(arguments: [ReduceOp.max, .min, .argmax, .argmin])
    func emptyAxisIsAnError(_ op: ReduceOp) throws {
        let x = try Tensor.zeros([2, 0])
        #expect(throws: TensorError("\(op.rawValue) of an empty axis: axis 1 of shape [2, 0] has no elements")) {
            try x.reduce(op, dim: 1)
        }
        #expect(throws: TensorError.self) { try x.reduce(op) }
        // Reducing the other axis has no empty lanes: [0] result, no error.
        #expect(try x.reduce(op, dim: 0).shape == [0])
    }

    @Test func emptySumIsZeroAndOutOfRangeDimIsAnError() throws {
        let x = try Tensor.zeros([2, 0])
        #expect(try x.reduce(.sum, dim: 1).scalars == [0, 0])
        // The mean of an empty axis is an error naming it, no longer a silent NaN.
        #expect(throws: TensorError("mean of an empty axis: a tensor of shape [2, 0] has no elements")) { try x.reduce(.mean) }
        #expect(throws: TensorError("dim 2 is out of range for a tensor of rank 2")) { try x.reduce(.sum, dim: 2) }
        #expect(throws: TensorError("dim -3 is out of range for a tensor of rank 2")) { try x.reduce(.sum, dim: -3) }
    }

    @Test func softmaxMatchesNumpyWithMaskedRows() throws {
        let x = try Fixture.tensor("softmax_x")   // row 2 all -inf, row 3 has 80
        let p = try Tensor.softmax(x)
        #expect(p.isClose(to: try Fixture.tensor("softmax_out"), rtol: 1e-5, atol: 1e-7))
        #expect(!p.scalars.contains { $0.isNaN })
        #expect(try p.indexed([.at(2)]).scalars == [0, 0, 0, 0, 0])
        #expect(try p.indexed([.at(1), .at(2)]).scalars == [0])
        #expect(try Tensor.softmax(x, dim: 1) == p)
    }

    @Test(arguments: [0, 1])
    func softmaxAlongOtherAxes(_ dim: Int) throws {
        let x = try Fixture.tensor("softmax3_x")
        let p = try Tensor.softmax(x, dim: dim)
        #expect(p.isClose(to: try Fixture.tensor("softmax3_dim\(dim)"), rtol: 1e-5, atol: 1e-7))
        let sums = try p.reduce(.sum, dim: dim)
        #expect(sums.isClose(to: try Tensor.ones(sums.shape), rtol: 1e-5, atol: 1e-6))
    }

    @Test func softmaxKeepsNaNAndRejectsScalars() throws {
        let p = try Tensor.softmax(Tensor([1, .nan]))
        #expect(p.scalars.allSatisfy { $0.isNaN })
        #expect(throws: TensorError.self) { try Tensor.softmax(Tensor(1)) }
        #expect(throws: TensorError("dim 3 is out of range for a tensor of rank 2")) {
            try Tensor.softmax(Tensor.zeros([2, 2]), dim: 3)
        }
    }

    @Test func entropyMatchesNumpyWithZeroWeights() throws {
        let p = try Fixture.tensor("entropy_p")   // [2, 3, 5], some zeros, one one-hot row
        let last = try Tensor.entropy(p)
        #expect(last.shape == [2, 3])
        #expect(last.isClose(to: try Fixture.tensor("entropy_last"), rtol: 1e-5, atol: 1e-6))
        #expect(last.scalars[5] == 0)
        let middle = try Tensor.entropy(p, dim: 1)
        #expect(middle.isClose(to: try Fixture.tensor("entropy_dim1"), rtol: 1e-5, atol: 1e-6))
        // Uniform over 4: ln 4.
        let uniform = try Tensor.entropy(Tensor.full(0.25, [4]))
        #expect(abs(uniform.scalars[0] - 1.3862944) < 1e-6)
    }
}
