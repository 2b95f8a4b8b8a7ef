import AttnCore

/// The analysis commands that read a layer's trace: `entropy`, `top`,
/// `heads`, `stats`; and the trace access they share with `explain`.
///
/// Everything is read from the workspace (`NAME.P`, `NAME.masked`, ...), so
/// a user's edit to a stage tensor shows in the analysis.
extension Interpreter {
    /// The current layer with its trace computed through `stage`, or an
    /// error saying what to run.
    func tracedLayer(through stage: AttentionStage, for what: String, at range: SourceRange) throws -> LayerState {
        let layer = try currentLayer(at: range)
        guard layer.computed < stage.number else { return layer }
        let needed = stage.tensorName(layer: layer.name)
        let how = layer.computed == 0 ? "`run` first (or `step \(stage.number)`)"
            : "`run`, or `step \(stage.number - layer.computed)` to reach it"
        throw LangError("`\(what)` needs \(needed) (stage \(stage.number)), but `\(layer.name)` has \(layer.computed) of \(AttentionStage.allCases.count) stages computed; \(how)", at: range)
    }

    /// Tq and Tk of the layer's trace: rows of its input and of its kv input.
    func traceLengths(_ layer: LayerState) -> (tq: Int, tk: Int) {
        let tq = layer.input?.shape.first ?? 0
        return (tq, layer.kv?.shape.first ?? tq)
    }

    /// The trace tensor of `stage`, checked against the shape the layer gives it.
    func traceTensor(_ stage: AttentionStage, of layer: LayerState, at range: SourceRange) throws -> Tensor {
        let name = stage.tensorName(layer: layer.name)
        guard let tensor = state.workspace[name] else {
            throw LangError("`\(name)` is not in the workspace (deleted?); `run` again", at: range)
        }
        let (tq, tk) = traceLengths(layer)
        let expected = stage.shape(layer.config, tq: tq, tk: tk)
        guard tensor.shape == expected else {
            throw LangError("`\(name)` has shape \(Tensor.describe(tensor.shape)) but `\(layer.name)` expects \(Tensor.describe(expected)); `run` again", at: range)
        }
        return tensor
    }

    /// The applied mask `NAME.mask` when present and of a fitting shape.
    func traceMask(of layer: LayerState) -> Tensor? {
        let (tq, tk) = traceLengths(layer)
        guard let mask = state.workspace[layer.name + ".mask"],
              mask.shape == [tq, tk] || mask.shape == [layer.config.heads, tq, tk] else { return nil }
        return mask
    }

    /// Labels for `count` rows: the given ones when they fit, else indices.
    static func labels(_ labels: [String], count: Int) -> [String] {
        labels.count == count ? labels : (0..<count).map(String.init)
    }

    /// `entropy`: H = −Σ_j P[h, i, j] ln P[h, i, j] per query (rows) and head
    /// (columns), with each head's mean.
    mutating func printEntropy(_ command: CommandInvocation) throws {
        let layer = try tracedLayer(through: .p, for: "entropy", at: command.nameRange)
        let p = try traceTensor(.p, of: layer, at: command.nameRange)  // [H, Tq, Tk]
        let entropy = try located(command.nameRange) { try Tensor.entropy(p, dim: -1) }  // [H, Tq]
        let (heads, tq) = (layer.config.heads, traceLengths(layer).tq)
        var values: [Float] = []  // [Tq + 1, H], the last row the means
        for i in 0..<tq {
            for h in 0..<heads { values.append(entropy.scalars[h * tq + i]) }
        }
        for h in 0..<heads {
            let row = entropy.scalars[(h * tq)..<((h + 1) * tq)]
            values.append(tq == 0 ? 0 : row.reduce(0, +) / Float(tq))
        }
        print("entropy of \(layer.name).P per query, in nats (a uniform row over n keys has ln n; one key, 0)")
        print(StageFormatter.table(values, height: tq + 1, width: heads,
                                   rows: Interpreter.labels(layer.queryLabels, count: tq) + ["mean"],
                                   columns: (0..<heads).map { "head \($0)" }, precision: state.precision, corner: "query"))
    }

    /// `top [K]`: per head and query, the K keys with the largest weights
    /// (ties: the earlier key); blocked keys are left out.
    mutating func printTopKeys(_ command: CommandInvocation) throws {
        var k = 3
        if case .integer(let n, let range)? = command.value("K") {
            guard n >= 1 else { throw LangError("`top` takes a positive number of keys, got \(n)", at: range) }
            k = n
        }
        let layer = try tracedLayer(through: .p, for: "top", at: command.nameRange)
        let p = try traceTensor(.p, of: layer, at: command.nameRange)  // [H, Tq, Tk]
        let masked = try traceTensor(.masked, of: layer, at: command.nameRange)  // [H, Tq, Tk]
        let (tq, tk) = traceLengths(layer)
        let queries = Interpreter.labels(layer.queryLabels, count: tq)
        let keys = Interpreter.labels(layer.keyLabels, count: tk)
        let width = queries.map(\.count).max() ?? 0
        var lines = ["top \(min(k, tk)) key\(min(k, tk) == 1 ? "" : "s") of \(layer.name).P per head and query"]
        for h in 0..<layer.config.heads {
            lines.append("head \(h)")
            for i in 0..<tq {
                let start = (h * tq + i) * tk
                let allowed = (0..<tk).filter { masked.scalars[start + $0] != -.infinity }
                // NaN (from a user edit) ranks last so that sorting stays well defined.
                func weight(_ j: Int) -> Float { p.scalars[start + j].isNaN ? -.infinity : p.scalars[start + j] }
                let ranked = allowed.sorted { a, b in weight(a) > weight(b) || (weight(a) == weight(b) && a < b) }.prefix(k)
                let items = ranked.map { "\(keys[$0]) \(StageFormatter.fixed(p.scalars[start + $0], precision: state.precision))" }
                let label = String(repeating: " ", count: width - queries[i].count) + queries[i]
                lines.append("  \(label) → " + (items.isEmpty ? "(every key blocked)" : items.joined(separator: ", ")))
            }
        }
        print(lines.joined(separator: "\n"))
    }

    /// `heads [PATTERN]`: one line per head with its best pattern (or
    /// "mixed" below the threshold) and every score, or one pattern's scores.
    mutating func printHeadPatterns(_ command: CommandInvocation) throws {
        let layer = try tracedLayer(through: .p, for: "heads", at: command.nameRange)
        let p = try traceTensor(.p, of: layer, at: command.nameRange)
        let results = try located(command.nameRange) {
            try HeadPatternScores.detect(weights: p, queryLabels: layer.queryLabels, keyLabels: layer.keyLabels,
                                         allowed: traceMask(of: layer))
        }
        func score(_ value: Float) -> String { StageFormatter.fixed(value, precision: 2) }
        var lines: [String] = []
        if case .word(let word, _)? = command.value("PATTERN"), let pattern = HeadPattern(rawValue: word) {
            lines.append("\(pattern.rawValue) (\(pattern.description)) score: \(pattern.definition)")
            for result in results { lines.append("head \(result.head)  \(score(result.score(pattern)))") }
        } else {
            let names = results.map { $0.isMixed ? "mixed" : $0.best.description }
            let width = names.map(\.count).max() ?? 0
            for (result, name) in zip(results, names) {
                let all = HeadPattern.allCases.map { "\($0.rawValue) \(score(result.score($0)))" }.joined(separator: "  ")
                let best = result.isMixed ? "   " : " \(score(result.score(result.best)))"
                lines.append("head \(result.head)  \(name.padding(to: width))\(best)   [\(all)]")
            }
            lines.append("(a head whose best score is below \(score(HeadPatternScores.threshold)) is mixed; `heads PATTERN` shows how a score is defined)")
        }
        print(lines.map { $0.replacingTrailingSpaces() }.joined(separator: "\n"))
    }

    /// The text of `stats`.
    func statsText(_ stats: TensorStats, name: String, shape: [Int]) -> String {
        func number(_ value: Float) -> String { TensorFormatter.formatScalar(value, precision: state.precision) }
        var lines = ["\(name) \(Tensor.describe(shape)): \(stats.count) element\(stats.count == 1 ? "" : "s"), \(stats.finiteCount) finite"]
        lines.append("min \(number(stats.min))  max \(number(stats.max))  mean \(number(stats.mean))  std \(number(stats.std))")
        lines.append("nan \(stats.nanCount)  +inf \(stats.positiveInfinityCount)  -inf \(stats.negativeInfinityCount)")
        return lines.joined(separator: "\n")
    }
}

extension String {
    /// The string without trailing spaces.
    func replacingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
