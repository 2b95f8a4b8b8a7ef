import AttnCore
import AttnTestSupport
import Foundation
import Testing
@testable import AttnLang

/// The `model` commands against the encoder fixtures of
/// `Tests/AttnCoreTests/Fixtures/model` (numpy on the same safetensors file).
/// The model folder is `InstalledModel.directory`; without it the suites are
/// skipped with `InstalledModel.missingReason` shown.
enum ModelFolder {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("AttnCoreTests/Fixtures/model")

    static func fixture(_ name: String) throws -> Tensor {
        try NPYFormat.read(path: fixtures.appendingPathComponent(name).path)
    }

    /// The first encoder fixture sentence and its pieces.
    static var sentence: (text: String, pieces: [String]) {
        guard let data = try? Data(contentsOf: fixtures.appendingPathComponent("sentences.json")),
              let list = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]],
              let first = list.first, let text = first["text"] as? String,
              let pieces = first["pieces"] as? [String] else { return ("", []) }
        return (text, pieces)
    }
}

private func modelSession(_ script: String) -> (Session, Transcript, Bool) {
    let transcript = Transcript()
    let session = transcript.session()
    let load = "model load \"\(InstalledModel.directory ?? "")\"\n"
    let ok = session.runScript(load + script, fileName: "model.attn", keepGoing: false)
    return (session, transcript, ok)
}

private func maxDifference(_ a: Tensor, _ b: Tensor) -> Float {
    a.shape == b.shape ? zip(a.scalars, b.scalars).map { abs($0 - $1) }.max() ?? 0 : .infinity
}

@Suite("model commands on all-MiniLM-L6-v2",
       .enabled(if: InstalledModel.isAvailable, InstalledModel.missingReason))
struct ModelCommandTests {
    @Test("`model layer L` + `run` reproduce the model's attention and layer input", arguments: 0..<6)
    func layerMatchesNumpy(_ layer: Int) throws {
        let (session, transcript, ok) = modelSession("model run \(ModelFolder.sentence.text)\nmodel layer \(layer)")
        #expect(ok, "\(transcript.errors)")
        let name = "bert\(layer)"
        // Only small values go into #expect: on failure Swift Testing
        // describes every operand, and a state holding the model is 90 MB.
        let currentLayer = session.state.currentLayer
        let labels = session.state.labels["X"]
        #expect(currentLayer == name)
        #expect(labels == ModelFolder.sentence.pieces)
        let workspace = session.state.workspace
        let x = try #require(workspace["X"])
        #expect(maxDifference(x, try ModelFolder.fixture("s0_input\(layer).npy")) <= 1e-4)
        let p = try #require(workspace[name + ".P"])
        #expect(maxDifference(p, try ModelFolder.fixture("s0_attention\(layer).npy")) <= 1e-4)
        #expect(try #require(workspace[name + ".Wq"]).shape == [384, 384])
        #expect(try #require(workspace[name + ".bq"]).shape == [384])
    }

    @Test("Stepping layer 3 stage by stage gives the same P as the model")
    func stepsMatch() throws {
        let (session, transcript, ok) = modelSession("model run \(ModelFolder.sentence.text)\nmodel layer 3\nreset\nstep 11")
        #expect(ok, "\(transcript.errors)")
        let workspace = session.state.workspace
        let p = try #require(workspace["bert3.P"])
        #expect(maxDifference(p, try ModelFolder.fixture("s0_attention3.npy")) <= 1e-4)
    }

    // The overview's table is the plain shell's rendering of the effect: see PlainHostTests.
    @Test("`model overview` reports the overview; `model info` prints the sizes")
    func overviewAndInfo() {
        let transcript = Transcript()
        let session = transcript.session()
        let host = RecordingHost()
        host.attach(to: session)
        let script = "model load \"\(InstalledModel.directory ?? "")\"\nmodel run \(ModelFolder.sentence.text)\nmodel overview\nmodel info"
        #expect(session.runScript(script, fileName: "model.attn", keepGoing: false), "\(transcript.errors)")
        #expect(host.effects == [.modelSentence, .modelOverview])
        let text = transcript.output.joined(separator: "\n")
        #expect(text.contains("layers 6 · heads 12 · d_model 384"))
    }

    @Test("Loading the model and opening layer 0 in plain mode (timing printed)")
    func timing() {
        let start = ContinuousClock.now
        let (_, transcript, ok) = modelSession("model run \(ModelFolder.sentence.text)\nmodel layer 0")
        let elapsed = ContinuousClock.now - start
        #expect(ok, "\(transcript.errors)")
        print("model load + model run + model layer 0: \(elapsed)")
    }

    @Test("Errors: layer out of range, a missing argument")
    func errors() {
        let (_, transcript, ok) = modelSession("model run hi\nmodel layer 6")
        #expect(!ok)
        #expect(transcript.errors.joined().contains("the model has layers 0..5, not 6"))
        let (_, second, secondOK) = modelSession("model run")
        #expect(!secondOK)
        #expect(second.errors.joined().contains("`model run` needs a sentence"))
    }
}

@Suite("model commands without a model")
struct ModelCommandErrorTests {
    @Test("Each command says what is missing", arguments: [
        ("model run the cat", "no model loaded"),
        ("model layer 0", "no model loaded"),
        ("model overview", "no model loaded"),
        ("view overview", "no model loaded"),
        ("model load /nonexistent/attnsh-model", "no model folder at /nonexistent/attnsh-model"),
        ("model fly", "`model` expects one of `new`, `load`, `run`, `layer`, `overview`, `heads`, `info`, `ablate`, `patch`, `importance`, `prune`, `rollout`, `sinks`, `corpus`, not `fly`"),
    ])
    func missing(_ script: String, _ phrase: String) {
        let transcript = Transcript()
        let session = transcript.session()
        #expect(!session.runScript(script, fileName: "x.attn", keepGoing: false))
        #expect(transcript.errors.joined().contains(phrase), "\(transcript.errors)")
    }

    @Test("A folder missing vocab.txt is named")
    func incompleteFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("attnsh-model-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("{}".utf8).write(to: folder.appendingPathComponent("config.json"))
        try Data().write(to: folder.appendingPathComponent("model.safetensors"))
        let transcript = Transcript()
        let session = transcript.session()
        #expect(!session.runScript("model load \"\(folder.path)\"", fileName: "x.attn", keepGoing: false))
        #expect(transcript.errors.joined().contains("has no vocab.txt"), "\(transcript.errors)")
    }
}

@Suite("lesson 11", .enabled(if: InstalledModel.isAvailable, InstalledModel.missingReason))
struct RealHeadsLessonTests {
    @Test("sessions/11-real-heads.attn runs without error")
    func lessonRuns() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("sessions/11-real-heads.attn").path
        let source = try String(contentsOfFile: path, encoding: .utf8)
        let transcript = Transcript()
        let session = transcript.session()
        // The lesson says `model load` alone; point it at the folder found here.
        let script = source.replacingOccurrences(of: "\nmodel load\n", with: "\nmodel load \"\(InstalledModel.directory ?? "")\"\n")
        // Plain values only in #expect: a failing one describes its operands,
        // and a session holding the model describes 90 MB.
        let ok = session.runScript(script, fileName: "11-real-heads.attn", keepGoing: false)
        #expect(ok, "\(transcript.errors)")
        let currentLayer = session.state.currentLayer
        #expect(currentLayer == "bert5")
        if ProcessInfo.processInfo.environment["ATTNSH_SHOW_LESSON"] != nil {
            print(transcript.output.joined(separator: "\n"))
        }
    }
}
