import Foundation
import Testing
import AttnTestSupport
@testable import AttnCore
@testable import AttnLang

/// Puts one row of values into stage 7 of each softmax caller and reads back
/// its weights, for `SoftmaxPolicyTests`.
///
/// The layer is d_model 4, one head (K = 4, scale 1/√4 = 0.5), with
/// Wq = e₀e₀ᵀ and Wk = e₁e₀ᵀ, so q_i = (X[i, 0], 0, 0, 0) and
/// k_j = (X[j, 1], 0, 0, 0). With X[0] = (2, r₀, 0, 0) and X[j] = (0, r_j, 0, 0)
/// the masked row of query 0 is 2·r_j·0.5 = r_j exactly (doubling and
/// halving are exact). A target of ±inf is realised as r = ±(largest finite),
/// whose double overflows to ±inf, since an infinite X would give 0·inf = NaN
/// in the other columns of Q and K; NaN stays NaN. Entry 0 of a row also
/// feeds the query, so no row of the table starts with NaN.
enum SoftmaxCallers {
    /// What a `step` or `run` left for query row 0.
    struct Trace {
        let masked: [Float]
        let p: [Float]
        let softmaxOfMasked: [Float]
        let warnings: [String]
    }

    /// The finite stand-in for `value` in X (see the type's comment).
    static func realised<S: BinaryFloatingPoint>(_ value: Float, as _: S.Type) -> S {
        value == .infinity ? .greatestFiniteMagnitude : value == -.infinity ? -.greatestFiniteMagnitude : S(value)
    }

    /// X [n, 4] for `row`, row-major.
    static func input<S: BinaryFloatingPoint>(_ row: [Float], as type: S.Type) -> [S] {
        row.enumerated().flatMap { j, value in [j == 0 ? 2 : 0, realised(value, as: type), 0, 0] }
    }

    /// Wq and Wk [D, H·K] = [4, 4], row-major.
    static let wq: [Float] = (0..<16).map { $0 == 0 ? 1 : 0 }  // row 0, column 0
    static let wk: [Float] = (0..<16).map { $0 == 4 ? 1 : 0 }  // row 1, column 0

    // MARK: - The language

    /// A number as the language writes it, exactly (`Float(text)` reads it back).
    static func literal(_ value: Float) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        return "\(value)".replacingOccurrences(of: "e+", with: "e")
    }

    static func literal(_ values: [Float]) -> String { "[" + values.map(literal).joined(separator: ", ") + "]" }

    static func matrix(_ values: [Float], columns: Int) -> String {
        let rows = stride(from: 0, to: values.count, by: columns).map { literal(Array(values[$0..<($0 + columns)])) }
        return "[" + rows.joined(separator: ", ") + "]"
    }

    /// Runs `script` in a fresh session; fails if any statement fails.
    static func session(_ script: String) throws -> (Session, Transcript) {
        let transcript = Transcript()
        let session = transcript.session()
        let ok = session.runScript(script, fileName: "softmax.attn", keepGoing: false)
        try #require(ok, "script failed: \(transcript.errors.joined(separator: "\n"))")
        return (session, transcript)
    }

    /// `softmax(r)` for the row typed as a literal.
    static func languageSoftmax(_ row: [Float]) throws -> [Float] {
        try #require(session("p = softmax(\(literal(row)))").0.state.workspace["p"]).scalars
    }

    /// The layer and its input X.
    static func layerScript(_ row: [Float]) -> String {
        """
        mha attn d_model=4 heads=1
        attn.Wq = \(matrix(wq, columns: 4))
        attn.Wk = \(matrix(wk, columns: 4))
        attn.Wv = eye(4)
        attn.Wo = eye(4)
        X = \(matrix(input(row, as: Float.self), columns: 4))
        """
    }

    /// Row 0 of head 0 of `name` [1, n, n].
    static func firstRow(_ session: Session, _ name: String) throws -> [Float] {
        let tensor = try #require(session.state.workspace[name], "\(name) missing")
        return Array(tensor.scalars[0..<tensor.shape[2]])
    }

    static func trace(_ script: String) throws -> Trace {
        let (session, transcript) = try self.session(script + "\nq = softmax(attn.masked)")
        return Trace(masked: try firstRow(session, "attn.masked"), p: try firstRow(session, "attn.P"),
                     softmaxOfMasked: try firstRow(session, "q"),
                     warnings: transcript.errors.filter { $0.contains("warning:") && !$0.contains("softmax contain") })
    }

    /// Eight `step`s (stage 8 by `AttentionEngine`).
    static func stepped(_ row: [Float]) throws -> Trace { try trace(layerScript(row) + "\nstep 8") }

    /// Seven `step`s, row 0 of `attn.masked` replaced by the row itself, then stage 8.
    static func editedMasked(_ row: [Float]) throws -> Trace {
        try trace(layerScript(row) + "\nX = zeros(\(row.count), 4)\nstep 7\nattn.masked[0, 0] = \(literal(row))\nstep")
    }

    /// `run` (the fused fast path); `attn.masked` is derived afterwards.
    static func ran(_ row: [Float]) throws -> Trace { try trace(layerScript(row) + "\nrun") }

    // MARK: - Training and the encoder

    /// P[0, 0] of training's attention pass in precision `S`.
    static func trainingPass<S: TrainingScalar>(_ row: [Float], as type: S.Type) -> [S] {
        // Shapes only: d_model 4, one head, no bias, no mask.
        guard let config = try? LayerConfig.make(dModel: 4, heads: 1),
              let geometry = try? AttentionGeometry(config: config, length: row.count) else {
            Issue.record("the training layer could not be made")
            return []
        }
        var weights = AttentionWeights<Float>(zerosFor: config)
        weights.wq = wq
        weights.wk = wk
        let pass = AttentionPass(input: input(row, as: type), weights: weights.converted(to: type), geometry: geometry)
        return Array(pass.p[0..<row.count])
    }

    /// Row 0 of the attention of layer 0 of a one-layer BERT encoder with
    /// the same Wq and Wk, run on X directly.
    static func encoderLayer(_ row: [Float]) throws -> [Float] {
        let encoder = try TinyEncoder.make(wq: wq, wk: wk, positions: 16)
        let x = Tensor(unchecked: [row.count, 4], scalars: input(row, as: Float.self))
        let attention = try encoder.layer(0, x).attention  // [1, n, n]
        return Array(attention.scalars[0..<row.count])
    }
}
