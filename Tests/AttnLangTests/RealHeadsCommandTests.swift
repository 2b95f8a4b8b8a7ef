import AttnCore
import AttnTestSupport
import Foundation
import Testing
@testable import AttnLang

/// `model ablate|patch|importance|prune|rollout|sinks|corpus`, `view NAME.norms`,
/// `load` of a .safetensors file and `mha NAME from=`: on a toy stack (always)
/// and on all-MiniLM-L6-v2 (when installed).
enum RealHeadsFixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let torch = folder.appendingPathComponent("Fixtures/torch")
    static let heads = folder.deletingLastPathComponent().appendingPathComponent("AttnCoreTests/Fixtures/heads")
    static let corpus = folder.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("sessions/data/sentences.txt")

    static func run(_ script: String) -> (Session, Transcript, Bool) {
        let transcript = Transcript()
        let session = transcript.session()
        let ok = session.runScript(script, fileName: "heads.attn", keepGoing: true)
        return (session, transcript, ok)
    }

    static func maxDifference(_ a: Tensor?, _ b: Tensor) -> Float {
        guard let a, a.shape == b.shape else { return .infinity }
        return zip(a.scalars, b.scalars).map { abs($0 - $1) }.max() ?? 0
    }
}

@Suite("Real heads commands on a toy stack and a saved PyTorch layer")
struct RealHeadsCommandTests {
    static let toy = "model new layers=2 d_model=8 heads=2 seed=1\nmodel run a b c d a b\n"

    @Test("`mha NAME from=` reproduces a saved torch.nn.MultiheadAttention's output and per-head weights within 1e-5")
    func torchLayer() throws {
        let path = RealHeadsFixtures.torch.path
        let (session, transcript, ok) = RealHeadsFixtures.run("mha m from=\"\(path)/mha.safetensors\"\nload x \"\(path)/x.npy\"\nrun x")
        #expect(ok, "\(transcript.errors)")
        let workspace = session.state.workspace
        #expect(RealHeadsFixtures.maxDifference(workspace["m.out"], try NPYFormat.read(path: path + "/out.npy")) <= 1e-5)
        #expect(RealHeadsFixtures.maxDifference(workspace["m.P"], try NPYFormat.read(path: path + "/weights.npy")) <= 1e-5)
        #expect(session.state.layers["m"]?.config.heads == 2)
    }

    @Test("`load NAME PATH.safetensors` loads every tensor as NAME.<key>")
    func loadSafetensors() throws {
        let path = RealHeadsFixtures.torch.path
        let (session, transcript, ok) = RealHeadsFixtures.run("load t \"\(path)/mha.safetensors\"")
        #expect(ok, "\(transcript.errors)")
        let workspace = session.state.workspace
        #expect(workspace["t.in_proj_weight"]?.shape == [24, 8])
        #expect(workspace["t.in_proj_bias"]?.shape == [24])
        #expect(workspace["t.out_proj.weight"]?.shape == [8, 8])
        #expect(workspace["t.out_proj.bias"]?.shape == [8])
    }

    @Test("ablation on a toy stack reports the cosine, and a head outside the model names the range")
    func ablateToy() throws {
        let (session, transcript, _) = RealHeadsFixtures.run(RealHeadsCommandTests.toy + "model ablate 1.1\nmodel ablate 9.0\nmodel ablate 0.5")
        #expect(transcript.output.joined().contains("cos(intact, changed) = "))
        #expect(session.state.interventions.heads.ablated == [HeadAddress(layer: 1, head: 1)])
        #expect(transcript.errorHeaders.count == 2)
        #expect(transcript.errors.first?.contains("the model has layers 0..1, not 9") == true)
        #expect(transcript.errors.last?.contains("each layer has heads 0..1, not 5") == true)
        #expect(session.state.workspace["model.embedding"]?.shape == [8])
    }

    @Test("importance, prune, rollout and sinks work on a toy stack")
    func analysesToy() throws {
        let (session, transcript, ok) = RealHeadsFixtures.run(RealHeadsCommandTests.toy + "model importance\nmodel prune steps=2\nmodel rollout\nmodel sinks")
        #expect(ok, "\(transcript.errors)")
        let workspace = session.state.workspace
        #expect(workspace["model.importance"]?.shape == [2, 2])
        #expect(workspace["model.prune"]?.shape == [3, 2])
        #expect(workspace["model.rollout"]?.shape == [6, 6])
        let text = transcript.output.joined()
        #expect(text.contains("first weight") && text.contains("removed  share  cosine"))
    }

    @Test("`model corpus` runs every line: per-head pattern scores, sinks and, on request, importance")
    func corpusToy() throws {
        let scratch = try ScratchFolder()
        let file = try scratch.write("# toy corpus\na b c d\n\nd c b a e\nb b b\n", to: "corpus.txt")
        let (session, transcript, ok) = RealHeadsFixtures.run(RealHeadsCommandTests.toy + "model corpus \"\(file)\" importance=true")
        #expect(ok, "\(transcript.errors)")
        let workspace = session.state.workspace
        #expect(workspace["model.patterns"]?.shape == [2, 2, 6])
        #expect(workspace["model.importance"]?.shape == [2, 2])
        #expect(transcript.output.contains { $0.hasPrefix("3 sentences; per head") })
        #expect(transcript.output.filter { $0.hasPrefix("1.1 ") || $0.hasPrefix("0.0 ") }.count == 2)
        let (_, missing, _) = RealHeadsFixtures.run(RealHeadsCommandTests.toy + "model corpus \"\(scratch.file("none.txt"))\"")
        #expect(missing.errorHeaders.count == 1)
    }

    @Test("a patch from a sentence of another length is a located error naming both counts")
    func patchCounts() throws {
        let (_, transcript, _) = RealHeadsFixtures.run(RealHeadsCommandTests.toy + "model patch 1.0 from=\"a b c\"\nmodel run a b c d")
        #expect(transcript.errorHeaders.count == 1)
        let error = transcript.errors.first ?? ""
        #expect(error.contains("(3 tokens)") && error.contains("this sentence has 4 tokens"))
        #expect(error.contains("heads.attn:4:"))
    }

    @Test("`run` stores NAME.norms: P times the norm of each transformed value row")
    func norms() throws {
        let (session, transcript, ok) = RealHeadsFixtures.run("mha a d_model=4 heads=2 seed=3 bias=true\nX = randn(3, 4, seed=1)\nrun\nview a.norms")
        #expect(ok, "\(transcript.errors)")
        let workspace = session.state.workspace
        let norms = try #require(workspace["a.norms"])
        let expected = try AttentionNorms.norms(p: try #require(workspace["a.P"]), v: try #require(workspace["a.V"]),
                                                wo: try #require(workspace["a.Wo"]))
        #expect(norms == expected && norms.shape == [2, 3, 3])
    }
}

@Suite("Real heads commands on all-MiniLM-L6-v2", .enabled(if: InstalledModel.isAvailable, InstalledModel.missingReason))
struct RealHeadsEncoderTests {
    static let load = "model load \"\(InstalledModel.directory ?? "")\"\n"

    @Test("model.embedding after `model run` matches numpy, and `model ablate 9.0` names the range")
    func embeddingAndRange() throws {
        let (session, transcript, _) = RealHeadsFixtures.run(RealHeadsEncoderTests.load + "model run The cat sat on the mat.\nmodel ablate 9.0")
        let embedding = session.state.workspace["model.embedding"]
        #expect(RealHeadsFixtures.maxDifference(embedding, try NPYFormat.read(path: RealHeadsFixtures.heads.path + "/e0.npy")) <= 1e-4)
        #expect(transcript.errorHeaders.count == 1)
        #expect(transcript.errors.first?.contains("head 9.0: the model has layers 0..5, not 9") == true)
    }

    @Test("ablating 2.5 in the whole model gives numpy's embedding; a patch of unequal length names both counts")
    func ablateAndPatch() throws {
        let script = RealHeadsEncoderTests.load + "model run The cat sat on the mat.\nmodel ablate 2.5\n"
            + "model ablate none\nmodel patch 2.5 from=\"The dog sat on the mat.\"\nmodel run A cat."
        let (session, transcript, _) = RealHeadsFixtures.run(script)
        #expect(transcript.output.joined().contains("heads ablated 2.5 (zero): cos(intact, changed) = 0.99"))
        #expect(transcript.errorHeaders.count == 1)
        let error = transcript.errors.first ?? ""
        #expect(error.contains("(9 tokens)") && error.contains("this sentence has 5 tokens") && error.contains("heads.attn:6:"))
        #expect(session.state.interventions.heads.patches.count == 1)
    }

    @Test("sinks, rollout and norms of a layer on the encoder")
    func sinksRolloutNorms() throws {
        let script = RealHeadsEncoderTests.load + "model run The cat sat on the mat.\nmodel rollout\nmodel sinks\nmodel layer 2\nview bert2.norms"
        let (session, transcript, ok) = RealHeadsFixtures.run(script)
        #expect(ok, "\(transcript.errors)")
        let workspace = session.state.workspace
        #expect(RealHeadsFixtures.maxDifference(workspace["model.rollout"], try NPYFormat.read(path: RealHeadsFixtures.heads.path + "/s0_rollout.npy")) <= 1e-4)
        #expect(RealHeadsFixtures.maxDifference(workspace["bert2.norms"], try NPYFormat.read(path: RealHeadsFixtures.heads.path + "/s0_norms2.npy")) <= 1e-4)
        #expect(transcript.output.joined().contains("[CLS] weight  [SEP] weight  [CLS] norm  [SEP] norm"))
    }

    @Test("`model heads` on the encoder prints one line per layer and head with its best pattern")
    func encoderHeads() throws {
        let (_, transcript, ok) = RealHeadsFixtures.run(RealHeadsEncoderTests.load + "model run The cat sat on the mat.\nmodel heads")
        #expect(ok, "\(transcript.errors)")
        let lines = transcript.output.filter { line in line.split(separator: " ").first.flatMap { HeadAddress(String($0)) } != nil }
        #expect(lines.count == 72)
        #expect(lines.contains { $0.hasPrefix("0.2 ") && $0.contains("previous token") })
    }
}
