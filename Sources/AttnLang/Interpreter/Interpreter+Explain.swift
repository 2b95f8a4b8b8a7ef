#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif
import AttnCore

/// `explain H I J`: every number behind one attention weight, read from the
/// layer's trace in the workspace.
///
/// For head h, query i, key j, with g = h / (H/G) the kv head:
///   score    s = Σ_c Q[h, i, c] · K[g, j, c]                (stage 5)
///   scaled   a = s · scale / temperature − m_h·|i − j|       (stage 6; the
///              ALiBi term only with posenc=alibi)
///   masked   a, or −inf where the mask blocks (stage 7)
///   weight   P = exp(masked[j] − max) / Σ_j' exp(masked[j'] − max)  (stage 8)
/// Each line shows the value recomputed from the stage before and the value
/// stored in the trace, so an edit to a stage tensor is visible where it was
/// made and flows into the lines after it, as it flows into later stages.
extension Interpreter {
    mutating func explainWeight(_ command: CommandInvocation) throws {
        let layer = try tracedLayer(through: .p, for: "explain", at: command.nameRange)
        let config = layer.config
        let (tq, tk) = traceLengths(layer)
        let (h, hRange) = try command.integer("H")
        let (i, iRange) = try command.integer("I")
        let (j, jRange) = try command.integer("J")
        guard (0..<config.heads).contains(h) else {
            throw LangError("head \(h) is out of range: `\(layer.name)` has heads 0..\(config.heads - 1)", at: hRange)
        }
        guard (0..<tq).contains(i) else {
            throw LangError("query \(i) is out of range: the trace of `\(layer.name)` has queries 0..\(tq - 1)", at: iRange)
        }
        guard (0..<tk).contains(j) else {
            throw LangError("key \(j) is out of range: the trace of `\(layer.name)` has keys 0..\(tk - 1)", at: jRange)
        }
        let range = command.nameRange
        let q = try traceTensor(.q, of: layer, at: range)  // [H, Tq, K]
        let keys = try traceTensor(.k, of: layer, at: range)  // [G, Tk, K]
        let scores = try traceTensor(.scores, of: layer, at: range)  // [H, Tq, Tk]
        let scaled = try traceTensor(.scaled, of: layer, at: range)  // [H, Tq, Tk]
        let masked = try traceTensor(.masked, of: layer, at: range)  // [H, Tq, Tk]
        let p = try traceTensor(.p, of: layer, at: range)  // [H, Tq, Tk]
        let (g, width) = (config.kvHead(forQueryHead: h), config.dHead)
        let cell = (h * tq + i) * tk + j
        let name = layer.name
        func number(_ value: Float) -> String { StageFormatter.fixed(value, precision: state.precision) }
        func vector(_ values: [Float]) -> String { "[" + values.map(number).joined(separator: ", ") + "]" }
        func stored(_ stage: AttentionStage, _ value: Float) -> String {
            "\(stage.tensorName(layer: name))[\(h), \(i), \(j)] = \(number(value))"
        }

        let queries = Interpreter.labels(layer.queryLabels, count: tq)
        let keyLabels = Interpreter.labels(layer.keyLabels, count: tk)
        let kvNote = config.kvHeads == config.heads ? "" : " (kv head \(g))"
        var lines = ["explain \(name): head \(h)\(kvNote) · query \(i) \"\(queries[i])\" → key \(j) \"\(keyLabels[j])\""]
        var rows: [(String, String, String)] = []

        let qRow = Array(q.scalars[((h * tq + i) * width)..<((h * tq + i + 1) * width)])
        let kRow = Array(keys.scalars[((g * tk + j) * width)..<((g * tk + j + 1) * width)])
        let product = zip(qRow, kRow).map { $0 * $1 }
        let sum = product.reduce(Float(0), +)
        rows.append(("q = \(name).Q[\(h), \(i)]", vector(qRow), ""))
        rows.append(("k = \(name).K[\(g), \(j)]", vector(kRow), ""))
        rows.append(("q⊙k", vector(product), ""))
        rows.append(("score = Σ q⊙k", number(sum), stored(.scores, scores.scalars[cell]) + Interpreter.editNote(sum, scores.scalars[cell], "scores")))

        let score = scores.scalars[cell]
        let scaleNote = config.scale == nil ? "1/sqrt(d_head), d_head \(width)" : "set by `set scale=`"
        rows.append(("scale", number(config.effectiveScale), scaleNote))
        rows.append(("temperature", number(config.temperature), ""))
        var expected = score * config.effectiveScale / config.temperature
        var formula = "score·scale/temperature"
        if config.posenc == .alibi {
            let slope = PositionalEncoding.alibiSlope(head: h, heads: config.heads)
            let bias = -slope * Float(abs(i - j))
            rows.append(("ALiBi bias −m·|i−j|", number(bias), "m = 2^(−8·\(h + 1)/\(config.heads)) = \(TensorFormatter.formatScalar(slope, precision: state.precision))"))
            expected -= slope * Float(abs(i - j))
            formula += " + bias"
        }
        rows.append(("scaled = " + formula, number(expected), stored(.scaled, scaled.scalars[cell]) + Interpreter.editNote(expected, scaled.scalars[cell], "scaled")))

        let maskedValue = masked.scalars[cell]
        var maskNote = ""
        if let mask = traceMask(of: layer) {
            let offset = mask.rank == 3 ? h * tq * tk : 0
            maskNote = "\(name).mask[\(mask.rank == 3 ? "\(h), " : "")\(i), \(j)] = \(StageFormatter.fixed(mask.scalars[offset + i * tk + j], precision: 0))"
        }
        let blocked = maskedValue == -.infinity && scaled.scalars[cell] != -.infinity
        rows.append(("mask", blocked ? "blocked" : (maskedValue == -.infinity ? "-inf already" : "allowed"), maskNote))
        rows.append(("masked", number(maskedValue), stored(.masked, maskedValue)))

        let rowStart = (h * tq + i) * tk
        let row = Array(masked.scalars[rowStart..<(rowStart + tk)])
        let rowMax = row.max() ?? -.infinity
        var note = ""
        // The weight is stage 8's own (the one softmax kernel and its policy);
        // numerator and denominator show how it comes about.
        let weight = try Tensor.softmax(Tensor(row)).scalars[j]
        var numerator: Float = 0, denominator: Float = 0
        if row.contains(where: { $0.isNaN }) {
            (numerator, denominator) = (.nan, .nan)
            note = "the row holds NaN, so every weight is NaN"
        } else if rowMax == -.infinity {
            note = "every key of this row is blocked: its weights are 0 by definition (docs/reference.md §3.6)"
        } else if rowMax == .infinity {
            let winners = Float(row.filter { $0 == .infinity }.count)
            (numerator, denominator) = (maskedValue == .infinity ? 1 : 0, winners)
            note = "the row holds +inf: the weight is shared among its +inf keys"
        } else {
            for value in row { denominator += exp(value - rowMax) }
            numerator = exp(maskedValue - rowMax)
        }
        rows.append(("row max of \(name).masked[\(h), \(i)]", number(rowMax), ""))
        rows.append(("numerator exp(masked − max)", number(numerator), ""))
        rows.append(("denominator Σ_j exp(masked[j] − max)", number(denominator), note))
        var weightNote = stored(.p, p.scalars[cell])
        if config.dropout > 0 {
            weightNote += " (dropout p=\(number(config.dropout)): zeroed or scaled by 1/(1−p))"
        } else {
            weightNote += Interpreter.editNote(weight, p.scalars[cell], "P")
        }
        rows.append(("weight = numerator / denominator", number(weight), weightNote))

        let labelWidth = rows.map(\.0.count).max() ?? 0
        let valueWidth = rows.filter { !$0.1.hasPrefix("[") }.map(\.1.count).max() ?? 0
        for (label, value, note) in rows {
            let padded = label + String(repeating: " ", count: labelWidth - label.count)
            let shownValue = value + String(repeating: " ", count: max(0, valueWidth - value.count))
            lines.append((padded + "  " + shownValue + (note.isEmpty ? "" : "   " + note)).replacingTrailingSpaces())
        }
        print(lines.joined(separator: "\n"))
    }

    /// " (edited? ...)" when a stored trace value is not what its formula gives.
    static func editNote(_ computed: Float, _ stored: Float, _ stage: String) -> String {
        if computed == stored || (computed.isNaN && stored.isNaN) { return "" }
        // float32 rounding differs between BLAS and this sum by a few ulps.
        let tolerance = 1e-4 * max(1, abs(computed))
        if computed.isFinite && stored.isFinite && abs(computed - stored) <= tolerance { return "" }
        return "  (differs: `\(stage)` or a stage before it was edited)"
    }
}
