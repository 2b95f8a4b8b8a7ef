import Foundation
import Testing

/// A folder of golden files: stored expected text that a test's output is
/// compared with, or re-recorded into.
///
/// The one way to re-record is the environment variable
/// `ATTNSH_RECORD_GOLDEN=1` (`ATTNSH_RECORD_GOLDEN=1 swift test --filter …`):
/// every golden a test checks is then written instead of compared, and the
/// test passes; review the changed files with `git diff` before committing.
/// Without it, a mismatch fails the test with a line diff (`LineDiff`): `-`
/// lines are the golden file's, `+` lines the test's, each with its number.
///
/// A stored file always ends with one newline; text that lacks it gets it.
public struct GoldenFolder: Sendable {
    /// The environment variable that re-records golden files when it is `1`.
    public static let recordVariable = "ATTNSH_RECORD_GOLDEN"

    /// True when this test run re-records golden files instead of comparing them.
    public static var isRecording: Bool {
        ProcessInfo.processInfo.environment[recordVariable] == "1"
    }

    /// The folder holding the files.
    public let url: URL

    /// The folder at `url`.
    public init(_ url: URL) {
        self.url = url
    }

    /// The folder `name` beside the source file `filePath` (pass `#filePath`).
    public init(beside filePath: String, named name: String = "Golden") {
        url = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent(name)
    }

    /// Compares `actual` with the file `name` of this folder, or records it
    /// when `recording` (by default: when `ATTNSH_RECORD_GOLDEN=1`); a missing
    /// file or a difference is a test failure at `sourceLocation`.
    public func check(_ actual: String, named name: String, recording: Bool = GoldenFolder.isRecording,
                      sourceLocation: SourceLocation = #_sourceLocation) {
        let file = url.appendingPathComponent(name)
        let text = actual.hasSuffix("\n") ? actual : actual + "\n"
        if recording {
            do {
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
                try Data(text.utf8).write(to: file, options: .atomic)
            } catch {
                Issue.record("could not record the golden file \(file.path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let stored = FileManager.default.contents(atPath: file.path) else {
            Issue.record("the golden file \(file.path) is missing; record it with \(Self.recordVariable)=1",
                         sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: stored, as: UTF8.self)
        guard expected != text else { return }
        let diff = LineDiff(expected: expected, actual: text)
        // Equal lines but unequal texts: the stored file lacks its final newline.
        let shown = diff.isEmpty ? "(same lines; the golden file does not end with a newline)" : diff.rendered()
        Issue.record("""
            \(name) differs from its golden file \(file.path) (- golden, + actual; \(Self.recordVariable)=1 re-records):
            \(shown)
            """, sourceLocation: sourceLocation)
    }
}
