import AttnCore
import Foundation

/// Layer settings given as words (`mask`, `ablate`) and token inputs
/// (`tokens`, `embeddings`).
extension Interpreter {
    /// `mask SPEC...`: replaces the current layer's mask; specs combine by AND.
    mutating func setMask(_ command: CommandInvocation) throws {
        var layer = try currentLayer(at: command.nameRange)
        guard case .text(let text, let range)? = command.value("SPEC") else { return }
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        let specs = try located(range) { try MaskSpec.parse(words: words) }
        for case .tensor(let name) in specs where !state.workspace.contains(name) {
            throw undefinedName(name, at: range)
        }
        layer.config.masks = specs
        state.layers[layer.name] = layer
    }

    /// `ablate H...` zeroes those heads' outputs; `ablate none` restores all.
    mutating func setAblation(_ command: CommandInvocation) throws {
        var layer = try currentLayer(at: command.nameRange)
        guard case .text(let text, let range)? = command.value("HEADS") else { return }
        let words = text.split(whereSeparator: { $0.isWhitespace || $0 == "," }).map(String.init)
        if words == ["none"] {
            layer.config.ablated = []
        } else {
            var heads = Set<Int>()
            for word in words {
                guard let head = Int(word), head >= 0, head < layer.config.heads else {
                    throw LangError("`ablate` takes head numbers 0..\(layer.config.heads - 1) or `none`, not `\(word)`", at: range)
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
        guard case .text(let text, let range)? = command.value("WORDS") else { return }
        var words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        var target = "X"
        if let last = words.last, last.hasPrefix("as=") {
            target = String(last.dropFirst(3))
            words.removeLast()
            guard Interpreter.isValidName(target) else {
                throw LangError("`as=` needs a tensor name, not `\(target)`", at: range)
            }
        }
        guard !words.isEmpty else {
            throw LangError("`tokens` needs at least one word; usage: tokens WORD... [as=NAME]", at: range)
        }
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
        guard case .path(let rawPath, let range)? = command.value("PATH") else { return }
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
    /// Whether `text` is a name of the language: identifier segments joined by dots.
    static func isValidName(_ text: String) -> Bool {
        let segments = text.split(separator: ".", omittingEmptySubsequences: false)
        return !segments.isEmpty && segments.allSatisfy { segment in
            guard let first = segment.first, first == "_" || (first.isASCII && first.isLetter) else { return false }
            return segment.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
        }
    }
}
