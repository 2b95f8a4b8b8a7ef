import AttnCore
import AttnTestSupport
import Foundation
import Testing

/// Every lesson in `sessions/` runs with the built binary (`attnsh FILE`, working directory
/// `sessions/`, a clean environment), exits 0, and prints exactly `sessions/expected/NAME.out`
/// (issue 5, acceptance 1). The expected files are golden files (`GoldenFolder`):
/// `ATTNSH_RECORD_GOLDEN=1` re-records them. Lessons on the real model run only
/// where it is installed, and are reported as skipped elsewhere.
@Suite struct LessonTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("sessions")

    /// The expected outputs, `sessions/expected/NAME.out`.
    static let expected = GoldenFolder(folder.appendingPathComponent("expected"))

    /// The lesson files, sorted; read when the tests are listed.
    static let lessons: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".attn") }.sorted()
    }()

    /// The lessons that load the pretrained model (`model load`), and the others.
    static let modelLessons = lessons.filter(needsModel)
    static let plainLessons = lessons.filter { !needsModel($0) }

    static func needsModel(_ name: String) -> Bool {
        let source = (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? ""
        return source.contains("model load")
    }

    @Test func thereAreLessons() {
        // The lesson list is read from disk: an empty list would make the table below test nothing.
        #expect(Self.lessons.count >= 9, "lessons found: \(Self.lessons)")
    }

    @Test(arguments: plainLessons)
    func lessonMatchesItsExpectedOutput(_ name: String) throws {
        try Self.check(name, environment: [:])
    }

    @Test(.enabled(if: InstalledModel.isAvailable, InstalledModel.missingReason), arguments: modelLessons)
    func modelLessonMatchesItsExpectedOutput(_ name: String) throws {
        // Lessons on a real model find it the way a user's shell does; the clean
        // environment of the run gets its folder through ATTNSH_MODEL_DIR.
        try Self.check(name, environment: [ModelLocator.environmentVariable: InstalledModel.directory ?? ""])
    }

    /// Runs the lesson `name` and compares what it printed with its expected output.
    static func check(_ name: String, environment: [String: String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let run = try ProcessRun.attnsh([name], timeout: 120, folder: folder, environment: environment)
        #expect(!run.timedOut && !run.signaled, "\(name) did not finish by itself", sourceLocation: sourceLocation)
        #expect(run.status == 0, "\(name) exited \(run.status):\n\(run.stderr)", sourceLocation: sourceLocation)
        var actual = transcript(stdout: run.stdout, stderr: run.stderr)
        // The model's folder differs between machines; the expected files name it by its variable.
        if let model = environment[ModelLocator.environmentVariable] {
            actual = actual.replacingOccurrences(of: model, with: "$" + ModelLocator.environmentVariable)
        }
        expected.check(actual, named: name.replacingOccurrences(of: ".attn", with: ".out"), sourceLocation: sourceLocation)
    }

    /// Standard output, then standard error under a marker line when there is any.
    static func transcript(stdout: String, stderr: String) -> String {
        stderr.isEmpty ? stdout : stdout + "--- stderr ---\n" + stderr
    }
}
