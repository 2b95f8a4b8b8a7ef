import AttnCore

/// Prints attention stage tensors with their token labels: query tokens down
/// the side, key tokens (or feature indices) across the top, one table per
/// head.
///
/// Used by `step` (stage number, name, formula, shape, value) and by `show`
/// on a trace tensor. Tensors above `TensorFormatter.summaryThreshold`
/// elements fall back to the numpy-style summary in `show`; `step` prints
/// one summary line per head instead (`StageFormatter+Labels.swift`).
public enum StageFormatter {
    /// What `step` prints for one computed stage.
    public static func stepReport(_ output: StageOutput, layer: LayerState, precision: Int) -> String {
        let stage = output.stage
        let name = stage.tensorName(layer: layer.name)
        var lines = ["stage \(stage.number)/\(AttentionStage.allCases.count) \(stage.name): \(stage.formula)   \(name) \(Tensor.describe(output.tensor.shape))"]
        if output.tensor.count > TensorFormatter.summaryThreshold {
            let labels = AxisLabels.stage(stage, shape: output.tensor.shape, config: layer.config,
                                          queryLabels: layer.queryLabels, keyLabels: layer.keyLabels)
            lines.append(summary(output.tensor, name: name, labels: labels, precision: precision))
        } else {
            lines.append(body(stage: stage, tensor: output.tensor, layer: layer, precision: precision))
        }
        for extra in output.extras {
            lines.append("\(extra.name) \(Tensor.describe(extra.tensor.shape))  (1 = allowed)")
            lines.append(grids(extra.tensor, rows: layer.queryLabels, columns: layer.keyLabels,
                               precision: 0, headLabel: "head"))
        }
        return lines.joined(separator: "\n")
    }

    /// The labelled form of a layer's trace tensor `name`, or nil when
    /// `name` is not one (the caller then prints it plainly).
    public static func labelled(name: String, tensor: Tensor, state: SessionState, precision: Int) -> String? {
        for layer in state.layers.values {
            let prefix = layer.name + "."
            guard name.hasPrefix(prefix), layer.computed > 0 else { continue }
            let suffix = String(name.dropFirst(prefix.count))
            if suffix == "mask" {
                return "\(name) \(Tensor.describe(tensor.shape))  (1 = allowed)\n"
                    + grids(tensor, rows: layer.queryLabels, columns: layer.keyLabels, precision: 0, headLabel: "head")
            }
            guard let stage = AttentionStage(name: suffix), stage.number <= layer.computed else { continue }
            return "\(name) \(Tensor.describe(tensor.shape))  \(stage.formula)\n"
                + body(stage: stage, tensor: tensor, layer: layer, precision: precision)
        }
        return nil
    }

    /// The value of a stage tensor with the labels that fit its axes.
    static func body(stage: AttentionStage, tensor: Tensor, layer: LayerState, precision: Int) -> String {
        let headLabel = (stage == .k || stage == .v) && layer.config.kvHeads != layer.config.heads ? "kv head" : "head"
        switch stage {
        case .k, .v:
            return grids(tensor, rows: layer.keyLabels, columns: [], precision: precision, headLabel: headLabel)
        case .scores, .scaled, .masked, .p:
            return grids(tensor, rows: layer.queryLabels, columns: layer.keyLabels, precision: precision, headLabel: headLabel)
        default:
            return grids(tensor, rows: layer.queryLabels, columns: [], precision: precision, headLabel: headLabel)
        }
    }

    /// One labelled table per leading index of a rank-3 tensor, or one table
    /// for rank 2; anything else, or too large, prints numpy style.
    public static func grids(_ tensor: Tensor, rows: [String], columns: [String], precision: Int, headLabel: String) -> String {
        guard tensor.rank == 2 || tensor.rank == 3, tensor.count <= TensorFormatter.summaryThreshold else {
            return TensorFormatter.format(tensor, precision: precision)
        }
        let matrices = tensor.rank == 3 ? tensor.shape[0] : 1
        let (height, width) = (tensor.shape[tensor.rank - 2], tensor.shape[tensor.rank - 1])
        var tables: [String] = []
        for m in 0..<matrices {
            let base = m * height * width
            let values = Array(tensor.scalars[base..<(base + height * width)])
            let corner = tensor.rank == 3 ? "\(headLabel) \(m)" : ""
            tables.append(table(values, height: height, width: width, rows: rows, columns: columns,
                                precision: precision, corner: corner))
        }
        return tables.joined(separator: "\n")
    }

    /// A table of `height` × `width` values with row and column labels.
    static func table(_ values: [Float], height: Int, width: Int, rows: [String], columns: [String],
                      precision: Int, corner: String) -> String {
        let rowLabels = rows.count == height ? rows : (0..<height).map(String.init)
        let columnLabels = columns.count == width ? columns : (0..<width).map(String.init)
        let cells = values.map { fixed($0, precision: precision) }
        let cellWidth = max(cells.map(\.count).max() ?? 1, columnLabels.map(\.count).max() ?? 1)
        let labelWidth = max(rowLabels.map(\.count).max() ?? 0, corner.count)
        var lines = [pad(corner, labelWidth, left: false) + columnLabels.map { " " + pad($0, cellWidth, left: true) }.joined()]
        for i in 0..<height {
            var line = pad(rowLabels[i], labelWidth, left: true)
            for j in 0..<width { line += " " + pad(cells[i * width + j], cellWidth, left: true) }
            lines.append(line)
        }
        return lines.map { trimTrailing($0) }.joined(separator: "\n")
    }

    /// A number with `precision` digits after the point: `0.4700`, `-inf`.
    static func fixed(_ value: Float, precision: Int) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        let scale = pow10(precision)
        let rounded = (Double(value) * scale).rounded() / scale
        let negative = rounded < 0 || (rounded == 0 && value.sign == .minus && rounded != 0)
        let magnitude = abs(rounded)
        let whole = magnitude.rounded(.down)
        guard whole < 1e15 else { return TensorFormatter.formatScalar(value, precision: precision) }
        var text = String(Int(whole))
        if precision > 0 {
            let fraction = Int(((magnitude - whole) * scale).rounded())
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: max(0, precision - digits.count)) + digits
        }
        return (negative ? "-" : "") + text
    }

    private static func pow10(_ n: Int) -> Double {
        var result = 1.0
        for _ in 0..<n { result *= 10 }
        return result
    }

    private static func pad(_ text: String, _ width: Int, left: Bool) -> String {
        let fill = String(repeating: " ", count: max(0, width - text.count))
        return left ? fill + text : text + fill
    }

    private static func trimTrailing(_ line: String) -> String {
        var line = line
        while line.last == " " { line.removeLast() }
        return line
    }
}
