import AttnLang
import AttnTestSupport
import Foundation
import Testing
@testable import AttnTerminal

/// Shipped lessons replayed in the panes at the sizes a class projects, in the grid and present
/// layouts: the screen at every `pause` (and at the end) is compared with
/// `Golden/lessons/LESSON-LAYOUT-WxH.txt`, and each shows its narration in full as the caption,
/// right above the pause prompt, and the grid with word labels.
extension PaneKeyGoldenTests {
    struct LessonCase: CustomTestStringConvertible, Sendable {
        let lesson: String
        let layout: GridLayout
        let width: Int
        let height: Int
        var testDescription: String { "\(lesson) \(layout) \(width)x\(height)" }
        var goldenName: String { "\(lesson)-\(layout)-\(width)x\(height).txt" }
    }

    static func cases(of lessons: [String]) -> [LessonCase] {
        lessons.flatMap { lesson in
            [GridLayout.grid, .present].flatMap { layout in
                [(80, 24), (100, 30), (120, 36)].map { LessonCase(lesson: lesson, layout: layout, width: $0.0, height: $0.1) }
            }
        }
    }

    static let lessonCases = cases(of: ["01-first-look", "03-masks"])
    /// Lesson 11 runs the pretrained encoder: its cases need the model installed.
    static let modelLessonCases = cases(of: ["11-real-heads"])

    static let sessionsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("sessions")
    static let lessonGoldens = GoldenFolder(GoldenFile.folder.url.appendingPathComponent("lessons"))

    /// Every narration the lesson can show: its `echo` texts and its comment lines without `#`.
    static func narrations(of source: String) -> Set<String> {
        var lines = Set<String>()
        for line in source.split(separator: "\n") {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("echo ") { lines.insert(String(text.dropFirst(5))) }
            if text.hasPrefix("#") { lines.insert(String(text.dropFirst().drop { $0 == " " })) }
        }
        return lines
    }

    @Test(arguments: lessonCases)
    func lessonPausesShowTheNarrationAndTheGrid(_ testCase: LessonCase) throws {
        try checkLessonPauses(testCase)
    }

    @Test(.enabled(if: InstalledModel.isAvailable, InstalledModel.missingReason), arguments: modelLessonCases)
    func realHeadsLessonPausesShowTheNarrationAndTheGrid(_ testCase: LessonCase) throws {
        // The lesson's `model load` finds the model as a class machine does.
        setenv("ATTNSH_MODEL_DIR", InstalledModel.directory ?? "", 1)
        try checkLessonPauses(testCase)
    }

    /// Replays `testCase`'s lesson with Enter after Enter and checks the screen at every pause.
    func checkLessonPauses(_ testCase: LessonCase) throws {
        let path = Self.sessionsFolder.appendingPathComponent(testCase.lesson + ".attn").path
        let script = try ReplayScript.load(path: path)
        let source = try String(contentsOfFile: path, encoding: .utf8)
        let layout = testCase.layout == .grid ? "" : "layout \(testCase.layout)"
        var steps: [ScriptedScreen.Step] = []
        for index in 0..<(script.steps.count + 4) { steps += [.key(.byte(13)), .snapshot("\(index)")] }
        let run = PaneShellDriver(setup: layout, width: testCase.width, height: testCase.height, quietSetup: true,
                                  script: steps, before: { $0.queueReplay(script, delay: nil) })
        var pauses: [(name: String, text: String)] = []
        for snapshot in run.screen.snapshots where snapshot.grid.text.contains("· paused ·") {
            // One screen per pause: the first drawn while it waits.
            let text = snapshot.grid.text
            if pauses.last?.text != text { pauses.append((snapshot.name, text)) }
        }
        #expect(pauses.count == source.split(separator: "\n").filter { $0 == "pause" }.count,
                "one screen per pause")
        let narrations = Self.narrations(of: source)
        for (number, pause) in pauses.enumerated() {
            let rows = pause.text.split(separator: "\n").map(String.init)
            let captionRows = rows.indices.filter { rows[$0].hasPrefix("│ ▌ ") }
            let caption = captionRows.map { rows[$0].dropFirst(4).replacingOccurrences(of: "│", with: "")
                .trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            // A caption of several narrated lines reads as their words in order.
            let whole = narrations.contains(caption)
                || caption.split(separator: " ").count == narrations.filter { caption.contains($0) }
                    .map { $0.split(separator: " ").count }.reduce(0, +)
            #expect(!caption.isEmpty && whole, "pause \(number + 1): the caption `\(caption)` is a whole narration")
            #expect(captionRows.last.map { rows[$0 + 1].contains("-- pause: Enter goes on") } == true,
                    "pause \(number + 1): the caption is right above the pause prompt")
            let gridRows = rows.prefix(rows.count / 2).joined(separator: "\n")
            // Before the first `step` there is no grid yet.
            if gridRows.contains("overview") {
                // The model overview's rows are layers: it names each head's pattern by a letter.
                #expect(pause.text.contains("P prev"), "pause \(number + 1): the overview has its letters' key")
            } else if !gridRows.contains("nothing to show yet") {
                #expect(gridRows.contains("the") || gridRows.contains("we"), "pause \(number + 1): the grid has word labels")
                #expect(!gridRows.contains("blocks"), "pause \(number + 1): the grid is not aggregated")
            }
        }
        let transcript = pauses.enumerated().map { "=== pause \($0.offset + 1)\n" + $0.element.text }
        Self.lessonGoldens.check(transcript.joined(separator: "\n"), named: testCase.goldenName)
    }
}
