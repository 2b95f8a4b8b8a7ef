import Testing
@testable import AttnCore

struct CreateTests {
    @Test func constantTensors() throws {
        #expect(try Tensor.zeros([2, 3]).scalars == [Float](repeating: 0, count: 6))
        #expect(try Tensor.ones([2]).scalars == [1, 1])
        #expect(try Tensor.full(-2.5, [1, 2]).scalars == [-2.5, -2.5])
        #expect(try Tensor.zeros([]).shape == [])
        #expect(try Tensor.eye(3).scalars == [1, 0, 0, 0, 1, 0, 0, 0, 1])
        #expect(try Tensor.causal(3).scalars == [1, 0, 0, 1, 1, 0, 1, 1, 1])
        #expect(try Tensor.causal(0).shape == [0, 0])
    }

    @Test(arguments: [
        ([-1], "negative extent -1 in shape [-1]"),
        ([2, -3], "negative extent -3 in shape [2, -3]"),
        ([1, 1, 1, 1, 1], "rank 5 is above the maximum of 4 (shape [1, 1, 1, 1, 1])"),
        ([Int.max, 2], "shape [\(Int.max), 2] has too many elements"),
    ])
    func badShapesAreErrors(_ shape: [Int], _ message: String) {
        #expect(throws: TensorError(message)) { try Tensor.zeros(shape) }
    }

    @Test func creationChecksTheMemoryLimit() {
        MemoryLimit.$scoped.withValue(1024) {
            #expect(throws: TensorError.self) { try Tensor.ones([1000]) }
            #expect(throws: TensorError.self) { try Tensor.eye(100) }
            #expect(throws: TensorError.self) { try Tensor.arange(start: 0, stop: 1e9, step: 1) }
            #expect(throws: TensorError.self) { try Tensor.causal(1 << 40) }
            var rng = RandomSource(seed: 0)
            #expect(throws: TensorError.self) { try Tensor.randn([1 << 20], using: &rng) }
        }
    }

    @Test func arangeLikeNumpy() throws {
        #expect(try Tensor.arange(4).scalars == [0, 1, 2, 3])
        #expect(try Tensor.arange(-2).shape == [0])
        #expect(try Tensor.arange(start: 1, stop: 2, step: 0.25).scalars == [1, 1.25, 1.5, 1.75])
        #expect(try Tensor.arange(start: 3, stop: 0, step: -1).scalars == [3, 2, 1])
        #expect(try Tensor.arange(start: 0, stop: 1, step: -1).shape == [0])
        #expect(throws: TensorError("arange step cannot be zero")) { try Tensor.arange(start: 0, stop: 1, step: 0) }
        #expect(throws: TensorError.self) { try Tensor.arange(start: 0, stop: .infinity, step: 1) }
        #expect(throws: TensorError.self) { try Tensor.arange(start: .nan, stop: 1, step: 1) }
    }

    @Test func linspaceIsInclusive() throws {
        #expect(try Tensor.linspace(0, 1, 5).scalars == [0, 0.25, 0.5, 0.75, 1])
        #expect(try Tensor.linspace(2, -2, 3).scalars == [2, 0, -2])
        #expect(try Tensor.linspace(3, 9, 1).scalars == [3])
        #expect(try Tensor.linspace(3, 9, 0).shape == [0])
        #expect(try Tensor.linspace(0.1, 0.7, 7).scalars.last == 0.7)
        #expect(throws: TensorError("linspace needs a number of values of 0 or more, got -1")) { try Tensor.linspace(0, 1, -1) }
    }

    @Test(arguments: [(7, 6), (5, 5), (50, 16)])
    func sinusoidalMatchesNumpy(_ t: Int, _ d: Int) throws {
        let table = try Tensor.sinusoidal(t, d)
        #expect(table.shape == [t, d])
        #expect(table.isClose(to: try Fixture.tensor("sinusoidal_\(t)_\(d)"), rtol: 1e-6, atol: 1e-7))
    }

    @Test func isCloseChecksShapeToleranceNaNAndInfinity() throws {
        let a = Tensor([1, .nan, .infinity])
        #expect(a.isClose(to: Tensor([1, .nan, .infinity])))
        #expect(!a.isClose(to: Tensor([1, 0, .infinity])))
        #expect(!a.isClose(to: Tensor([1, .nan, -.infinity])))
        #expect(!a.isClose(to: try Tensor(shape: [1, 3], scalars: [1, .nan, .infinity])))
        #expect(Tensor([100]).isClose(to: Tensor([100.0005]), rtol: 1e-5, atol: 0))
        #expect(!Tensor([100]).isClose(to: Tensor([100.01]), rtol: 1e-5, atol: 0))
        #expect(Tensor([0]).isClose(to: Tensor([1e-7])))
    }
}
