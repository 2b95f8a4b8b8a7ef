import AttnCore
import Foundation
import Testing
@testable import AttnTerminal

/// The example tensors behind the goldens agree with numpy (Fixtures/make_fixtures.py).
@Suite struct ExampleFixtureTests {
    static func fixture(_ name: String) throws -> Tensor {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/\(name).npy")
        return try NPYFormat.read(path: url.path)
    }

    static func expectClose(_ actual: Tensor, _ expected: Tensor, tolerance: Float = 1e-5) {
        #expect(actual.shape == expected.shape)
        guard actual.shape == expected.shape else { return }
        let worst = zip(actual.scalars, expected.scalars).map { abs($0 - $1) }.max() ?? 0
        #expect(worst <= tolerance, "largest difference \(worst)")
    }

    @Test func twoHeadWeightsMatchNumpy() throws {
        Self.expectClose(Examples.twoHeadWeights(), try Self.fixture("two_head_weights"))
    }

    @Test func eightHeadWeightsMatchNumpy() throws {
        Self.expectClose(Examples.eightHeadWeights(), try Self.fixture("eight_head_weights"))
    }

    @Test func headOutputsMatchNumpy() throws {
        Self.expectClose(Examples.headOutputs(heads: 2, tokens: 5, headDim: 4), try Self.fixture("head_outputs"))
    }
}
