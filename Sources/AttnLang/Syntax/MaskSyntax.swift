import AttnCore

/// How the `mask` command spells masks: the words `causal`, `window W`,
/// `pad N`, `block S1,S2,...`, `none`, or the name of a mask tensor.
///
/// Parsing masks is the language's business; the core keeps `MaskSpec`, the
/// value. Every spec keeps the range of its words, so an error points at the
/// offending word (`window x` at `x`).
public enum MaskSyntax {
    /// The words that start a mask spec, in help order.
    public static let keywords = ["none", "causal", "window", "pad", "block"]

    /// The specs written by `words` (raw words of one statement), in order,
    /// each with its range. `none` is kept as a spec: it clears those before it.
    public static func specs(_ words: [Token]) throws -> [(spec: MaskSpec, range: SourceRange)] {
        var specs: [(spec: MaskSpec, range: SourceRange)] = []
        var index = 0
        /// The whole number after `keyword`, at least `minimum`.
        func count(after keyword: Token, _ what: String) throws -> (Int, SourceRange) {
            guard index + 1 < words.count else {
                throw LangError("`\(keyword.text)` needs \(what), as in `\(keyword.text) 3`", at: keyword.range)
            }
            index += 1
            let word = words[index]
            guard let value = Int(word.text), value >= 0 else {
                throw LangError("`\(keyword.text)` needs \(what) (a whole number ≥ 0), got `\(word.text)`", at: word.range)
            }
            return (value, keyword.range.through(word.range))
        }
        while index < words.count {
            let word = words[index]
            switch word.text {
            case "none": specs.append((.none, word.range))
            case "causal": specs.append((.causal, word.range))
            case "window":
                let (width, range) = try count(after: word, "a width W")
                specs.append((.window(width), range))
            case "pad":
                let (real, range) = try count(after: word, "the number N of real tokens")
                specs.append((.pad(real), range))
            case "block":
                specs.append(try block(after: word, words, &index))
            default:
                // `windw 2`: the number shows the word before it was meant as a keyword.
                if index > 0, Int(word.text) != nil, case .tensor(let name)? = specs.last?.spec,
                   let keyword = EditDistance.closest(to: name, among: ["window", "pad", "block"]) {
                    throw LangError("unknown mask `\(name)`; did you mean `\(keyword)`?", at: words[index - 1].range)
                }
                guard word.kind == .name, NameSyntax.isName(word.text) else {
                    throw LangError("unknown mask `\(word.text)`: expected causal, window W, pad N, block S1,S2,..., none, or a tensor name\(EditDistance.hint(for: word.text, among: keywords))", at: word.range)
                }
                specs.append((.tensor(word.text), word.range))
            }
            index += 1
        }
        return specs
    }

    /// `block S1,S2,...` from the word after `keyword`; `block 2, 3` (split
    /// at the blank) reads the same.
    private static func block(after keyword: Token, _ words: [Token], _ index: inout Int) throws -> (spec: MaskSpec, range: SourceRange) {
        guard index + 1 < words.count else {
            throw LangError("`block` needs segment lengths, as in `block 2,3`", at: keyword.range)
        }
        index += 1
        var text = words[index].text
        var range = words[index].range
        while text.hasSuffix(","), index + 1 < words.count {
            index += 1
            text += words[index].text
            range = range.through(words[index].range)
        }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        let lengths = parts.compactMap { Int($0) }
        guard lengths.count == parts.count, lengths.allSatisfy({ $0 > 0 }) else {
            throw LangError("`block` needs positive segment lengths separated by commas, as in `block 2,3`; got `\(text)`", at: range)
        }
        return (.block(lengths), keyword.range.through(range))
    }

    /// The masks that `specs` leave in force: each `none` clears those before it.
    public static func inForce(_ specs: [(spec: MaskSpec, range: SourceRange)]) -> [(spec: MaskSpec, range: SourceRange)] {
        var kept: [(spec: MaskSpec, range: SourceRange)] = []
        for entry in specs {
            if case .none = entry.spec { kept.removeAll() } else { kept.append(entry) }
        }
        return kept
    }
}
