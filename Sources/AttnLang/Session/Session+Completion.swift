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
            return commandCompletion(spec, characters: characters, argumentIndex: previousWords.count - 1)
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

    /// Completion inside a command's arguments, by the command's grammar.
    private func commandCompletion(_ spec: CommandSpec, characters: [Character], argumentIndex: Int) -> (start: Int, candidates: [String]) {
        let wordStart = (characters.lastIndex(where: { $0 == " " || $0 == "\t" }) ?? -1) + 1
        let word = String(characters[wordStart...])
        let optionKeys = spec.options.map { $0.key + "=" }
        // Positional arguments, expanding a repeating last one.
        // An expression or free text takes every word from its position on.
        var kind: ArgumentKind?
        for (i, argument) in spec.arguments.enumerated() {
            let spansRest: Bool
            switch argument.kind {
            case .expression, .text: spansRest = true
            default: spansRest = argument.repeats
            }
            if i == argumentIndex || (spansRest && argumentIndex > i) {
                kind = argument.kind
                break
            }
        }
        if spec.name == "help" {
            return (wordStart, Session.filter(HelpText.topics, word))
        }
        switch kind {
        case .path?:
            return (wordStart, Session.pathCandidates(word))
        case .name?:
            return (wordStart, Session.filter(workspaceNames, word))
        case .word(let choices)?:
            return (wordStart, Session.filter(choices + optionKeys, word))
        case .expression?:
            let start = nameStart(characters, lowerBound: wordStart)
            let prefix = String(characters[start...])
            let keys = start == wordStart ? optionKeys : []
            return (start, Session.filter(workspaceNames + functionNames + keys, prefix))
        default:
            return (wordStart, Session.filter(optionKeys, word))
        }
    }

    /// Where the name under the cursor starts (letters, digits, `_`, `.`).
    private func nameStart(_ characters: [Character], lowerBound: Int) -> Int {
        var start = characters.count
        while start > lowerBound, characters[start - 1].isNameStart || characters[start - 1].isASCIIDigit || characters[start - 1] == "." {
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
