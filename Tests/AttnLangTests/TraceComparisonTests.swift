import AttnCore
import Testing
@testable import AttnLang

/// `snapshot NAME` and `view A vs B`: the difference of two traces, which an edit of one cell of
/// `scaled` changes in exactly that cell (scaled) and that query's row (P).
@Suite struct TraceComparisonTests {
    /// A layer run, kept as `before`, then stepped back to scaled, one cell edited, and run on to P.
    static let editedTrace = """
        mha attn d_model=8 heads=2 seed=1
        tokens the cat sat on the mat
        run
        snapshot before
        back 5
        attn.scaled[0, 2, 1] = 5
        step 5
        """

    func run(_ script: String) -> (session: Session, printed: [String], errors: [String], effects: [PresentationEffect]) {
        var printed: [String] = []
        var errors: [String] = []
        let session = Session(output: { printed.append($0) }, errors: { errors.append($0) })
        session.appliesLimitProcessWide = false
        let host = RecordingHost()
        host.attach(to: session)
        session.runScript(script, fileName: "t.attn", keepGoing: true)
        return (session, printed, errors, host.effects)
    }

    /// The positions [head, row, column] of the nonzero elements of a [H, Tq, Tk] tensor.
    func nonzero(_ tensor: Tensor) -> [[Int]] {
        let (rows, columns) = (tensor.shape[1], tensor.shape[2])
        return tensor.scalars.indices.filter { tensor.scalars[$0] != 0 }.map {
            [$0 / (rows * columns), ($0 / columns) % rows, $0 % columns]
        }
    }

    @Test func editingOneScaledCellChangesOneCellOfScaledAndOneRowOfP() throws {
        let result = run(Self.editedTrace + "\nview before vs attn\nview before vs attn stage=scaled")
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.effects == [.compare(.init(before: "before", after: "attn")),
                                   .compare(.init(before: "before", after: "attn", stage: .scaled))])
        let state = result.session.state

        let scaled = try TraceComparison(.init(before: "before", after: "attn", stage: .scaled), in: state)
        #expect(scaled.stage == .scaled)
        #expect(nonzero(scaled.difference) == [[0, 2, 1]], "exactly the edited cell")
        #expect(scaled.after[[0, 2, 1]] == 5)

        let weights = try TraceComparison(.init(before: "before", after: "attn"), in: state)
        #expect(weights.stage == .p, "P is the default once both traces reach it")
        let changed = nonzero(weights.difference)
        #expect(!changed.isEmpty)
        #expect(changed.allSatisfy { $0[0] == 0 && $0[1] == 2 }, "only head 0's row of query 2 changes: \(changed)")
        #expect(Set(changed.map { $0[2] }).count == 6, "every key of that row moves (no mask)")
        // The row still sums to 1, so what the edited key gained the others lost.
        let row = (0..<6).map { weights.difference[[0, 2, $0]] }
        #expect(abs(row.reduce(0, +)) < 1e-5)
        #expect(row[1] > 0)
    }

    @Test func aMaskedCellIsZeroInTheDifferenceNotNaN() throws {
        let result = run(Self.editedTrace.replacingOccurrences(of: "run\n", with: "mask causal\nrun\n")
                         + "\nview before vs attn stage=masked")
        #expect(result.errors.isEmpty, "\(result.errors)")
        let masked = try TraceComparison(.init(before: "before", after: "attn", stage: .masked), in: result.session.state)
        #expect(masked.difference.scalars.allSatisfy { $0.isFinite })
        #expect(nonzero(masked.difference) == [[0, 2, 1]])
        #expect(masked.afterMask != nil)
    }

    @Test func theSnapshotIsOrdinaryTensorsWithTheLayersLabels() {
        let result = run(Self.editedTrace + "\nshow before.P[0, 2]\nls")
        #expect(result.errors.isEmpty, "\(result.errors)")
        let shown = result.printed.joined(separator: "\n")
        #expect(shown.contains("snapshot before: 11 stages of attn"))
        #expect(shown.contains("before.P[0, 2] [6]"))
        #expect(shown.contains("the    cat    sat     on    the    mat"), "the key tokens label the row:\n\(shown)")
        #expect(shown.contains("snapshot"), "ls names the origin")
    }

    @Test func thePrintedComparisonNamesTheChangedRow() throws {
        let state = run(Self.editedTrace).session.state
        let comparison = try TraceComparison(.init(before: "before", after: "attn"), in: state)
        let text = comparison.text(precision: 2)
        #expect(text.hasPrefix("before vs attn · stage 8/11 P [2, 6, 6] · Δ = attn − before"))
        #expect(text.contains("Δ · head 0"))
        #expect(text.contains("in 1 row (head 0 sat)"), "\(text)")
        #expect(text.contains("largest |Δ|"))
        let same = try TraceComparison(.init(before: "before", after: "before"), in: state)
        #expect(same.changeSummary(precision: 2) == "unchanged: every value of P is equal")
    }

    @Test(arguments: [
        ("snapshot attn", "`attn` is a layer"),
        ("snapshot a.b", "one word"),
        ("snapshot s of nope", "no layer `nope`"),
        ("view before vs nope", "`nope` is neither a snapshot nor a layer"),
        ("view befor vs attn", "did you mean `before`?"),
        ("view attn.P[0] vs attn", "A and B are snapshot or layer names"),
        ("view attn.P vs attn", "`attn.P` is neither a snapshot nor a layer"),
        ("view before vs attn stage=bogus", "bogus"),
        ("view attn.P stage=P", "`stage=` chooses the stage of `view A vs B`"),
    ])
    func errorsSayWhatIsWrong(_ line: String, _ fragment: String) {
        let result = run(Self.editedTrace + "\n" + line)
        #expect(result.errors.count == 1, "\(result.errors)")
        #expect(result.errors.first?.contains(fragment) == true, "\(result.errors)")
        #expect(result.effects.isEmpty)
    }

    @Test func aStageOneTraceDoesNotHoldIsAnError() throws {
        let result = run("mha attn d_model=8 heads=2 seed=1\ntokens a b c\nstep 6\nsnapshot early\nstep 2\nview early vs attn stage=P")
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.contains("`early` holds stages 1–6 (up to scaled), not stage 8 P") == true, "\(result.errors)")
        let fallback = run("mha attn d_model=8 heads=2 seed=1\ntokens a b c\nstep 6\nsnapshot early\nstep 2\nview early vs attn")
        #expect(fallback.errors.isEmpty)
        #expect(try TraceComparison(.init(before: "early", after: "attn"), in: fallback.session.state).stage == .scaled)
    }

    @Test func viewTakesAnExpressionWithTheLabelsItKeeps() throws {
        let result = run("mha attn d_model=8 heads=2 seed=1\ntokens the cat sat\nrun\nview attn.P[0, 0]\nview attn.P[1][1:3]")
        #expect(result.errors.isEmpty, "\(result.errors)")
        guard result.effects.count == 2, case .viewExpression(let row) = result.effects[0],
              case .viewExpression(let slice) = result.effects[1] else {
            Issue.record("expected two expression views, got \(result.effects)")
            return
        }
        #expect(row.text == "attn.P[0, 0]")
        #expect(row.shape == [3] && row.tensor.shape == [1, 3])
        #expect(row.columnLabels == ["the", "cat", "sat"])
        #expect(slice.rowLabels == ["cat", "sat"] && slice.columnLabels == ["the", "cat", "sat"])
    }
}
