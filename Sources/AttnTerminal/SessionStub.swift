// LOCAL STUB, never committed: stands in for AttnLang.Session until the lang branch lands.
public final class Session {
    let output: (String) -> Void
    let errors: (String) -> Void
    var names: [String] = []
    public init(output: @escaping (String) -> Void, errors: @escaping (String) -> Void) {
        self.output = output; self.errors = errors
    }
    public var prompt: String { "attnsh> " }
    @discardableResult public func runScript(_ source: String, fileName: String, keepGoing: Bool) -> Bool {
        var ok = true
        for (i, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if !runLine(String(line), lineNumber: i + 1, fileName: fileName) { ok = false; if !keepGoing { return false } }
        }
        return ok
    }
    @discardableResult public func runScript(bytes: [UInt8], fileName: String, keepGoing: Bool) -> Bool {
        if bytes.contains(0) { errors("\(fileName):1:1: error: binary\n"); return false }
        return runScript(String(decoding: bytes, as: UTF8.self), fileName: fileName, keepGoing: keepGoing)
    }
    @discardableResult public func runLine(_ text: String, lineNumber: Int) -> Bool {
        runLine(text, lineNumber: lineNumber, fileName: "<stdin>")
    }
    func runLine(_ text: String, lineNumber: Int, fileName: String) -> Bool {
        if text.hasPrefix("bad") { errors("\(fileName):\(lineNumber):1: error: bad\n\(text)\n^\n"); return false }
        if let eq = text.firstIndex(of: "=") { names.append(String(text[..<eq]).trimmingCharacters(in: " ")); return true }
        if !text.isEmpty { output(text + "\n") }
        return true
    }
    public func needsContinuation(_ text: String) -> Bool { text.hasSuffix("\\") }
    public func completions(line: String, cursor: Int) -> (start: Int, candidates: [String]) {
        let prefix = Array(line.prefix(cursor))
        var start = prefix.count
        while start > 0, prefix[start - 1].isLetter || prefix[start - 1] == "." { start -= 1 }
        let word = String(prefix[start...])
        return (start, names.filter { $0.hasPrefix(word) })
    }
}
extension String {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
