import Testing
@testable import AttnLang

@Test func rendersHeaderSourceLineAndCaret() {
    let diagnostic = Diagnostic(severity: .error, message: "`q` is not defined; did you mean `x`?",
                                range: SourceRange(line: 3, column: 9, length: 1), fileName: "lesson.attn")
    #expect(DiagnosticRenderer.render(diagnostic, sourceLine: "y = x + q") == """
    lesson.attn:3:9: error: `q` is not defined; did you mean `x`?
    y = x + q
            ^
    """)
}

@Test func tildesUnderlineTheRestOfTheRangeUpToTheLineEnd() {
    let diagnostic = Diagnostic(severity: .warning, message: "row 2 is fully masked",
                                range: SourceRange(line: 1, column: 5, length: 20), fileName: "<stdin>")
    #expect(DiagnosticRenderer.render(diagnostic, sourceLine: "x = softmax(m)") == """
    <stdin>:1:5: warning: row 2 is fully masked
    x = softmax(m)
        ^~~~~~~~~~
    """)
}

@Test func caretKeepsTabsAndWorksWithoutASourceLine() {
    let diagnostic = Diagnostic(severity: .error, message: "m", range: SourceRange(line: 1, column: 3, length: 2), fileName: "f")
    #expect(DiagnosticRenderer.render(diagnostic, sourceLine: "\tx+y") == "f:1:3: error: m\n\tx+y\n\t ^~")
    #expect(DiagnosticRenderer.render(diagnostic, sourceLine: nil) == "f:1:3: error: m")
}

@Test(arguments: [
    ("softmx", ["softmax", "sum"], "softmax"),
    ("shwo", ["show", "ls"], "show"),
    ("q", ["x"], "x"),
    ("qqqq", ["x"], nil),
])
func suggestionsUseEditDistanceUpToTwo(word: String, candidates: [String], expected: String?) {
    #expect(EditDistance.closest(to: word, among: candidates) == expected)
}

@Test func editDistanceCountsEdits() {
    #expect(EditDistance.between("kitten", "sitting") == 3)
    #expect(EditDistance.between("", "abc") == 3)
    #expect(EditDistance.between("same", "same") == 0)
}
