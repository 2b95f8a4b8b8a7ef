import AttnCore
import AttnTestSupport
import Foundation
import Testing
@testable import AttnLang

/// The attention commands driven as a user types them, against the numpy
/// fixtures of docs/reference.md §3 that the engine tests use
/// (`Tests/AttnCoreTests/Fixtures/attention/cases/<case>/`): weights and
/// inputs go in with `load`, settings with `mha`/`set`/`mask`/`ablate`, and
/// every stage tensor in the workspace must match numpy's.
struct AttentionCase: CustomTestStringConvertible, Sendable {
    let name: String
    var testDescription: String { name }

    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("AttnCoreTests/Fixtures/attention/cases")

    static var all: [AttentionCase] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.sorted().map(AttentionCase.init)
    }

    var folder: URL { AttentionCase.root.appendingPathComponent(name) }

    func file(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: file(name)) }

    /// The statements that set this case up, ending before `run` / `step`.
    func setupScript() throws -> String {
        let data = try Data(contentsOf: folder.appendingPathComponent("config.json"))
        let config = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        func int(_ key: String) -> Int? { (config[key] as? NSNumber)?.intValue }
        func number(_ key: String) -> Double? { (config[key] as? NSNumber)?.doubleValue }
        let resplit = name == "resplit_h4"
        var mha = "mha d_model=\(int("d_model") ?? 0) heads=\(resplit ? 2 : int("heads") ?? 0)"
        if let k = int("d_head") { mha += " d_head=\(k)" }
        if let g = int("kv_heads") { mha += " kv_heads=\(g)" }
        if (config["bias"] as? Bool) == true { mha += " bias=true" }
        if let seed = int("seed") { mha += " seed=\(seed)" }
        var lines = [mha]
        for weight in ["Wq", "Wk", "Wv", "Wo", "bq", "bk", "bv", "bo"] where exists(weight + ".npy") {
            lines.append("load attn.\(weight) \"\(file(weight + ".npy"))\"")
        }
        if resplit { lines.append("set heads=4") }
        lines.append("load X \"\(file("X.npy"))\"")
        if exists("Y.npy") { lines.append("load Y \"\(file("Y.npy"))\"") }
        for tensor in config["tensors"] as? [String] ?? [] {
            lines.append("load \(tensor) \"\(file("tensor_" + tensor + ".npy"))\"")
        }
        var settings: [String] = []
        if let t = number("temperature") { settings.append("temperature=\(t)") }
        if let s = number("scale") { settings.append("scale=\(s)") }
        if let p = number("dropout") { settings.append("dropout=\(p)") }
        if let posenc = config["posenc"] as? String { settings.append("posenc=\(posenc)") }
        if let base = number("rope_base") { settings.append("rope_base=\(base)") }
        if !settings.isEmpty { lines.append("set " + settings.joined(separator: " ")) }
        if let mask = config["mask"] as? [String] { lines.append("mask " + mask.joined(separator: " ")) }
        if let ablate = config["ablate"] as? [Int] { lines.append("ablate " + ablate.map(String.init).joined(separator: " ")) }
        return lines.joined(separator: "\n")
    }

    var kvOption: String { exists("Y.npy") ? " kv=Y" : "" }
}

/// Runs `script` in a fresh session, failing the test on any error.
private func session(running script: String) -> (Session, Transcript) {
    let transcript = Transcript()
    let session = transcript.session()
    let ok = session.runScript(script, fileName: "case.attn", keepGoing: false)
    #expect(ok, "script failed: \(transcript.errors.joined(separator: "\n"))")
    return (session, transcript)
}

private func expectStagesMatch(_ session: Session, _ fixture: AttentionCase, how: String) throws {
    for stage in AttentionStage.allCases.map(\.name) + ["mask"] {
        let expected = try NPYFormat.read(path: fixture.file("stage_\(stage).npy"))
        let actual = try #require(session.state.workspace["attn.\(stage)"], "attn.\(stage) missing after \(how)")
        #expect(actual.shape == expected.shape, "attn.\(stage) shape after \(how)")
        #expect(actual.isClose(to: expected, rtol: 1e-4, atol: 1e-5), "attn.\(stage) differs from numpy after \(how)")
    }
}

@Test func attentionFixturesExist() {
    #expect(AttentionCase.all.count >= 25)
}

@Test(arguments: AttentionCase.all)
func runMatchesNumpy(_ fixture: AttentionCase) throws {
    let (session, _) = session(running: try fixture.setupScript() + "\nrun X" + fixture.kvOption)
    try expectStagesMatch(session, fixture, how: "run")
}

@Test(arguments: AttentionCase.all)
func elevenStepsMatchNumpy(_ fixture: AttentionCase) throws {
    let steps = "\nstep" + fixture.kvOption + "\nstep 10"
    let (session, _) = session(running: try fixture.setupScript() + steps)
    try expectStagesMatch(session, fixture, how: "eleven steps")
}

@Test func savedStagesRoundTripThroughNpy() throws {
    let fixture = AttentionCase(name: "mask_causal")
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("attnsh-save-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let saves = AttentionStage.allCases.map { "save attn.\($0.name) \"\(folder.path)/\($0.name).npy\"" }
    _ = session(running: try fixture.setupScript() + "\nrun\n" + saves.joined(separator: "\n"))
    for stage in AttentionStage.allCases {
        let saved = try NPYFormat.read(path: folder.appendingPathComponent("\(stage.name).npy").path)
        let expected = try NPYFormat.read(path: fixture.file("stage_\(stage.name).npy"))
        #expect(saved.isClose(to: expected, rtol: 1e-4, atol: 1e-5), "saved \(stage.name)")
    }
}

// MARK: - Edits between steps (docs/reference.md §3.2: the next step reads the workspace)

private func row(_ tensor: Tensor, _ h: Int, _ i: Int) -> [Float] {
    let (tq, tk) = (tensor.shape[1], tensor.shape[2])
    let start = (h * tq + i) * tk
    return Array(tensor.scalars[start..<(start + tk)])
}

@Test func editingScaledChangesExactlyWhatFollows() throws {
    let fixture = AttentionCase(name: "plain")
    let (session, _) = session(running: try fixture.setupScript() + "\nstep 6\nattn.scaled[0, 1] = zeros(5)\nstep 5")
    let workspace = session.state.workspace
    let expectedP = try NPYFormat.read(path: fixture.file("stage_P.npy"))
    let p = try #require(workspace["attn.P"])
    // The edited row is uniform; every other row is numpy's.
    #expect(row(p, 0, 1).allSatisfy { abs($0 - 0.2) < 1e-6 })
    for h in 0..<2 {
        for i in 0..<5 where !(h == 0 && i == 1) {
            #expect(zip(row(p, h, i), row(expectedP, h, i)).allSatisfy { abs($0 - $1) < 1e-5 })
        }
    }
    // Earlier stages are untouched; Z follows the edited P.
    let expectedScores = try NPYFormat.read(path: fixture.file("stage_scores.npy"))
    #expect(try #require(workspace["attn.scores"]).isClose(to: expectedScores, rtol: 1e-4, atol: 1e-5))
    let v = try #require(workspace["attn.V"])
    let z = try #require(workspace["attn.Z"])
    let recomputed = try Tensor.matmul(p, v)
    #expect(z.isClose(to: recomputed, rtol: 1e-5, atol: 1e-6))
    let expectedOut = try NPYFormat.read(path: fixture.file("stage_out.npy"))
    #expect(!(try #require(workspace["attn.out"])).isClose(to: expectedOut, rtol: 1e-4, atol: 1e-5))
}

@Test func editingPChangesZConcatAndOut() throws {
    let fixture = AttentionCase(name: "plain")
    let (session, _) = session(running: try fixture.setupScript() + "\nstep 8\nattn.P[1] = eye(5)\nstep 3")
    let workspace = session.state.workspace
    let z = try #require(workspace["attn.Z"])
    let v = try #require(workspace["attn.V"])
    // Head 1 now copies its own value rows: Z[1] = I · V[1] = V[1].
    #expect(try z.indexed([.at(1)]).isClose(to: v.indexed([.at(1)]), rtol: 1e-6, atol: 1e-7))
    let expectedZ = try NPYFormat.read(path: fixture.file("stage_Z.npy"))
    #expect(try z.indexed([.at(0)]).isClose(to: expectedZ.indexed([.at(0)]), rtol: 1e-4, atol: 1e-5))
    let concat = try #require(workspace["attn.concat"])
    let wo = try #require(workspace["attn.Wo"])
    #expect(try #require(workspace["attn.out"]).isClose(to: try Tensor.matmul(concat, wo), rtol: 1e-5, atol: 1e-6))
}

@Test func runEqualsElevenSteps() throws {
    let setup = "mha d_model=8 heads=4 kv_heads=2 seed=3\ntokens the cat sat on the mat\nmask causal\nset posenc=rope"
    let (ran, _) = session(running: setup + "\nrun")
    let (stepped, _) = session(running: setup + "\nstep\nstep 4\nstep 6")
    for name in AttentionStage.allCases.map({ "attn.\($0.name)" }) + ["attn.mask"] {
        #expect(ran.state.workspace[name] == stepped.state.workspace[name], "\(name)")
    }
}

@Test func backForgetsTheLastStageAndResetClearsTheTrace() throws {
    let (session, _) = session(running: "mha d_model=4 heads=2 seed=1\ntokens a b\nstep 7\nback 2")
    #expect(session.state.workspace["attn.scores"] != nil)
    #expect(session.state.workspace["attn.scaled"] == nil)
    #expect(session.state.workspace["attn.mask"] == nil)
    #expect(session.state.layers["attn"]?.computed == 5)
    #expect(session.runLine("reset", lineNumber: 5))
    #expect(session.state.workspace.names.allSatisfy { !$0.hasPrefix("attn.") || $0.hasPrefix("attn.W") })
}

@Test func everyKeyBlockedGivesZerosAndOneWarning() throws {
    let (session, transcript) = session(running: "mha d_model=4 heads=2 seed=1\ntokens a b c\nmask pad 0\nrun")
    let p = try #require(session.state.workspace["attn.P"])
    #expect(p.scalars.allSatisfy { $0 == 0 })
    let warnings = transcript.errors.filter { $0.contains("warning:") }
    #expect(warnings.count == 1)
    #expect(warnings.first?.contains("every key blocked") == true)
    #expect(try #require(session.state.workspace["attn.out"]).scalars.allSatisfy { !$0.isNaN })
}

@Test func failedAttentionStatementsLeaveTheWorkspaceUnchanged() throws {
    let (session, transcript) = session(running: "mha d_model=4 heads=2 seed=1\ntokens a b c\nstep 3")
    let before = session.state.workspace
    let layerBefore = session.state.layers["attn"]?.computed
    for bad in ["step 9", "set heads=3", "mask window x", "m = ones(2, 2)\nmask m\nstep 8", "ablate 5",
                "attn.Wk = ones(2, 2)", "tokens", "embeddings /nonexistent/vectors.txt", "use nope"] {
        let lines = bad.components(separatedBy: "\n")
        for (offset, line) in lines.enumerated() {
            let ok = session.runLine(line, lineNumber: 10 + offset)
            if offset == lines.count - 1 { #expect(!ok, "`\(line)` should fail") }
        }
        session.runLine("del m", lineNumber: 99)
    }
    #expect(session.state.workspace == before)
    #expect(session.state.layers["attn"]?.computed == layerBefore)
    #expect(transcript.errors.count >= 9)
}

@Test func unknownWordWithEmbeddingsIsNamed() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("attnsh-glove-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("vectors.txt").path
    try "the 1 0 0 0\ncat 0 1 0 0\nsat 0 0 1 0\n".write(toFile: path, atomically: true, encoding: .utf8)
    let transcript = Transcript()
    let session = transcript.session()
    #expect(session.runScript("mha d_model=4 heads=1\nembeddings \"\(path)\"\ntokens the cat sat", fileName: "g.attn", keepGoing: false))
    #expect(session.state.workspace["X"] == (try Tensor(shape: [3, 4], scalars: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0])))
    #expect(!session.runLine("tokens the dog", lineNumber: 4))
    #expect(transcript.errors.last?.contains("unknown word `dog`") == true)
}

@Test func headsResplitKeepsTheWeights() throws {
    let (session, _) = session(running: "mha d_model=8 heads=2 seed=5\nw = attn.Wq\nset heads=4")
    #expect(session.state.workspace["attn.Wq"] == session.state.workspace["w"])
    #expect(session.state.layers["attn"]?.config.dHead == 2)
}
