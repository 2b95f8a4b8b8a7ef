import AttnCore
import AttnFigures

/// The analysis commands that report on layers and tensors rather than on
/// one trace: `cost`, `compare`, `export`.
extension Interpreter {
    /// `cost [T=N]`: parameters, FLOPs and memory by stage (`AttentionCost`).
    /// T defaults to the trace's queries, else the rows of `X`, else 128.
    mutating func printCost(_ command: CommandInvocation) throws {
        let layer = try currentLayer(at: command.nameRange)
        let config = layer.config
        var tq = 128, tk: Int?
        var source = "default"
        if let option = command.options["T"], case .integer(let t) = option.value {
            guard t >= 1 else { throw LangError("T must be a positive number of tokens, got \(t)", at: option.range) }
            (tq, source) = (t, "as given")
        } else if layer.computed > 0, layer.input != nil {
            (tq, tk) = traceLengths(layer)
            source = "the trace"
        } else if let x = state.workspace["X"], x.rank == 2, x.shape[0] >= 1 {
            (tq, source) = (x.shape[0], "rows of X")
        }
        let cost = try located(command.options["T"]?.range ?? command.nameRange) {
            try AttentionCost(config: config, tq: tq, tk: tk)
        }
        let tokens = cost.tk == cost.tq ? "T=\(cost.tq) tokens" : "Tq=\(cost.tq) queries, Tk=\(cost.tk) keys"
        var lines = ["cost of \(config.description) for \(tokens) (\(source))"]
        let biasText = config.bias ? " + \(cost.biasParameters) biases" : ""
        lines.append("parameters: \(cost.weightParameters) weights\(biasText) = \(cost.parameters)  (\(Interpreter.bytes(cost.parameterBytes)) as float32)")
        var table: [[String]] = [["stage", "tensor", "shape", "FLOPs", "memory"]]
        for row in cost.stages {
            table.append(["\(row.stage.number) \(row.stage.name)", row.stage.tensorName(layer: config.name),
                          Tensor.describe(row.stage.shape(config, tq: cost.tq, tk: cost.tk)),
                          "\(row.flops)", Interpreter.bytes(row.bytes)])
        }
        table.append(["total", "", "", "\(cost.totalFlops)", Interpreter.bytes(cost.totalStageBytes)])
        lines += Interpreter.aligned(table, rightAligned: [3, 4])
        lines.append("FLOPs: a matrix product [m, n]·[n, p] is 2·m·n·p; softmax counts 5 per weight (max, subtract, exp, sum, divide); masked cells are computed too, as here")
        let (g, h, k) = (config.kvHeads, config.heads, config.dHead)
        let perToken = cost.kvCacheFloatsPerToken * 4
        let full = cost.kvCacheFloatsPerTokenWithoutSharing * 4
        if g < h {
            let saved = full - perToken
            let percent = Int((Double(h - g) / Double(h) * 100).rounded())
            lines.append("key/value cache: 2·G·K = 2·\(g)·\(k) = \(cost.kvCacheFloatsPerToken) floats (\(Interpreter.bytes(perToken))) per token; with kv_heads = heads = \(h): \(cost.kvCacheFloatsPerTokenWithoutSharing) floats (\(Interpreter.bytes(full)))")
            lines.append("  kv_heads=\(g) saves \(Interpreter.bytes(saved)) per token (\(percent)%), \(Interpreter.bytes(saved.multipliedReportingOverflow(by: cost.tk).partialValue)) for \(cost.tk) tokens")
        } else {
            lines.append("key/value cache: 2·H·K = 2·\(h)·\(k) = \(cost.kvCacheFloatsPerToken) floats (\(Interpreter.bytes(perToken))) per token; kv_heads < heads would share it")
        }
        print(lines.joined(separator: "\n"))
    }

    /// `compare A B`: two tensors of one shape, or two layers' weights.
    mutating func compare(_ command: CommandInvocation) throws {
        let a = try command.expression("A"), b = try command.expression("B")
        if case .name(let first, _) = a, case .name(let second, _) = b,
           !state.workspace.contains(first), !state.workspace.contains(second),
           let left = state.layers[first], let right = state.layers[second] {
            print(try compareLayers(left, right, at: command.nameRange))
            return
        }
        let x = try evaluate(a), y = try evaluate(b)
        guard x.shape == y.shape else {
            throw LangError(TensorError.shapeMismatch("compare", x.shape, y.shape).message, at: a.range.through(b.range))
        }
        var lines = ["\(a) vs \(b)  \(Tensor.describe(x.shape))"]
        let difference = Tensor(unchecked: x.shape, scalars: zip(x.scalars, y.scalars).map { $0 - $1 })
        if x.rank <= 2 && x.count <= 64 {
            let blocks = [("A = \(a)", x), ("B = \(b)", y), ("A − B", difference)].map { title, tensor in
                [title] + TensorFormatter.format(tensor, precision: state.precision).components(separatedBy: "\n")
            }
            lines += Interpreter.sideBySide(blocks)
        }
        lines += differenceSummary(x, y, label: "")
        print(lines.joined(separator: "\n"))
    }

    /// One block per weight of two layers: shapes, and their differences.
    private func compareLayers(_ left: LayerState, _ right: LayerState, at range: SourceRange) throws -> String {
        var lines = ["layers \(left.name) vs \(right.name)", "  \(left.config.description)", "  \(right.config.description)"]
        let suffixes = LayerWeights.matrixSuffixes + LayerWeights.biasSuffixes
        for suffix in suffixes {
            let x = state.workspace[left.name + "." + suffix], y = state.workspace[right.name + "." + suffix]
            guard x != nil || y != nil else { continue }
            guard let x, let y else {
                lines.append("\(suffix): only in \(x == nil ? right.name : left.name)")
                continue
            }
            guard x.shape == y.shape else {
                lines.append("\(suffix): shapes differ, \(Tensor.describe(x.shape)) vs \(Tensor.describe(y.shape))")
                continue
            }
            lines.append("\(suffix) \(Tensor.describe(x.shape)):")
            lines += differenceSummary(x, y, label: "  ", largest: 3)
        }
        return lines.joined(separator: "\n")
    }

    /// max and mean |A − B|, how many elements differ, and the largest differences.
    private func differenceSummary(_ x: Tensor, _ y: Tensor, label: String, largest: Int = 5) -> [String] {
        func number(_ value: Float) -> String { TensorFormatter.formatScalar(value, precision: state.precision) }
        func index(_ flat: Int) -> String {
            var rest = flat, parts: [Int] = []
            for extent in x.shape.reversed() { parts.append(rest % max(extent, 1)); rest /= max(extent, 1) }
            return "[" + parts.reversed().map(String.init).joined(separator: ", ") + "]"
        }
        // Elements are equal when both are NaN or both the same infinity;
        // any other non-finite difference ranks above every finite one.
        var differing: [(Int, Float)] = []
        var total = 0.0, finiteCount = 0
        for n in 0..<x.count {
            let (u, v) = (x.scalars[n], y.scalars[n])
            if u == v || (u.isNaN && v.isNaN) { finiteCount += 1; continue }
            let gap = abs(u - v)
            if gap.isFinite { total += Double(gap); finiteCount += 1 }
            differing.append((n, gap.isFinite ? gap : .infinity))
        }
        guard !differing.isEmpty else { return ["\(label)identical: all \(x.count) elements equal"] }
        differing.sort { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
        let mean = finiteCount == 0 ? Float.nan : Float(total / Double(finiteCount))
        var lines = ["\(label)\(differing.count) of \(x.count) elements differ; max |A−B| \(number(differing[0].1)) at \(index(differing[0].0)), mean |A−B| \(number(mean))"]
        lines.append("\(label)largest differences (index: A, B, A−B):")
        for (n, _) in differing.prefix(largest) {
            let (u, v) = (x.scalars[n], y.scalars[n])
            lines.append("\(label)  \(index(n)): \(number(u)), \(number(v)), \(number(u - v))")
        }
        return lines
    }

    /// `export svg|csv TENSOR PATH`: a heatmap figure or a labelled table,
    /// written atomically.
    mutating func export(_ command: CommandInvocation) throws {
        let (format, _) = try command.word("FORMAT")
        let (name, nameRange) = try command.name("TENSOR")
        let (rawPath, pathRange) = try command.path("PATH")
        let tensor = try lookup(name, at: nameRange)
        let axes = exportAxes(of: name)
        let path = CommandSpec.expandTilde(rawPath)
        if format == "svg" {
            let text: String = try located(nameRange) {
                let title = "\(name) \(Tensor.describe(tensor.shape))"
                return try SVGHeatmap(tensor, title: title, subtitle: axes.subtitle, rowLabels: axes.rows,
                                      columnLabels: axes.columns, panelLabel: axes.panel,
                                      mask: exportMask(of: name)).svg()
            }
            try located(pathRange) { try AtomicFile.write(Array(text.utf8), to: path) }
        } else {
            // The shape error first, located at the tensor, before any file is made.
            if tensor.rank > 3 { _ = try located(nameRange) { try LabelledCSV.encode(tensor) } }
            try located(pathRange) {
                try AtomicFile.write(to: path) { output in
                    try LabelledCSV.encode(tensor, rowLabels: axes.rows, columnLabels: axes.columns,
                                           panelLabel: axes.panel) { try output.write($0) }
                }
            }
        }
        let panels = tensor.rank == 3 ? "\(tensor.shape[0]) panels of " : ""
        let size = tensor.rank >= 2 ? "\(panels)\(tensor.shape[tensor.rank - 2])×\(tensor.shape[tensor.rank - 1])" : Tensor.describe(tensor.shape)
        print("wrote \(rawPath) (\(format), \(name) \(size))")
    }

    /// The mask (1 = allowed) an exported figure of `name` marks, as the panes do: the trace's
    /// `NAME.mask` for its masked scores and P (of a layer or a snapshot), else none.
    func exportMask(of name: String) -> Tensor? {
        guard let dot = name.lastIndex(of: ".") else { return nil }
        let prefix = String(name[..<dot]), suffix = String(name[name.index(after: dot)...])
        guard suffix == AttentionStage.masked.name || suffix == AttentionStage.p.name,
              state.layers[prefix] != nil || state.snapshots[prefix] != nil else { return nil }
        return state.workspace[prefix + ".mask"]
    }

    /// Row and column labels, panel word and subtitle for exporting `name`:
    /// token labels on the axes of a trace tensor, and its stage and formula.
    func exportAxes(of name: String) -> (rows: [String], columns: [String], panel: String, subtitle: String) {
        for layer in state.layers.values where name.hasPrefix(layer.name + ".") && layer.computed > 0 {
            let suffix = String(name.dropFirst(layer.name.count + 1))
            if suffix == "mask" {
                return (layer.queryLabels, layer.keyLabels, "head", "mask as applied (1 = allowed) · \(layer.config.description)")
            }
            guard let stage = AttentionStage(name: suffix), stage.number <= layer.computed else { continue }
            let subtitle = "stage \(stage.number)/\(AttentionStage.allCases.count) · \(stage.formula) · \(layer.config.description)"
            switch stage {
            case .scores, .scaled, .masked, .p: return (layer.queryLabels, layer.keyLabels, "head", subtitle)
            case .k, .v:
                let panel = layer.config.kvHeads == layer.config.heads ? "head" : "kv head"
                return (layer.keyLabels, [], panel, subtitle)
            default: return (layer.queryLabels, [], "head", subtitle)
            }
        }
        return (state.labels[name] ?? [], [], "panel", "")
    }

    /// A byte count: exact below 1 KiB, else also in KiB/MiB/...
    static func bytes(_ count: Int) -> String {
        count < 1024 ? "\(count) B" : "\(count) B (\(MemoryLimit.formatBytes(count)))"
    }

    /// Rows of cells as aligned columns (two spaces apart).
    static func aligned(_ rows: [[String]], rightAligned: Set<Int>) -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { c in rows.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { c, text in
                let fill = String(repeating: " ", count: widths[c] - text.count)
                return rightAligned.contains(c) ? fill + text : text + fill
            }.joined(separator: "  ").replacingTrailingSpaces()
        }
    }

    /// Blocks of lines placed next to each other, separated by " │ ".
    static func sideBySide(_ blocks: [[String]]) -> [String] {
        let height = blocks.map(\.count).max() ?? 0
        let widths = blocks.map { $0.map(\.count).max() ?? 0 }
        return (0..<height).map { line in
            blocks.enumerated().map { b, block in
                let text = line < block.count ? block[line] : ""
                return text + String(repeating: " ", count: widths[b] - text.count)
            }.joined(separator: " │ ").replacingTrailingSpaces()
        }
    }
}
