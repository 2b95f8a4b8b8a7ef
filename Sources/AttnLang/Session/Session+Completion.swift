import Foundation

/// Tab completion, driven by the command and function tables.
extension Session {
    /// Tab completion: the start offset (in Characters) of the word being
    /// completed and the candidates: command names at statement start,
    /// workspace names, function names, option keys of the command (e.g.
    /// `precision=`), `help` topics, and file paths where the grammar expects
    /// a PATH.
    public func completions(line: String, cursor: Int) -> (start: Int, candidates: [String]) {
        let characters = Array(line.prefix(max(cursor, 0)))
        // The statement being typed starts after the last `;` outside quotes.
        var statementStart = 0
        var inQuotes = false
        for (i, c) in characters.enumerated() {
            if c == "\"" { inQuotes.toggle() }
            if c == ";" && !inQuotes { statementStart = i + 1 }
        }
        let statement = Array(characters[statementStart...])
        let words = String(statement).split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let endsInBlank = statement.last == " " || statement.last == "\t"
        let previousWords = endsInBlank ? words : Array(words.dropLast())

        if let first = previousWords.first, let spec = CommandSpec.named(first), !(words.count > 1 && words[1].hasPrefix("=")) {
            var argumentWords = Array(previousWords.dropFirst())
            var arguments = spec.arguments
            var keywords: [String] = []
            var form = spec
            if let keyword = argumentWords.first, let subcommand = spec.subcommand(keyword) {
                arguments = subcommand.arguments
                form = spec.form(keyword) ?? spec
                argumentWords.removeFirst()
            } else if argumentWords.isEmpty {
                keywords = spec.subcommands.map(\.keyword)
            }
            return commandCompletion(form, arguments: arguments, keywords: keywords, characters: characters,
                                     previousWords: argumentWords)
        }
        let start = nameStart(characters, lowerBound: statementStart)
        let prefix = String(characters[start...])
        var candidates = workspaceNames + functionNames
        if previousWords.isEmpty && statement[..<(start - statementStart)].allSatisfy({ $0 == " " || $0 == "\t" }) {
            candidates += CommandSpec.all.map(\.name)
        }
        return (start, Session.filter(candidates, prefix))
    }

    private var workspaceNames: [String] { state.workspace.names }
    private var functionNames: [String] { FunctionSpec.all.map(\.name) }

    /// Completion inside a command's arguments, by the kind of the argument
    /// under the cursor in the command table; `keywords` are subcommands
    /// that may stand here (`model l` → `layer`, `load`).
    private func commandCompletion(_ spec: CommandSpec, arguments: [ArgumentSpec], keywords: [String],
                                   characters: [Character], previousWords: [String]) -> (start: Int, candidates: [String]) {
        let wordStart = (characters.lastIndex(where: { $0 == " " || $0 == "\t" }) ?? -1) + 1
        let word = String(characters[wordStart...])
        let optionKeys = spec.options.map { $0.key + "=" }
        let argumentIndex = previousWords.count
        // Positional arguments, expanding a repeating last one.
        // An expression or free text takes every word from its position on.
        var argument: ArgumentSpec?
        for (i, candidate) in arguments.enumerated() {
            let spansRest: Bool
            switch candidate.kind {
            case .expression, .text: spansRest = true
            default: spansRest = candidate.repeats
            }
            if i == argumentIndex || (spansRest && argumentIndex > i) {
                argument = candidate
                break
            }
        }
        guard let argument else { return (wordStart, Session.filter(keywords + optionKeys, word)) }
        let fixed = keywords + argument.keywords
        switch argument.kind {
        case .path:
            return (wordStart, Session.pathCandidates(word) + Session.filter(fixed, word))
        case .name:
            return (wordStart, Session.filter(workspaceNames + fixed, word))
        case .word(let choices):
            return (wordStart, Session.filter(choices + fixed + optionKeys, word))
        case .helpTopic:
            return (wordStart, Session.filter(HelpText.topics + fixed, word))
        case .maskSpec:
            // After `window`, `pad` or `block` a number follows, not a mask.
            if let last = previousWords.last, ["window", "pad", "block"].contains(last) { return (wordStart, []) }
            return (wordStart, Session.filter(MaskSyntax.keywords + workspaceNames + fixed, word))
        case .head:
            let heads = state.currentLayer.flatMap { state.layers[$0] }.map { Array(0..<$0.config.heads).map(String.init) } ?? []
            return (wordStart, Session.filter(heads + fixed, word))
        case .expression:
            let start = nameStart(characters, lowerBound: wordStart)
            let prefix = String(characters[start...])
            let keys = start == wordStart ? optionKeys : []
            return (start, Session.filter(workspaceNames + functionNames + fixed + keys, prefix))
        case .integer, .integerList, .text, .rawWord:
            return (wordStart, Session.filter(fixed + optionKeys, word))
        }
    }

    /// Where the name under the cursor starts (letters, digits, `_`, `.`).
    private func nameStart(_ characters: [Character], lowerBound: Int) -> Int {
        var start = characters.count
        while start > lowerBound, characters[start - 1].isNameContinuation || characters[start - 1] == "." {
            start -= 1
        }
        return start
    }

    private static func filter(_ candidates: [String], _ prefix: String) -> [String] {
        Array(Set(candidates.filter { $0.hasPrefix(prefix) })).sorted()
    }

    /// Files and folders (with a trailing `/`) that complete `word`.
    static func pathCandidates(_ word: String) -> [String] {
        let quoted = word.hasPrefix("\"")
        let typed = quoted ? String(word.dropFirst()) : word
        let slash = typed.lastIndex(of: "/")
        let folderPart = slash.map { String(typed[...$0]) } ?? ""
        let namePrefix = slash.map { String(typed[typed.index(after: $0)...]) } ?? typed
        let folder = folderPart.isEmpty ? "." : CommandSpec.expandTilde(folderPart)
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        return entries.filter { $0.hasPrefix(namePrefix) && (namePrefix.hasPrefix(".") || !$0.hasPrefix(".")) }
            .map { entry in
                var isFolder: ObjCBool = false
                let full = (folder as NSString).appendingPathComponent(entry)
                _ = FileManager.default.fileExists(atPath: full, isDirectory: &isFolder)
                return (quoted ? "\"" : "") + folderPart + entry + (isFolder.boolValue ? "/" : "")
            }
            .sorted()
    }
}
