import Foundation
import Testing
import AttnTerminal

/// Compares rendered text with a stored golden file, or re-records it.
///
/// Golden files live in `Golden/` beside this file. With the environment
/// variable `ATTNSH_RECORD_GOLDEN=1` the file is (re)written instead of
/// compared; review the result by eye before committing it. On a mismatch the
/// test fails with a line diff (`-` expected, `+` actual, with line numbers).
enum GoldenFile {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("Golden")

    static var isRecording: Bool {
        ProcessInfo.processInfo.environment["ATTNSH_RECORD_GOLDEN"] == "1"
    }

    static func check(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent(name + ".txt")
        let text = actual.hasSuffix("\n") ? actual : actual + "\n"
        if isRecording {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try text.write(to: url, atomically: true, encoding: .utf8)
            } catch {
                Issue.record("could not record golden \(name).txt: \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("golden file \(name).txt is missing; run with ATTNSH_RECORD_GOLDEN=1 to record it",
                         sourceLocation: sourceLocation)
            return
        }
        if expected != text {
            let diff = lineDiff(expected: expected, actual: text)
            Issue.record("rendering differs from golden \(name).txt:\n\(diff)",
                         sourceLocation: sourceLocation)
        }
    }

    /// The lines that differ, each as `-NNN expected` / `+NNN actual`.
    static func lineDiff(expected: String, actual: String) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var lines: [String] = []
        for index in 0..<max(old.count, new.count) {
            let before = index < old.count ? String(old[index]) : nil
            let after = index < new.count ? String(new[index]) : nil
            guard before != after else { continue }
            let number = String(index + 1)
            if let before { lines.append("-\(number) \(before)") }
            if let after { lines.append("+\(number) \(after)") }
        }
        return lines.joined(separator: "\n")
    }

    /// The golden text of a colour rendering: the characters, then the style map.
    static func colorText(_ grid: CellGrid) -> String {
        grid.text + "\n--- styles\n" + grid.styleMap
    }
}
