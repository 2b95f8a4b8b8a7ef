import AttnCore
import Foundation

/// Layer settings given as words (`mask`, `ablate`) and token inputs
/// (`tokens`, `embeddings`).
extension Interpreter {
    /// `mask SPEC...`: replaces the current layer's mask; specs combine by AND.
    mutating func setMask(_ command: CommandInvocation) throws {
        var layer = try currentLayer(at: command.nameRange)
        var written: [(spec: MaskSpec, range: SourceRange)] = []
        for value in try command.requiredValues("SPEC") {
            guard case .mask(let spec, let range) = value else { throw command.missing("SPEC") }
            written.append((spec, range))
        }
        let specs = MaskSyntax.inForce(written)
        for case (.tensor(let name), let range) in specs where !state.workspace.contains(name) {
            // `mask casual`: a word that is neither a mask nor a tensor.
            let hint = EditDistance.hint(for: name, among: MaskSyntax.keywords + state.workspace.names)
            throw LangError("`\(name)` is neither a mask nor a tensor\(hint)", at: range)
        }
        layer.config.masks = specs.map(\.spec)
        state.layers[layer.name] = layer
    }

    /// `ablate H...` zeroes those heads' outputs; `ablate none` restores all.
    mutating func setAblation(_ command: CommandInvocation) throws {
        var layer = try currentLayer(at: command.nameRange)
        let values = try command.requiredValues("H")
        if values.count == 1, case .word("none", _) = values[0] {
            layer.config.ablated = []
        } else {
            var heads = Set<Int>()
            for value in values {
                guard case .integer(let head, _) = value, head >= 0, head < layer.config.heads else {
                    throw LangError("`ablate` takes head numbers 0..\(layer.config.heads - 1) or `none`, not `\(Interpreter.written(value))`", at: value.range)
                }
                heads.insert(head)
            }
            layer.config.ablated = layer.config.ablated.union(heads)
        }
        state.layers[layer.name] = layer
        let now = layer.config.ablated.sorted().map(String.init).joined(separator: " ")
        print(now.isEmpty ? "all heads active" : "ablated heads: \(now)")
    }

    /// `tokens WORD... [as=NAME]`: token labels and the tensor [T, D] of
    /// their vectors (seeded per distinct word, or from `embeddings`).
    mutating func makeTokens(_ command: CommandInvocation) throws {
        let layer = try currentLayer(at: command.nameRange)
        let values = try command.requiredValues("WORD")
        let words = values.compactMap(\.string)
        let range = values[0].range.through(values[values.count - 1].range)
        var target = "X"
        if case .name(let name)? = command.options["as"]?.value { target = name }
        let dModel = layer.config.dModel
        let matrix: Tensor
        if let vectors = state.wordVectors {
            guard vectors.dimension == dModel else {
                throw LangError("the word vectors of \(vectors.source) have \(vectors.dimension) dimensions but layer `\(layer.name)` has d_model=\(dModel)", at: range)
            }
            matrix = try located(range) { try vectors.matrix(words: words) }
        } else {
            let seed = state.seedValue
            matrix = try located(range) { try TokenVectors.matrix(words: words, seed: seed, dModel: dModel) }
        }
        state.workspace.set(target, matrix)
        state.labels[target] = words
        print("\(target) \(Tensor.describe(matrix.shape)): " + words.joined(separator: " "))
    }

    /// `embeddings PATH`: word vectors for `tokens`; `embeddings off` goes back
    /// to the seeded vectors.
    mutating func loadEmbeddings(_ command: CommandInvocation) throws {
        let (rawPath, range) = try command.path("PATH")
        if rawPath == "off" {
            state.wordVectors = nil
            return
        }
        let path = CommandSpec.expandTilde(rawPath)
        let vectors = try located(range) { () throws -> WordVectors in
            let bytes = try FileContents.read(path: path, maxBytes: FileContents.maxBytes(bytesPerValue: 4, slack: 1 << 20))
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw TensorError("\(rawPath): not valid UTF-8 text")
            }
            return try WordVectors(text: text, source: rawPath)
        }
        state.wordVectors = vectors
        print("\(vectors.vectors.count) word vectors of \(vectors.dimension) dimensions from \(rawPath)")
    }
}

extension Interpreter {
    /// An argument value as it was written, for errors: `2`, `none`.
    static func written(_ value: ArgumentValue) -> String {
        if case .integer(let number, _) = value { return String(number) }
        return value.string ?? ""
    }
}
