import AttnTestSupport
import Foundation
import Testing
@testable import AttnLang

/// One language test script, `Tests/Scripts/<topic>/<case>.attn`.
///
/// `# expect: TEXT` lines list the expected output lines in order;
/// `# expect-error: LINE:COL: FRAGMENT` (or `# expect-warning:`) lines the
/// expected diagnostics in order.
/// The script's bytes run through `Session.runScript(bytes:)`, the path
/// `attnsh FILE` takes (UTF-8 and NUL checks included), with keepGoing, so
/// one script can check several errors.
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

@Test func scriptsExist() {
    #expect(ScriptCase.all.count >= 10)
}

@Test(arguments: ScriptCase.all)
func script(_ script: ScriptCase) throws {
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: script.path)))
    // The expectations are read leniently; the run below checks the bytes as `attnsh FILE` does.
    let source = String(decoding: bytes, as: UTF8.self)
    var expectedOutput: [String] = []
    var expectedErrors: [(severity: String, position: String, fragment: String)] = []
    for line in source.components(separatedBy: "\n") {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("# expect: ") {
            expectedOutput.append(String(trimmed.dropFirst("# expect: ".count)))
        } else if trimmed == "# expect:" {
            expectedOutput.append("")
        } else if trimmed.hasPrefix("# expect-error: ") || trimmed.hasPrefix("# expect-warning: ") {
            let severity = trimmed.hasPrefix("# expect-error: ") ? "error" : "warning"
            let rest = trimmed.dropFirst("# expect-\(severity): ".count)
            let parts = rest.split(separator: " ", maxSplits: 1).map(String.init)
            expectedErrors.append((severity, parts[0], parts.count > 1 ? parts[1] : ""))
        }
    }
    let transcript = Transcript()
    let fileName = URL(fileURLWithPath: script.path).lastPathComponent
    let succeeded = transcript.runScript(bytes: bytes, fileName: fileName, keepGoing: true)
    // Trailing spaces are kept by numpy-style alignment; compare lines exactly
    // except for trailing blanks, which an editor may strip from the script.
    let actual = transcript.output.map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
    #expect(actual == expectedOutput, "output of \(fileName)")
    #expect(succeeded == !expectedErrors.contains { $0.severity == "error" })
    let headers = transcript.errorHeaders
    #expect(headers.count == expectedErrors.count, "errors: \(headers)")
    for (header, expected) in zip(headers, expectedErrors) {
        #expect(header.hasPrefix("\(fileName):\(expected.position) \(expected.severity): ") && header.contains(expected.fragment),
                "expected \(expected.position) \(expected.fragment), got \(header)")
    }
}
