import AttnTestSupport
import Foundation
import Testing
@testable import AttnLang

/// The golden files of the language tests, `Golden/` beside this file.
let languageGoldens = GoldenFolder(beside: #filePath)

/// Compares rendered text with the golden file `name` of `languageGoldens`
/// (`GoldenFolder`: ATTNSH_RECORD_GOLDEN=1 re-records, a failure shows a line diff).
func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    languageGoldens.check(actual, named: name, sourceLocation: sourceLocation)
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
