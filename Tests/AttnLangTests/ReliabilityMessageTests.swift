import AttnCore
import Foundation
import Testing
import AttnTestSupport
@testable import AttnLang

/// Messages that say what is wrong, and the language-side reproducers of
/// the reliability suite: dotted names, invisible characters, long lines,
/// CRLF scripts, and `load`'s report of a CSV header.
@Suite struct ReliabilityMessageTests {
    /// The rendered errors of running `script` (keep going past each).
    static func errors(of script: String) -> [String] {
        let transcript = Transcript()
        _ = transcript.session().runScript(script, fileName: "t.attn", keepGoing: true)
        return transcript.errors
    }

    @Test(arguments: [
        ("a.b. = 3", "t.attn:1:4: error: `a.b.` is not a name: a `.` in a name must be followed by a letter or `_`"),
        ("x = ones(2)\ny = x.", "t.attn:2:6: error: `x.` is not a name: a `.` in a name must be followed by a letter or `_`"),
        ("x = ones(2)\ny = (x).y", "t.attn:2:8: error: only `.T` (transpose) may follow `)` or `]`, not `y`"),
        ("\u{FEFF}x = 1", "t.attn:1:1: error: unexpected character U+FEFF (byte order mark)"),
        ("x = \u{00A0}1", "t.attn:1:5: error: unexpected character U+00A0 (no-break space)"),
        ("x = 1\u{200B}", "t.attn:1:6: error: unexpected character U+200B (zero width space)"),
        ("x = \u{7}", "t.attn:1:5: error: unexpected character U+0007 (control character)"),
        ("x = §", "t.attn:1:5: error: unexpected character `§`"),
    ])
    func messagesSayWhatIsWrong(script: String, header: String) {
        let errors = Self.errors(of: script)
        #expect(errors.first?.components(separatedBy: "\n").first == header, "\(errors)")
    }

    @Test func aChainOfTransposesIsBoundedAndFolds() throws {
        let transcript = Transcript()
        let session = transcript.session()
        let chain = String(repeating: ".T", count: 255)
        #expect(session.runScript("x = ones(2, 3)\ny = x\(chain)\nz = x.T.T", fileName: "t.attn", keepGoing: false))
        #expect(session.state.workspace["y"]?.shape == [3, 2])
        #expect(session.state.workspace["z"]?.shape == [2, 3])
        let errors = Self.errors(of: "x = ones(2, 3)\ny = x" + String(repeating: ".T", count: 257))
        #expect(errors.first?.hasPrefix("t.attn:2:5: error: `.T` is repeated more than 256 times") == true)
    }

    @Test func aLongLineIsElidedAroundTheColumn() {
        let line = String(repeating: "a", count: 4_000_000) + " $ " + String(repeating: "b", count: 4_000_000)
        let diagnostic = Diagnostic(severity: .error, message: "m", range: SourceRange(line: 1, column: 4_000_002, length: 1), fileName: "f")
        let lines = DiagnosticRenderer.render(diagnostic, sourceLine: line).components(separatedBy: "\n")
        #expect(lines.count == 3)
        #expect(lines[1].count == 1 + 201 + 1 && lines[1].hasPrefix("…a") && lines[1].hasSuffix("b…"))
        // The caret still sits under the `$`.
        let caret = lines[2].count - 1
        #expect(Array(lines[1])[caret] == "$" && lines[2].last == "^")
    }

    @Test func aShortLineIsShownWhole() {
        let diagnostic = Diagnostic(severity: .error, message: "m", range: SourceRange(line: 1, column: 150, length: 3), fileName: "f")
        let line = String(repeating: "x", count: 160)
        #expect(DiagnosticRenderer.render(diagnostic, sourceLine: line) == "f:1:150: error: m\n\(line)\n\(String(repeating: " ", count: 149))^~~")
    }

    @Test func aScriptWithCRLFLineEndsRuns() {
        let transcript = Transcript()
        let session = transcript.session()
        #expect(session.runScript("x = [1, 2]\r\ny = x + 1\r\ny\r\n", fileName: "t.attn", keepGoing: false), "\(transcript.errors)")
        #expect(session.state.workspace["y"]?.scalars == [2, 3])
    }

    @Test func loadSaysWhenItSkippedAHeaderRow() throws {
        let folder = NSTemporaryDirectory() + "/attnsh-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data("a,b,c\n1,2,3\n".utf8).write(to: URL(fileURLWithPath: folder + "/h.csv"))
        try Data("1,2,3\n".utf8).write(to: URL(fileURLWithPath: folder + "/n.csv"))
        let transcript = Transcript()
        let session = transcript.session()
        #expect(session.runScript("load x \(folder)/h.csv\nload y \(folder)/n.csv", fileName: "t.attn", keepGoing: false))
        #expect(transcript.output.contains("x [1, 3] from \(folder)/h.csv (header row: a, b, c)"))
        #expect(!transcript.output.contains { $0.contains("n.csv") })
    }
}
