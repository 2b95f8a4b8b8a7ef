import AttnCore
import AttnTestSupport
import Testing
@testable import AttnLang

/// `train` as a user types it: the trained layer lands in the workspace and
/// `heads` names it; the comparison prints one line per head count; errors
/// and stopping.
struct TrainCommandTests {
    static let small = "d_model=8 steps=150 lr=0.01 T=6 vocab=5 batch=16 seed=1"

    static func run(_ source: String, stop: (() -> Bool)? = nil) -> (session: Session, output: [String], errors: [String]) {
        let transcript = Transcript()
        let session = transcript.session()
        let host = RecordingHost()
        if let stop { host.stop = stop }
        host.attach(to: session)
        withExtendedLifetime(host) { _ = session.runScript(source, fileName: "test.attn", keepGoing: true) }
        return (session, transcript.output, transcript.errorHeaders)
    }

    @Test("train prev, run, heads: the trained head is a previous-token head")
    func prevThenHeads() throws {
        let (session, output, errors) = Self.run("train task=prev \(Self.small)\nrun\nheads")
        #expect(errors.isEmpty, "\(errors)")
        #expect(output.first?.hasPrefix("train prev (output the previous token): vocab 5, T 6, mask causal") == true)
        let reports = output.filter { $0.hasPrefix("step ") }
        // A tenth of 150 steps is 15, rounded up to whole evaluations (every 10): 20, 40, ..., 140, then 150.
        #expect(reports.map { $0.prefix(8) } == ["step  20", "step  40", "step  60", "step  80", "step 100", "step 120", "step 140", "step 150"], "\(output)")
        #expect(reports.last?.hasPrefix("step 150  loss ") == true)
        #expect(reports.allSatisfy { $0.contains("held-out acc") && $0.contains(where: Sparkline.blocks.contains) })
        #expect(output.contains { $0.hasPrefix("held-out accuracy 100.0%") || $0.hasPrefix("held-out accuracy 99.") }, "\(output)")
        #expect(output.contains { $0.hasPrefix("head 0  previous token") }, "\(output)")
        let state = session.state
        #expect(state.currentLayer == "attn")
        let config = try #require(state.layers["attn"]?.config)
        #expect(config.dModel == 8 && config.heads == 1 && config.masks == [.causal] && config.posenc == .rope)
        #expect(state.workspace.entry("attn.Wq")?.origin == .layerWeight)
        #expect(state.workspace["attn.Wq"]?.shape == [8, 8])
        #expect(state.workspace["X"]?.shape == [6, 8])
        #expect(state.labels["X"]?.count == 6)
        #expect(state.workspace["train.E"]?.shape == [5, 8])
        #expect(state.workspace["train.Wout"]?.shape == [8, 5])
        #expect(state.workspace["train.loss"]?.shape == [150])
    }

    @Test("the trained layer's logits predict the previous token of X")
    func readoutPredicts() throws {
        let (session, _, errors) = Self.run("train task=prev \(Self.small)\nrun\nL = attn.out @ train.Wout + train.bout")
        #expect(errors.isEmpty, "\(errors)")
        let logits = try #require(session.state.workspace["L"])
        let labels = try #require(session.state.labels["X"])
        let v = logits.shape[1]
        for i in 1..<logits.shape[0] {
            let row = Array(logits.scalars[(i * v)..<((i + 1) * v)])
            let predicted = row.indices.max { row[$0] < row[$1] } ?? -1
            #expect(TrainingExample.label(predicted) == labels[i - 1], "position \(i)")
        }
    }

    @Test("without a layer, each task gets its own positions", arguments: [
        ("prev", PositionalEncoding.rope, [MaskSpec.causal]), ("copy", .rope, [.causal]), ("induction", .rope, [.causal]),
        ("reverse", .sinusoidal, []), ("sort", .sinusoidal, []),
    ])
    func defaultLayer(_ task: String, _ posenc: PositionalEncoding, _ masks: [MaskSpec]) throws {
        let (session, _, errors) = Self.run("train task=\(task) steps=2 d_model=4 batch=2")
        #expect(errors.isEmpty, "\(errors)")
        let config = try #require(session.state.layers["attn"]?.config)
        #expect(config.posenc == posenc && config.masks == masks && config.heads == 1 && config.dModel == 4)
    }

    @Test("train keeps the current layer's settings and takes its name")
    func keepsLayerSettings() throws {
        let (session, output, errors) = Self.run("mha enc d_model=12 heads=3 kv_heads=1 bias=true\nset posenc=alibi\ntrain task=copy steps=10 T=6")
        #expect(errors.isEmpty, "\(errors)")
        let config = try #require(session.state.layers["enc"]?.config)
        #expect(config.heads == 3 && config.kvHeads == 1 && config.bias && config.posenc == .alibi)
        #expect(session.state.workspace["enc.bk"]?.shape == [4])
        #expect(output.contains { $0.contains("layer enc d_model 12 heads 3 kv_heads 1 posenc alibi bias") }, "\(output)")
    }

    @Test("heads=1,2 trains each on the same data and prints one curve line per head count")
    func comparison() throws {
        let (session, output, errors) = Self.run("train task=prev heads=1,2 \(Self.small)")
        #expect(errors.isEmpty, "\(errors)")
        #expect(output.first?.contains("with heads 1, 2 at d_model 8: same seed 1, same data") == true, "\(output)")
        // The curve lines; the head-count table after them starts `heads  d_head`.
        let lines = output.filter { $0.hasPrefix("heads ") && !$0.hasPrefix("heads  d_head") }
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("heads  1  ") == true && lines.last?.hasPrefix("heads  2  ") == true)
        #expect(lines.allSatisfy { $0.contains("% at step ") || $0.hasSuffix("not reached") })
        #expect(session.state.layers["attn"]?.config.heads == 2)
    }

    @Test("a pane can follow training: progress after every evaluation, per head count")
    func progressHook() {
        let transcript = Transcript()
        let session = transcript.session()
        nonisolated(unsafe) var seen: [(heads: Int, step: Int, losses: Int)] = []
        let host = RecordingHost()
        host.onProgress = { seen.append(($0.heads, $0.step, $0.losses.count)) }
        host.attach(to: session)
        withExtendedLifetime(host) {
            _ = session.runScript("train task=prev heads=1,2 d_model=8 steps=25 T=6 vocab=5 batch=4", fileName: "t.attn", keepGoing: false)
        }
        #expect(transcript.errors.isEmpty, "\(transcript.errors)")
        #expect(seen.map(\.heads) == [1, 1, 1, 2, 2, 2])
        #expect(seen.map(\.step) == [10, 20, 25, 10, 20, 25])
        #expect(seen.allSatisfy { $0.losses == $0.step })
    }

    @Test("without a live output, progress lines come before the summary")
    func collectedOutput() throws {
        var interpreter = Interpreter(state: SessionState())
        var parser = Parser("train task=prev steps=20 d_model=4 batch=2", firstLine: 1)
        let statement = try #require(try parser.nextStatement())
        try interpreter.execute(statement.statement)
        let lines = interpreter.printed.flatMap { $0.components(separatedBy: "\n") }
        #expect(lines.first?.hasPrefix("train prev") == true)
        #expect(lines.filter { $0.hasPrefix("step ") }.count == 2, "\(lines)")
        let lastStep = try #require(lines.lastIndex { $0.hasPrefix("step ") })
        let summary = try #require(lines.firstIndex { $0.hasPrefix("held-out accuracy") })
        #expect(lastStep < summary)
    }

    @Test("a stop request ends training cleanly and keeps a usable layer")
    func stopRequest() throws {
        let (session, output, errors) = Self.run("train task=prev \(Self.small)\nrun", stop: { true })
        #expect(errors.isEmpty, "\(errors)")
        #expect(output.contains("stopped after 0 of 150 steps; kept the best weights seen"), "\(output)")
        #expect(session.state.layers["attn"]?.computed == 11)
    }

    @Test("posenc=none trains but warns that positions are missing")
    func warnsWithoutPositions() {
        let (_, _, errors) = Self.run("mha d_model=8 heads=1\ntrain task=prev steps=5")
        #expect(errors.count == 1 && errors.first?.contains("warning: layer attn has posenc=none") == true, "\(errors)")
    }

    @Test("bad options are refused and change nothing", arguments: [
        ("train", "`train` needs task="),
        ("train task=prev steps=0", "steps must be between 1 and 100000"),
        ("train task=prev lr=-1", "lr must be a positive number"),
        ("train task=copy k=9", "copy needs k between 1 and T − 1 = 7"),
        ("train task=prev heads=3 d_model=16", "heads=3 does not divide d_model=16"),
        ("train task=prev heads=0", "heads must be between 1 and 64"),
        ("train task=walk", "walk"),
    ])
    func refuses(_ statement: String, _ message: String) {
        let (session, _, errors) = Self.run(statement)
        #expect(errors.count == 1 && errors.first?.contains(message) == true, "\(errors)")
        #expect(session.state.workspace.isEmpty)
    }

    @Test("sparklines scale from zero to the ceiling and keep earlier characters as the series grows")
    func sparkline() {
        #expect(Sparkline.render([8, 4, 0], width: 3) == "█▅▁")
        #expect(Sparkline.render([1, 1, 3, 3], width: 2) == "▃█")
        #expect(Sparkline.render([2, 2, 2, 1], perColumn: 2, ceiling: 2) == "█▆")
        #expect(Sparkline.render([2, 2, 2, 1, 0], perColumn: 2, ceiling: 2).hasPrefix("█▆"))
        #expect(Sparkline.render([], width: 5) == "")
        #expect(Sparkline.render([.nan, 1], width: 2) == "·█")
    }

    @Test("with --ascii the sparklines use ASCII heights, lowest `_`, highest `#`")
    func asciiSparkline() {
        #expect(Sparkline.render([8, 4, 0], width: 3, ascii: true) == "#~_")
        #expect(Sparkline.render([.nan, 1], width: 2, ascii: true) == "?#")
        #expect(Sparkline.render([2, 2, 2, 1], perColumn: 2, ceiling: 2, ascii: true) == "#=")
    }

    @Test("a session drawing ASCII prints train's progress and comparison lines in ASCII only")
    func asciiSessionPrintsASCII() {
        let transcript = Transcript()
        let session = transcript.session()
        let host = RecordingHost()
        host.drawsASCII = true
        host.attach(to: session)
        withExtendedLifetime(host) {
            _ = session.runScript("train task=prev heads=1,2 d_model=8 steps=20 T=6 vocab=5 batch=8 seed=1\ntrain task=prev d_model=8 steps=20 T=6 vocab=5 batch=8\n", fileName: "t.attn", keepGoing: true)
        }
        let lines = transcript.output.filter { $0.hasPrefix("step ") || $0.hasPrefix("heads ") }
        #expect(lines.count >= 3, "\(transcript.output)")
        #expect(lines.allSatisfy { $0.allSatisfy(\.isASCII) && $0.contains(where: Sparkline.asciiBlocks.contains) }, "\(lines)")
    }
}
