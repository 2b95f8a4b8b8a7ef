import AttnCore
import AttnTestSupport
import Foundation
import Testing

/// The encoder's embedding, norms, rollout and ablations against the numpy
/// float64 references of `Fixtures/heads/make_head_fixtures.py`.
@Suite("Head interventions on the encoder", .enabled(if: InstalledModel.isAvailable, InstalledModel.missingReason))
struct HeadInterventionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/heads")

    static func reference(_ name: String) throws -> Tensor {
        try NPYFormat.read(path: folder.appendingPathComponent(name).path)
    }

    /// The fixture sentences: text and ids.
    static let sentences: [(text: String, ids: [Int])] = {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent("sentences.json")),
              let list = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]] else { return [] }
        return list.compactMap { entry in
            guard let text = entry["text"] as? String, let ids = entry["ids"] as? [Int] else { return nil }
            return (text, ids)
        }
    }()

    static func expectClose(_ actual: [Double], _ expected: Tensor, within tolerance: Double = 1e-4) {
        #expect(actual.count == expected.count)
        let worst = zip(actual, expected.scalars).map { abs($0 - Double($1)) }.max() ?? .infinity
        #expect(worst <= tolerance, "largest difference \(worst)")
        #expect(ModelTrace.cosine(actual, expected.scalars.map(Double.init)) >= 0.9999)
    }

    @Test("the three sentences tokenise as the fixture says")
    func tokens() throws {
        let model = try ModelFixture.model.get()
        #expect(HeadInterventionTests.sentences.count == 3)
        for sentence in HeadInterventionTests.sentences {
            #expect(model.tokenizer.encode(sentence.text).ids == sentence.ids)
        }
    }

    @Test("model.embedding matches numpy's mean-pooled, normalised output", arguments: 0..<3)
    func embedding(index: Int) throws {
        let encoder = try ModelFixture.model.get().encoder
        let ids = try #require(HeadInterventionTests.sentences.dropFirst(index).first).ids
        let trace = try encoder.trace(ids)
        HeadInterventionTests.expectClose(trace.embedding, try HeadInterventionTests.reference("e\(index).npy"))
    }

    @Test("norms of every layer match the formula computed in numpy", arguments: 0..<6)
    func norms(layer: Int) throws {
        let encoder = try ModelFixture.model.get().encoder
        let trace = try encoder.trace(try #require(HeadInterventionTests.sentences.first).ids)
        let norms = try AttentionNorms.norms(p: trace.attention[layer], v: trace.values[layer],
                                             wo: encoder.outputProjection(layer: layer))
        let expected = try HeadInterventionTests.reference("s0_norms\(layer).npy")
        #expect(norms.shape == expected.shape)
        let worst = zip(norms.scalars, expected.scalars).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst <= 1e-4, "largest difference \(worst)")
    }

    @Test("rollout matches numpy")
    func rollout() throws {
        let encoder = try ModelFixture.model.get().encoder
        let trace = try encoder.trace(try #require(HeadInterventionTests.sentences.first).ids)
        let rollout = try AttentionRollout.rollout(trace.attention)
        let expected = try HeadInterventionTests.reference("s0_rollout.npy")
        #expect(rollout.shape == expected.shape)
        let worst = zip(rollout.scalars, expected.scalars).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst <= 1e-4, "largest difference \(worst)")
    }

    @Test("ablating heads in the whole model equals numpy's forward with their Z replaced", arguments: [
        (0, HeadInterventions.Mode.zero, "2.5"), (0, .mean, "2.5"), (1, .zero, "0.3 4.7"), (2, .mean, "5.11 1.0"),
    ])
    func ablation(index: Int, mode: HeadInterventions.Mode, heads: String) throws {
        let encoder = try ModelFixture.model.get().encoder
        let ids = try #require(HeadInterventionTests.sentences.dropFirst(index).first).ids
        let addresses = heads.split(separator: " ").compactMap { HeadAddress(String($0)) }
        let interventions = HeadInterventions(ablated: Set(addresses), mode: mode)
        let intact = try encoder.trace(ids)
        let fresh = try encoder.trace(ids, interventions: interventions)
        let reused = try encoder.trace(ids, interventions: interventions, reusing: intact)
        let name = "s\(index)_\(mode.rawValue)_" + addresses.map(\.description).joined(separator: "_") + ".npy"
        let expected = try HeadInterventionTests.reference(name)
        HeadInterventionTests.expectClose(fresh.embedding, expected)
        #expect(fresh.embedding == reused.embedding)
        #expect(ModelTrace.cosine(fresh.embedding, intact.embedding) < 1)
    }

    @Test("a head outside the model is an error naming the range")
    func outside() throws {
        let encoder = try ModelFixture.model.get().encoder
        let ids = try #require(HeadInterventionTests.sentences.first).ids
        #expect(throws: TensorError.self) {
            try encoder.trace(ids, interventions: HeadInterventions(ablated: [HeadAddress(layer: 9, head: 0)]))
        }
    }
}
