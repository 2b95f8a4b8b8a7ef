import Foundation
import Testing
@testable import AttnLang

/// One language test script, `Tests/Scripts/<topic>/<case>.attn`.
///
/// `# expect: TEXT` lines list the expected output lines in order;
/// `# expect-error: LINE:COL: FRAGMENT` lines the expected errors in order.
/// The script runs through `Session.runScript` (the path `attnsh FILE`
/// takes) with keepGoing, so one script can check several errors.
struct ScriptCase: CustomTestStringConvertible, Sendable {
    let path: String
    var testDescription: String { path.components(separatedBy: "/Scripts/").last ?? path }

    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Scripts")

    static var all: [ScriptCase] {
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        var paths: [String] = []
        while let relative = enumerator?.nextObject() as? String {
            if relative.hasSuffix(".attn") { paths.append(root.appendingPathComponent(relative).path) }
        }
        return paths.sorted().map(ScriptCase.init)
    }
}

/// Collects what a session prints.
final class Transcript: @unchecked Sendable {
    var output: [String] = []
    var errors: [String] = []

    func session() -> Session {
        let session = Session(output: { self.output.append(contentsOf: $0.components(separatedBy: "\n")) },
                              errors: { self.errors.append($0) })
        session.appliesLimitProcessWide = false
        return session
    }

    /// The `FILE:LINE:COL: error: ...` header lines.
    var errorHeaders: [String] { errors.map { $0.components(separatedBy: "\n")[0] } }
}

@Test func scriptsExist() {
    #expect(ScriptCase.all.count >= 10)
}

@Test(arguments: ScriptCase.all)
func script(_ script: ScriptCase) throws {
    let source = try String(contentsOfFile: script.path, encoding: .utf8)
    var expectedOutput: [String] = []
    var expectedErrors: [(position: String, fragment: String)] = []
    for line in source.components(separatedBy: "\n") {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("# expect: ") {
            expectedOutput.append(String(trimmed.dropFirst("# expect: ".count)))
        } else if trimmed == "# expect:" {
            expectedOutput.append("")
        } else if trimmed.hasPrefix("# expect-error: ") {
            let rest = trimmed.dropFirst("# expect-error: ".count)
            let parts = rest.split(separator: " ", maxSplits: 1).map(String.init)
            expectedErrors.append((parts[0], parts.count > 1 ? parts[1] : ""))
        }
    }
    let transcript = Transcript()
    let session = transcript.session()
    let fileName = URL(fileURLWithPath: script.path).lastPathComponent
    let succeeded = session.runScript(source, fileName: fileName, keepGoing: true)
    // Trailing spaces are kept by numpy-style alignment; compare lines exactly
    // except for trailing blanks, which an editor may strip from the script.
    let actual = transcript.output.map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
    #expect(actual == expectedOutput, "output of \(fileName)")
    #expect(succeeded == expectedErrors.isEmpty)
    let headers = transcript.errorHeaders
    #expect(headers.count == expectedErrors.count, "errors: \(headers)")
    for (header, expected) in zip(headers, expectedErrors) {
        #expect(header.hasPrefix("\(fileName):\(expected.position) error: ") && header.contains(expected.fragment),
                "expected \(expected.position) \(expected.fragment), got \(header)")
    }
}
