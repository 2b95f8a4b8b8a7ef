import AttnCore

/// `model importance|prune|rollout|sinks|corpus`: the analyses of the
/// papers, on the loaded model (pretrained or a toy stack).
///
/// DECISIONS (docs/reference.md, "Real heads"):
/// - A FILE gives one sentence per line (blank lines and lines starting with
///   `#` are skipped); without FILE the last `model run` sentence is used.
/// - Importance and pruning ablate heads of the intact model (heads set with
///   `model ablate` or `model patch` are not part of them).
/// - Rollout and sinks describe the last sentence's run as `model run` made it
///   (with any ablations); `corpus` runs every line of FILE with the intact model.
/// - Sinks are the first and last positions: `[CLS]` and `[SEP]` for the encoder.
extension Interpreter {
    /// Points of `model prune` after the intact one, by default.
    static let defaultPruneSteps = 12
    /// The most lines `model importance|prune|corpus` read from a FILE.
    static let corpusLineLimit = 10_000

    mutating func runModelAnalysis(_ action: String, _ command: CommandInvocation, at range: SourceRange) throws {
        let model = try headModel(at: range)
        let mode = command.wordOption("mode").flatMap(HeadInterventions.Mode.init(rawValue:)) ?? .zero
        switch action {
        case "importance":
            let sentences = try analysisSentences(command, at: range)
            let importance = try headImportance(model, sentences, mode: mode, at: range)
            present(.viewTensor(importance))
        case "prune":
            let sentences = try analysisSentences(command, at: range)
            try pruneHeads(model, sentences, mode: mode, steps: command.integerOption("steps"), command: command, at: range)
        case "rollout":
            try showRollout(model, at: range)
        case "sinks":
            let last = try lastModelSentence(at: range)
            let (_, changed) = try modelRuns(last.ids, in: model, at: range)
            let sinks = try located(range) { try AttentionSinks.layers(of: changed, in: model) }
            state.workspace.set("model.sinks", Tensor(unchecked: [sinks.count, 4], scalars: sinks.flatMap {
                [$0.firstByWeight, $0.lastByWeight, $0.firstByNorm, $0.lastByNorm].map(Float.init)
            }))
            print("attention sinks of the last sentence (\(last.ids.count) tokens), mean over heads and queries (model.sinks [\(sinks.count), 4]):")
            printSinks(sinks)
        default:
            try describeCorpus(model, command, mode: mode, at: range)
        }
    }

    /// The sentences of FILE (ids and labels), or the last sentence.
    func analysisSentences(_ command: CommandInvocation, at range: SourceRange) throws -> [(ids: [Int], labels: [String])] {
        guard case .path(let path, let pathRange)? = command.value("FILE") else {
            let last = try lastModelSentence(at: range)
            return [(last.ids, last.labels)]
        }
        let bytes = try located(pathRange) { try FileContents.read(path: CommandSpec.expandTilde(path), maxBytes: 1 << 22) }
        let lines = String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        guard !lines.isEmpty else { throw LangError("\(path) has no sentences (one per line)", at: pathRange) }
        guard lines.count <= Interpreter.corpusLineLimit else {
            throw LangError("\(path) has \(lines.count) lines; at most \(Interpreter.corpusLineLimit)", at: pathRange)
        }
        return try lines.map { try modelTokens($0, at: pathRange) }
    }

    /// `model importance`: stores `model.importance` [L, H] and names the extremes; returns the name.
    mutating func headImportance(_ model: any HeadModel, _ sentences: [(ids: [Int], labels: [String])],
                                 mode: HeadInterventions.Mode, at range: SourceRange) throws -> String {
        let importance = try located(range) {
            try HeadImportance.importance(of: model, sentences: sentences.map(\.ids), mode: mode)
        }
        state.workspace.set("model.importance", importance)
        let order = HeadImportance.order(importance)
        let heads = model.headCount
        let text = { (address: HeadAddress) in
            "\(address) \(StageFormatter.fixed(importance.scalars[address.layer * heads + address.head], precision: 4))"
        }
        let count = sentences.count == 1 ? "1 sentence" : "\(sentences.count) sentences"
        print("model.importance [\(model.layerCount), \(heads)]: mean over \(count) of 1 − cos(intact, one head ablated, mode=\(mode.rawValue))")
        print("  most important: " + order.reversed().prefix(3).map(text).joined(separator: ", "))
        print("  least important: " + order.prefix(3).map(text).joined(separator: ", "))
        return "model.importance"
    }

    /// `model prune`: the importance, then the curve of mean cosine against the share removed.
    mutating func pruneHeads(_ model: any HeadModel, _ sentences: [(ids: [Int], labels: [String])],
                             mode: HeadInterventions.Mode, steps: Int?, command: CommandInvocation, at range: SourceRange) throws {
        let count = steps ?? Interpreter.defaultPruneSteps
        guard (1...1024).contains(count) else {
            throw LangError("steps must be between 1 and 1024, got \(count)", at: command.options["steps"]?.range ?? range)
        }
        _ = try headImportance(model, sentences, mode: mode, at: range)
        guard let importance = state.workspace["model.importance"] else { return }
        let curve = try located(range) {
            try HeadImportance.pruningCurve(of: model, sentences: sentences.map(\.ids), importance: importance,
                                            mode: mode, steps: count)
        }
        state.workspace.set("model.prune", Tensor(unchecked: [curve.count, 2],
                                                  scalars: curve.flatMap { [Float($0.share), Float($0.cosine)] }))
        print("pruning \(importance.count) heads least important first: mean cos(intact, pruned) over \(sentences.count) sentence\(sentences.count == 1 ? "" : "s") (model.prune [\(curve.count), 2])")
        print("removed  share  cosine")
        for point in curve {
            print("\(String(point.removed).leftPadded(to: 7))  \(StageFormatter.fixed(Float(point.share), precision: 2))   \(StageFormatter.fixed(Float(point.cosine), precision: 4))  " + Interpreter.bar(point.cosine))
        }
    }

    /// A bar of up to 20 blocks for a cosine in [0, 1].
    static func bar(_ value: Double) -> String {
        String(repeating: "█", count: Int((max(0, min(1, value)) * 20).rounded()))
    }

    /// `model rollout`: `model.rollout` [T, T] of the last sentence, shown.
    mutating func showRollout(_ model: any HeadModel, at range: SourceRange) throws {
        let last = try lastModelSentence(at: range)
        let (_, changed) = try modelRuns(last.ids, in: model, at: range)
        let rollout = try located(range) { try AttentionRollout.rollout(changed.attention) }
        state.workspace.set("model.rollout", rollout)
        state.labels["model.rollout"] = last.labels
        let t = last.ids.count
        let first = (0..<t).reduce(0.0) { $0 + Double(rollout.scalars[$1 * t]) } / Double(t)
        print("model.rollout [\(t), \(t)] = Â_\(model.layerCount - 1) ⋯ Â_0, Â_l = rownorm(0.5·mean_h P_l + 0.5·I): row i is how much output i draws on each input token")
        print("  mean share on \(last.labels.first ?? "the first token"): \(StageFormatter.fixed(Float(first), precision: 3)); each row's largest input: "
              + Interpreter.rowArgmax(rollout.scalars, columns: t, rowLabels: last.labels, columnLabels: last.labels))
        present(.viewTensor("model.rollout"))
    }

    /// The sink table, one line per layer.
    mutating func printSinks(_ sinks: [AttentionSinks]) {
        let (first, last) = state.model != nil ? ("[CLS]", "[SEP]") : ("first", "last")
        print("layer  \(first) weight  \(last) weight  \(first) norm  \(last) norm")
        for (layer, sink) in sinks.enumerated() {
            let values = [sink.firstByWeight, sink.lastByWeight, sink.firstByNorm, sink.lastByNorm]
                .map { StageFormatter.fixed(Float($0), precision: 3).padding(to: 12) }
            print("\(String(layer).padding(to: 5))  " + values.joined(separator: " "))
        }
    }

    /// `model corpus FILE [importance=true]`: per head the mean pattern scores, the sinks per
    /// layer and, on request, the importance grid, over every line of FILE.
    mutating func describeCorpus(_ model: any HeadModel, _ command: CommandInvocation,
                                 mode: HeadInterventions.Mode, at range: SourceRange) throws {
        let sentences = try analysisSentences(command, at: range)
        let (layers, heads) = (model.layerCount, model.headCount)
        let kinds = PositionPattern.Kind.allCases
        var scores = [Double](repeating: 0, count: layers * heads * kinds.count)
        var sinkSums = [[Double]](repeating: [0, 0, 0, 0], count: layers)
        for sentence in sentences {
            let trace = try located(range) { try model.trace(sentence.ids) }
            for layer in 0..<layers {
                let patterns = try located(range) { try PositionPattern.scores(trace.attention[layer]) }
                for (head, list) in patterns.enumerated() {
                    for (index, entry) in list.enumerated() { scores[(layer * heads + head) * kinds.count + index] += entry.score }
                }
            }
            for (layer, sink) in try located(range, { try AttentionSinks.layers(of: trace, in: model) }).enumerated() {
                let values = [sink.firstByWeight, sink.lastByWeight, sink.firstByNorm, sink.lastByNorm]
                for index in values.indices { sinkSums[layer][index] += values[index] }
            }
        }
        let n = Double(sentences.count)
        state.workspace.set("model.patterns", Tensor(unchecked: [layers, heads, kinds.count], scalars: scores.map { Float($0 / n) }))
        let (first, last) = state.model != nil ? ("[CLS]", "[SEP]") : ("first", "last")
        print("\(sentences.count) sentences; per head the mean pattern scores (model.patterns [\(layers), \(heads), \(kinds.count)]):")
        print("head   prev   next   itself \(first.padding(to: 6)) \(last.padding(to: 6)) broad  best")
        for address in HeadAddress.all(layers: layers, heads: heads) {
            let base = (address.layer * heads + address.head) * kinds.count
            let row = (0..<kinds.count).map { scores[base + $0] / n }
            let best = row.indices.max { row[$0] < row[$1] } ?? 0
            let name = [ "previous", "next", "itself", first, last, "broad"][best]
            print("\(address.description.padding(to: 5))  " + row.map { StageFormatter.fixed(Float($0), precision: 3).padding(to: 6) }.joined(separator: " ") + " \(name)")
        }
        print("sinks per layer, mean over the sentences:")
        printSinks(sinkSums.map { sums in
            AttentionSinks(firstByWeight: sums[0] / n, lastByWeight: sums[1] / n, firstByNorm: sums[2] / n, lastByNorm: sums[3] / n)
        })
        if command.booleanOption("importance") == true {
            present(.viewTensor(try headImportance(model, sentences, mode: mode, at: range)))
        }
    }
}

extension Interpreter {
    /// `model heads` on the encoder: one line per layer and head with its best positional
    /// pattern on the last sentence (as `model overview` scores them) and every score.
    mutating func showEncoderHeads(at range: SourceRange) throws {
        guard let encoding = try loadedModel(at: range).encoding else {
            throw LangError("no sentence yet: `model run TEXT` first, then `model heads`", at: range)
        }
        let names = ["previous token", "next token", "self", "[CLS]", "[SEP]", "broad"]
        print("heads of the encoder on the last sentence (\(encoding.ids.count) tokens):")
        print("layer.head  best              score   prev   next   self   [CLS]  [SEP]  broad")
        for (layer, p) in encoding.attention.enumerated() {
            for (head, scores) in try located(range, { try PositionPattern.scores(p) }).enumerated() {
                let best = scores.indices.max { scores[$0].score < scores[$1].score } ?? 0
                let columns = scores.map { StageFormatter.fixed(Float($0.score), precision: 2).padding(to: 5) }
                print("\("\(layer).\(head)".padding(to: 10))  \(names[best].padding(to: 16))  \(StageFormatter.fixed(Float(scores[best].score), precision: 2))    "
                      + columns.joined(separator: "  "))
            }
        }
    }
}
