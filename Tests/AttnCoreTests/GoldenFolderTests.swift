import AttnTestSupport
import Foundation
import Testing

/// The shared golden-file helper: its line diff, its comparison and its recording.
@Suite struct GoldenFolderTests {
    @Test("Equal texts have an empty diff")
    func equalTexts() {
        let diff = LineDiff(expected: "a\nb\n", actual: "a\nb\n")
        #expect(diff.isEmpty)
        #expect(diff.rendered() == "")
    }

    @Test("An inserted line is one + line, numbered, between context lines")
    func insertedLine() {
        let diff = LineDiff(expected: "a\nb\nc\nd\ne\nf\n", actual: "a\nb\nc\nX\nd\ne\nf\n")
        #expect(!diff.isEmpty)
        #expect(diff.rendered(context: 1) == "    3  c\n+   4  X\n    4  d")
    }

    @Test("A changed line shows - golden then + actual, each with its line number")
    func changedLine() {
        let diff = LineDiff(expected: "one\ntwo\nthree\n", actual: "one\n2\nthree\n")
        #expect(diff.rendered(context: 0) == "-   2  two\n+   2  2")
    }

    @Test("Changes far apart are separate hunks; past the limit the rest is counted")
    func hunksAndLimit() {
        let old = (1...20).map { "line \($0)" }
        var new = old
        new[1] = "changed 2"
        new[15] = "changed 16"
        let diff = LineDiff(expected: old.joined(separator: "\n"), actual: new.joined(separator: "\n"))
        #expect(diff.rendered(context: 0) == "-   2  line 2\n+   2  changed 2\n…\n-  16  line 16\n+  16  changed 16")
        #expect(diff.rendered(context: 0, limit: 1) == "-   2  line 2\n… 3 more differing lines")
    }

    @Test("Lines only at the end: removed lines keep their numbers")
    func droppedTail() {
        let diff = LineDiff(expected: "a\nb\nc", actual: "a")
        #expect(diff.rendered(context: 0) == "-   2  b\n-   3  c")
    }

    @Test("A matching file passes; recording writes the text with one final newline")
    func recordThenCompare() throws {
        let scratch = try ScratchFolder()
        let folder = GoldenFolder(scratch.url)
        folder.check("first\nsecond", named: "case.txt", recording: true)
        #expect(try String(contentsOfFile: scratch.file("case.txt"), encoding: .utf8) == "first\nsecond\n")
        folder.check("first\nsecond", named: "case.txt", recording: false)
        folder.check("first\nsecond\n", named: "case.txt", recording: false)
    }

    @Test("A differing text fails with the file's name and the line diff")
    func mismatchFails() throws {
        let scratch = try ScratchFolder()
        try scratch.write("first\nsecond\n", to: "case.txt")
        let folder = GoldenFolder(scratch.url)
        withKnownIssue {
            folder.check("first\nthird", named: "case.txt", recording: false)
        } matching: { issue in
            let text = issue.comments.map(\.rawValue).joined()
            return text.contains("case.txt differs") && text.contains("-   2  second\n+   2  third")
        }
    }

    @Test("A missing file fails and says how to record it")
    func missingFileFails() throws {
        let scratch = try ScratchFolder()
        withKnownIssue {
            GoldenFolder(scratch.url).check("text", named: "absent.txt", recording: false)
        } matching: { issue in
            issue.comments.map(\.rawValue).joined().contains("ATTNSH_RECORD_GOLDEN=1")
        }
        #expect(try scratch.names().isEmpty)
    }
}
