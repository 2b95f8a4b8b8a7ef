import AttnCore
import AttnTestSupport
import Foundation
import Testing
@testable import AttnLang

/// `run` keeps scores, scaled and masked as derived entries (computed on
/// first read); they must behave exactly as the tensors `step` stores.
@Suite struct DerivedStageTests {
    static let derived = ["attn.scores", "attn.scaled", "attn.masked"]

    /// Setups covering the settings stages 5-7 depend on.
    static let setups = [
        "mha d_model=8 heads=2 seed=1\ntokens a b c d e f g h i j",
        "mha d_model=12 heads=6 kv_heads=2 seed=2\ntokens the cat sat on the mat\nmask causal\nset posenc=alibi temperature=0.5",
        "mha d_model=8 heads=4 seed=3\ntokens a b c d e\nm = [[1,0,1,1,1],[1,1,0,1,1],[1,1,1,1,1],[0,0,0,0,0],[1,1,1,0,1]]\nmask window 2 m\nset posenc=rope scale=0.7",
        "mha d_model=8 heads=2 bias=true seed=4\ntokens a b c\nY = randn(7, 8, seed=5)\nset dropout=0.2\nmask pad 5",
    ]

    private func session(_ script: String) -> (Session, Transcript) {
        let transcript = Transcript()
        let session = transcript.session()
        let ok = session.runScript(script, fileName: "derived.attn", keepGoing: false)
        #expect(ok, "script failed: \(transcript.errors.joined(separator: "\n"))")
        return (session, transcript)
    }

    private func kv(_ setup: String) -> String { setup.contains("Y = ") ? " kv=Y" : "" }

    @Test(arguments: setups)
    func runLeavesStagesFiveToSevenPendingAndLsDoesNotComputeThem(_ setup: String) throws {
        let (session, transcript) = session(setup + "\nrun" + kv(setup) + "\nls")
        let workspace = session.state.workspace
        for name in Self.derived {
            let entry = try #require(workspace.entry(name))
            #expect(entry.isDerived && entry.isPending, "\(name) should not be computed by run or ls")
            #expect(transcript.output.contains { $0.hasPrefix(name + " ") }, "ls lists \(name)")
        }
        // P is held (computed by the run), though recomputable (see `releaseWeights`).
        #expect(workspace.entry("attn.P")?.isPending == false)
    }

    @Test(arguments: setups)
    func derivedStagesEqualWhatStepStores(_ setup: String) throws {
        let (ran, _) = session(setup + "\nrun" + kv(setup))
        let (stepped, _) = session(setup + "\nstep" + kv(setup) + "\nstep 10")
        for stage in AttentionStage.allCases {
            let name = stage.tensorName(layer: "attn")
            let a = try #require(ran.state.workspace[name])
            #expect(a == stepped.state.workspace[name], "\(name)")
            #expect(ran.state.workspace.entry(name)?.shape == a.shape)
        }
        #expect(ran.state.workspace["attn.mask"] == stepped.state.workspace["attn.mask"])
        // Read once, the entry is computed and stays so.
        #expect(ran.state.workspace.entry("attn.scores")?.isPending == false)
    }

    @Test func showAndExpressionsReadDerivedStages() throws {
        let setup = Self.setups[1]
        let (ran, ranOut) = session(setup + "\nrun\nshow attn.scaled\ns = attn.masked[1] * 2")
        let (stepped, stepOut) = session(setup + "\nstep 11\nshow attn.scaled\ns = attn.masked[1] * 2")
        #expect(ran.state.workspace["s"] == stepped.state.workspace["s"])
        let shown = { (lines: [String]) in Array(lines.drop { !$0.contains("scaled") || $0.hasPrefix("stage") }) }
        #expect(shown(ranOut.output).suffix(20) == shown(stepOut.output).suffix(20))
    }

    @Test func savedDerivedStagesEqualStepped() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("attnsh-derived-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let setup = Self.setups[2]
        let saves = Self.derived.map { "save \($0) \"\(folder.path)/\($0).npy\"" }.joined(separator: "\n")
        let (_, _) = session(setup + "\nrun\n" + saves)
        let (stepped, _) = session(setup + "\nstep 11")
        for name in Self.derived {
            let saved = try NPYFormat.read(path: folder.appendingPathComponent("\(name).npy").path)
            #expect(saved == stepped.state.workspace[name], "\(name)")
        }
    }

    @Test func editingAfterBackFromARunEqualsEditingBetweenSteps() throws {
        let setup = Self.setups[1]
        let edit = "attn.scaled[0, 2, 1] = 5\nattn.scaled[1, 4] = zeros(6)"
        let (ran, _) = session(setup + "\nrun\nback 5\n" + edit + "\nstep 5")
        let (stepped, _) = session(setup + "\nstep 6\n" + edit + "\nstep 5")
        for name in AttentionStage.allCases.map({ $0.tensorName(layer: "attn") }) + ["attn.mask"] {
            #expect(ran.state.workspace[name] == stepped.state.workspace[name], "\(name)")
        }
        #expect(ran.state.workspace.entry("attn.scaled")?.isDerived == false, "an edited stage is stored")
        // The edit took: P differs from an unedited run.
        let (plain, _) = session(setup + "\nrun")
        #expect(ran.state.workspace["attn.P"] != plain.state.workspace["attn.P"])
    }

    @Test func backAndDelRemoveDerivedStagesWithoutComputingThem() throws {
        let (session, _) = session(Self.setups[0] + "\nrun\nback 6\ndel attn.scores")
        let workspace = session.state.workspace
        #expect(!workspace.contains("attn.scaled") && !workspace.contains("attn.masked"))
        #expect(!workspace.contains("attn.scores") && !workspace.contains("attn.mask"))
        #expect(session.state.layers["attn"]?.computed == 5)
    }

    @Test func aDerivedTensorIsComputedOnceAndShared() throws {
        final class Counter: @unchecked Sendable { var calls = 0 }
        let counter = Counter()
        let derived = DerivedTensor(shape: [2]) {
            counter.calls += 1
            return Tensor([1, 2])
        }
        var a = Workspace()
        a.set("t", derived: derived)
        let b = a
        #expect(a == b)
        #expect(counter.calls == 0)
        #expect(b["t"] == Tensor([1, 2]))
        #expect(a["t"] == Tensor([1, 2]))
        #expect(counter.calls == 1)
    }
}
