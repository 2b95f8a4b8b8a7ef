import Foundation
import Testing
@testable import AttnLang

/// Compares rendered text with a golden file beside the tests. Set
/// ATTNSH_RECORD_GOLDEN=1 to rewrite the files; a failure shows a line diff.
func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden").appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["ATTNSH_RECORD_GOLDEN"] != nil {
        try (actual + "\n").write(to: url, atomically: true, encoding: .utf8)
        return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    let expectedLines = expected.components(separatedBy: "\n").dropLast()
    let actualLines = actual.components(separatedBy: "\n")
    var diff: [String] = []
    for i in 0..<max(expectedLines.count, actualLines.count) {
        let e = i < expectedLines.count ? expectedLines[expectedLines.startIndex + i] : nil
        let a = i < actualLines.count ? actualLines[i] : nil
        if e != a {
            diff.append("line \(i + 1):\n- \(e ?? "<none>")\n+ \(a ?? "<none>")")
        }
    }
    #expect(diff.isEmpty, "\(name) differs from its golden file:\n\(diff.joined(separator: "\n"))", sourceLocation: sourceLocation)
}

@Test func helpOverviewMatchesGolden() throws {
    try expectGolden(HelpText.overview, "help.txt")
}

@Test func helpLanguageMatchesGolden() throws {
    try expectGolden(HelpText.language, "help-language.txt")
}

@Test func diagnosticsOfABrokenScriptMatchGolden() throws {
    let transcript = Transcript()
    let session = transcript.session()
    session.runScript("""
        x = [[1, 2], [3, 4]]
        y = x @ [1, 2, 3]
        z = softmx(x, dim=-1)
        w = [[1, 2], [3]]
        show x precison=2
        \tq = (1 + 2
        """, fileName: "broken.attn", keepGoing: true)
    try expectGolden(transcript.errors.joined(separator: "\n"), "broken-diagnostics.txt")
}
