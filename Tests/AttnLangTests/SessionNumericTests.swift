import AttnCore
import AttnTestSupport
import Foundation
import Testing
@testable import AttnLang

/// Expressions evaluated by the language against numpy results stored as
/// .npy fixtures (made by Fixtures/make_fixtures.py), loaded with `load`.
struct NumericCase: Sendable, CustomTestStringConvertible {
    let expression: String
    let fixture: String
    var testDescription: String { expression }
}

private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

@Test(arguments: [
    NumericCase(expression: "softmax(s)", fixture: "softmax_last"),
    NumericCase(expression: "softmax(f, dim=1)", fixture: "softmax_dim1"),
    NumericCase(expression: "f @ f.T", fixture: "matmul_T"),
    NumericCase(expression: "gelu(f)", fixture: "gelu"),
    NumericCase(expression: "tanh(f) * exp(f / 4)", fixture: "tanh_exp"),
    NumericCase(expression: "norm(f, dim=2)", fixture: "norm_dim2"),
    NumericCase(expression: "mean(f, dim=1, keepdim=true)", fixture: "mean_keep"),
    NumericCase(expression: "f[:, :, 1:3] / sqrt(2) - 0.5", fixture: "scaled"),
])
func matchesNumpy(_ numeric: NumericCase) throws {
    let transcript = Transcript()
    let session = transcript.session()
    let scores = fixtures.appendingPathComponent("scores.npy").path
    let ok = session.runScript("""
        load s "\(scores)"
        f = where(s == -inf, 0, s)
        result = \(numeric.expression)
        """, fileName: "numeric.attn", keepGoing: false)
    #expect(ok, "\(transcript.errors)")
    let expected = try NPYFormat.read(path: fixtures.appendingPathComponent(numeric.fixture + ".npy").path)
    let actual = try #require(session.state.workspace["result"])
    #expect(actual.shape == expected.shape)
    #expect(actual.isClose(to: expected, rtol: 1e-5, atol: 1e-6), "\(actual.scalars) vs \(expected.scalars)")
}
