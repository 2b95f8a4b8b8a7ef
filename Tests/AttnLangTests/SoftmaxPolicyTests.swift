import Foundation
import Testing
@testable import AttnCore
@testable import AttnLang

/// One row of special values for the softmax policy table.
struct SpecialRow: Sendable, CustomTestStringConvertible {
    let label: String
    let values: [Float]
    var testDescription: String { label }

    // No row starts with NaN: entry 0 also feeds the query (see `SoftmaxCallers`).
    static let all: [SpecialRow] = [
        SpecialRow(label: "all finite", values: [1, 2, 3, 0.5, -4]),
        SpecialRow(label: "one +inf", values: [1, .infinity, 2]),
        SpecialRow(label: "+inf and 0 (softmax([inf, 0]))", values: [.infinity, 0]),
        SpecialRow(label: "two +inf", values: [.infinity, 0, .infinity, -1]),
        SpecialRow(label: "+inf and -inf", values: [-.infinity, .infinity, 3]),
        SpecialRow(label: "all -inf", values: [-.infinity, -.infinity, -.infinity]),
        SpecialRow(label: "a NaN", values: [1, .nan, 2]),
        SpecialRow(label: "NaN with -inf", values: [-.infinity, .nan, -.infinity]),
        SpecialRow(label: "NaN with +inf", values: [.infinity, .nan]),
        SpecialRow(label: "huge finite 1e38", values: [1e38, 1e38, -1e38]),
        SpecialRow(label: "huge finite of both signs", values: [1.5e38, -1.5e38]),
        SpecialRow(label: "denormals", values: [0x1p-130, -0x1p-131, 0, .leastNonzeroMagnitude]),
        SpecialRow(label: "length 1", values: [0.25]),
        SpecialRow(label: "nine entries (a full lane and a tail)", values: [0, 1, 2, 3, 4, 5, 6, 7, -.infinity]),
    ]

    var hasNaN: Bool { values.contains { $0.isNaN } }
    var allBlocked: Bool { values.allSatisfy { $0 == -.infinity } }

    /// The policy, written out plainly in Double: NaN row → NaN; all −inf →
    /// zeros; +inf entries share the weight; else exp(x − max) / Σ.
    var expected: [Double] {
        let x = values.map(Double.init)
        if hasNaN { return x.map { _ in .nan } }
        if allBlocked { return x.map { _ in 0 } }
        let winners = x.filter { $0 == .infinity }.count
        if winners > 0 { return x.map { $0 == .infinity ? 1 / Double(winners) : 0 } }
        let top = x.max() ?? 0
        let total = x.map { exp($0 - top) }.reduce(0, +)
        return x.map { exp($0 - top) / total }
    }
}

/// The special-row table through every softmax in attnsh: `softmax()` in
/// the language, stage 8 by `step` (from Q and K, and after editing
/// `masked`), the fast path of `run`, training's attention pass in Float and
/// Double and its loss softmax, and the pretrained encoder's layer.
struct SoftmaxPolicyTests {
    /// Same value, NaN matching NaN; exact.
    static func identical(_ a: [Float], _ b: [Float]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.isNaN ? $1.isNaN : $0.bitPattern == $1.bitPattern }
    }

    /// Within `tolerance` of the plain policy, with NaN and exact zeros where it has them.
    static func follows(_ actual: [Double], _ expected: [Double], tolerance: Double = 1e-6) -> Bool {
        actual.count == expected.count && zip(actual, expected).allSatisfy { a, e in
            e.isNaN ? a.isNaN : e == 0 ? a == 0 : abs(a - e) <= tolerance
        }
    }

    @Test("softmax() in the language follows the policy and warns only about NaN rows", arguments: SpecialRow.all)
    func languageFunction(_ row: SpecialRow) throws {
        let (session, transcript) = try SoftmaxCallers.session("r = \(SoftmaxCallers.literal(row.values))\np = softmax(r)")
        #expect(Self.identical(try #require(session.state.workspace["r"]).scalars, row.values), "the literal is the row")
        let p = try #require(session.state.workspace["p"]).scalars
        #expect(Self.follows(p.map(Double.init), row.expected), "\(p)")
        let warnings = transcript.errors.filter { $0.contains("warning:") }
        #expect(warnings.count == (row.hasNaN ? 1 : 0), "\(warnings)")
        if row.hasNaN { #expect(warnings.first?.contains("contain NaN") == true) }
    }

    @Test("Every caller gives the same weights, and softmax(attn.masked) is attn.P bit for bit",
          arguments: SpecialRow.all)
    func everyCallerAgrees(_ row: SpecialRow) throws {
        let language = try SoftmaxCallers.languageSoftmax(row.values)
        let stepped = try SoftmaxCallers.stepped(row.values)
        let edited = try SoftmaxCallers.editedMasked(row.values)
        let ran = try SoftmaxCallers.ran(row.values)
        let trainingFloat = SoftmaxCallers.trainingPass(row.values, as: Float.self)
        let trainingDouble = SoftmaxCallers.trainingPass(row.values, as: Double.self)
        let loss = TinyModel<Float>.softmax(row.values[...])
        let encoder = try SoftmaxCallers.encoderLayer(row.values)

        // Q and K give exactly the row as stage 7, in both paths.
        #expect(Self.identical(stepped.masked, row.values), "step: masked \(stepped.masked)")
        #expect(Self.identical(ran.masked, row.values), "run: masked \(ran.masked)")
        #expect(Self.identical(edited.masked, row.values), "edit: masked \(edited.masked)")

        for (caller, weights) in [("step", stepped.p), ("step after editing masked", edited.p), ("run", ran.p),
                                  ("training (Float)", trainingFloat.map { Float($0) }), ("encoder", encoder)] {
            #expect(Self.identical(weights, language), "\(caller) gives \(weights), softmax() gives \(language)")
        }
        // softmax(attn.masked) is attn.P, bit for bit, after step and after run.
        #expect(Self.identical(stepped.softmaxOfMasked, stepped.p))
        #expect(Self.identical(ran.softmaxOfMasked, ran.p))
        // Double twins: the same policy, the same numbers to rounding.
        #expect(Self.follows(trainingDouble, language.map(Double.init)), "training (Double) gives \(trainingDouble)")
        #expect(Self.follows(loss, language.map(Double.init)), "the loss softmax gives \(loss)")
        #expect(Self.follows(language.map(Double.init), row.expected), "\(language) against \(row.expected)")
        // Stage 8 warns, in each path, about NaN rows and rows with every key blocked.
        for (caller, warnings) in [("step", stepped.warnings), ("run", ran.warnings), ("edit", edited.warnings)] {
            #expect(warnings.contains { $0.contains("contain NaN") } == row.hasNaN, "\(caller): \(warnings)")
            #expect(warnings.contains { $0.contains("every key blocked") } == row.allBlocked, "\(caller): \(warnings)")
        }
    }

    @Test("softmax([inf, 0]) is [1, 0], and along dim=0 the same policy holds per column")
    func infinityAndColumns() throws {
        let (session, transcript) = try SoftmaxCallers.session("""
            a = softmax([inf, 0])
            m = [[inf, 1, nan], [inf, -inf, 0], [0, -inf, 1]]
            c = softmax(m, dim=0)
            t = softmax(m.T)
            """)
        #expect(try #require(session.state.workspace["a"]).scalars == [1, 0])
        let c = try #require(session.state.workspace["c"])
        let t = try #require(session.state.workspace["t"])
        // Column j of softmax(m, dim=0) is row j of softmax(m.T).
        let columns = (0..<3).map { j in (0..<3).map { c.scalars[$0 * 3 + j] } }
        #expect(Self.identical(columns.flatMap { $0 }, t.scalars))
        #expect(Self.identical(columns[0], [0.5, 0.5, 0]))
        #expect(columns[2].allSatisfy { $0.isNaN })
        let warnings = transcript.errors.filter { $0.contains("warning:") }
        #expect(warnings.count == 2, "one for each softmax with a NaN column: \(warnings)")
        #expect(warnings.allSatisfy { $0.contains("1 row(s) of the softmax contain NaN") })
    }
}
