import Testing
@testable import AttnLang

/// Control characters from scripts and files are shown visibly, never sent to the terminal.
@Suite struct TerminalTextTests {
    @Test(arguments: [
        ("plain text, tabs\tand\nnewlines", "plain text, tabs\tand\nnewlines"),
        ("\u{1B}]0;PWNED\u{07}", "^[]0;PWNED^G"),
        ("red \u{1B}[31mword", "red ^[[31mword"),
        ("over\rwrite", "over^Mwrite"),
        ("del\u{7F}", "del^?"),
        ("csi \u{9B}2J", "csi <U+009B>2J"),
        ("ünïcödé − ·", "ünïcödé − ·"),
    ])
    func controlCharactersAreShownVisibly(_ text: String, _ shown: String) {
        #expect(TerminalText.visible(text) == shown)
    }

    @Test func aDiagnosticShowsItsLineVisiblyWithTheCaretUnderTheColumn() {
        let line = "echo \u{1B}]0;x\u{07} hi"
        let diagnostic = Diagnostic(severity: .error, message: "unexpected character",
                                    range: SourceRange(line: 1, column: 11, length: 1), fileName: "t.attn")
        let lines = DiagnosticRenderer.render(diagnostic, sourceLine: line).split(separator: "\n").map(String.init)
        #expect(lines[1] == "echo ^[]0;x^G hi")
        #expect(lines[2] == String(repeating: " ", count: 11) + "^", "the caret sits under ^G")
        #expect(!lines.joined().unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
    }
}
