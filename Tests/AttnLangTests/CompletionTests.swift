import AttnTestSupport
import Foundation
import Testing
@testable import AttnLang

private func session(with script: String = "") -> Session {
    let session = Transcript().session()
    session.runScript(script, fileName: "setup", keepGoing: false)
    return session
}

@Test(arguments: [
    ("sof", 0, ["softmax"]),
    ("sh", 0, ["show"]),
    ("x = sof", 4, ["softmax"]),
    ("x = attn.", 4, ["attn.P", "attn.Q"]),
    ("y = softmax(at", 12, ["attn.P", "attn.Q"]),
    ("show x prec", 7, ["precision="]),
    ("show x + ab", 9, ["abs"]),
    ("help so", 5, ["softmax", "source"]),
    ("help lang", 5, ["language"]),
    ("del at", 4, ["attn.P", "attn.Q"]),
    ("limit m", 6, ["mem="]),
    ("x = 1; se", 7, ["seed", "set"]),
])
func completesByContext(line: String, start: Int, expected: [String]) {
    let s = session(with: "attn.P = 1\nattn.Q = 2\nx = 3")
    let result = s.completions(line: line, cursor: line.count)
    #expect(result.start == start)
    #expect(result.candidates == expected)
}

@Test func commandNamesAreOfferedOnlyAtStatementStart() {
    let s = session()
    #expect(s.completions(line: "x = sh", cursor: 6).candidates.isEmpty)
    #expect(s.completions(line: "sh", cursor: 2).candidates == ["show"])
}

@Test func pathsCompleteWhereTheGrammarExpectsAPath() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("attnsh-complete-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    FileManager.default.createFile(atPath: folder.appendingPathComponent("weights.npy").path, contents: Data())
    let s = session()
    let line = "load w \(folder.path)/"
    let result = s.completions(line: line, cursor: line.count)
    #expect(result.start == 7)
    #expect(result.candidates == ["\(folder.path)/sub/", "\(folder.path)/weights.npy"])
    let partial = "save w \(folder.path)/we"
    #expect(s.completions(line: partial, cursor: partial.count).candidates == ["\(folder.path)/weights.npy"])
}

@Test func completionUsesTheCursorNotTheLineEnd() {
    let s = session(with: "alpha = 1")
    let result = s.completions(line: "x = al + 1", cursor: 6)
    #expect(result.start == 4)
    #expect(result.candidates == ["alpha"])
}
