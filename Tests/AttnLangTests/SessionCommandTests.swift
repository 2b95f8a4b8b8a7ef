import AttnCore
import AttnTestSupport
import Foundation
import Testing
@testable import AttnLang

/// `source`, `record`, `history` and `replay` at the language level, and `ReplayScript`'s layout.
@Suite struct SessionCommandTests {
    /// A fresh folder for the files a test writes, removed afterwards by the caller's `defer`.
    private func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("attnsh-lang-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func write(_ text: String, _ name: String, in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test func sourceRunsAScriptInTheSession() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try write("b = a * 2\necho done\n", "lib.attn", in: folder)
        let transcript = Transcript()
        let session = transcript.session()
        #expect(session.runLine("a = [1, 2]", lineNumber: 1))
        #expect(session.runLine("source \(path)", lineNumber: 2))
        #expect(session.state.workspace["b"]?.scalars == [2, 4])
        #expect(transcript.output.contains("done"))
        // History shows the `source` line, not the statements it ran.
        #expect(session.state.history == ["a = [1, 2]", "source \(path)"])
    }

    @Test func aFailingSourceNamesTheScriptLineAndColumnAndKeepsNothing() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try write("b = 1\nc = b + nope\nd = 3\n", "bad.attn", in: folder)
        let transcript = Transcript()
        let session = transcript.session()
        #expect(!session.runLine("source \(path)", lineNumber: 7))
        #expect(transcript.errorHeaders.first == "\(path):2:9: error: `nope` is not defined")
        #expect(transcript.errorHeaders.last?.hasPrefix("<stdin>:7:8: error: `source \(path)` stopped") == true,
                "\(transcript.errorHeaders)")
        #expect(session.state.workspace["b"] == nil && session.state.workspace["d"] == nil)
        #expect(session.state.history.isEmpty)
    }

    @Test func sourceNestedTooDeepIsAnError() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("self.attn").path
        _ = try write("source \(path)\n", "self.attn", in: folder)
        let transcript = Transcript()
        let session = transcript.session()
        #expect(!session.runLine("source \(path)", lineNumber: 1))
        #expect(transcript.errorHeaders.contains { $0.contains("nested more than \(Session.maxSourceDepth) deep") })
    }

    @Test(arguments: [
        ("source /nonexistent/x.attn", "cannot read /nonexistent/x.attn"),
        ("record off", "nothing is being recorded"),
        ("record /nonexistent/dir/r.attn", "cannot record to /nonexistent/dir/r.attn"),
        ("replay x.attn", "`replay` works in the interactive shell"),
        ("replay x.attn delay=-1", "a replay delay must be between 0 and 3600 seconds"),
        ("history save", "`history save` needs PATH"),
        ("history ten", "`history` expects a count of statements or `save`"),
    ])
    func sessionCommandErrors(_ line: String, _ message: String) {
        let transcript = Transcript()
        let session = transcript.session()
        #expect(!session.runLine(line, lineNumber: 1))
        #expect(transcript.errorHeaders.first?.contains(message) == true, "\(transcript.errorHeaders)")
    }

    @Test func recordAppendsOnlyStatementsThatSucceed() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("r.attn").path
        _ = try write("# earlier\n", "r.attn", in: folder)
        let transcript = Transcript()
        let session = transcript.session()
        #expect(session.runLine("x = 1", lineNumber: 1))
        #expect(session.runLine("record \(path)", lineNumber: 2))
        #expect(session.recordingPath == path)
        #expect(session.runLine("y = x + 1; z = y * 2", lineNumber: 3))
        #expect(!session.runLine("w = nope", lineNumber: 4))
        #expect(session.runLine("history", lineNumber: 5))
        // Written at once: readable before `record off`.
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "# earlier\ny = x + 1\nz = y * 2\n")
        #expect(session.runLine("record off", lineNumber: 6))
        #expect(session.runLine("v = 5", lineNumber: 7))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "# earlier\ny = x + 1\nz = y * 2\n")
        #expect(session.recordingPath == nil)
    }

    @Test func historyListsAndSaves() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let transcript = Transcript()
        let session = transcript.session()
        for (index, line) in ["a = 1", "b = 2", "bad = nope", "c = a + b"].enumerated() {
            session.runLine(line, lineNumber: index + 1)
        }
        transcript.output = []
        #expect(session.runLine("history 2", lineNumber: 5))
        #expect(transcript.output == ["2  b = 2", "3  c = a + b"])
        let path = folder.appendingPathComponent("h.attn").path
        #expect(session.runLine("history save \(path)", lineNumber: 6))
        let saved = try String(contentsOfFile: path, encoding: .utf8)
        #expect(saved == "a = 1\nb = 2\nc = a + b\n")
        // The saved history runs to the same workspace.
        let again = Transcript().session()
        #expect(again.runScript(saved, fileName: "h.attn", keepGoing: false))
        #expect(again.state.workspace == session.state.workspace)
    }

    @Test func replayHandsTheScriptToTheShell() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try write("a = 1\n", "s.attn", in: folder)
        let session = Transcript().session()
        nonisolated(unsafe) var handed: (ReplayScript, Double?)?
        session.onReplay = { handed = ($0, $1) }
        #expect(session.runLine("replay \(path) delay=0.5", lineNumber: 1))
        #expect(handed?.0.fileName == path && handed?.0.steps.count == 1 && handed?.1 == 0.5)
        #expect(session.state.history.isEmpty)
    }

    @Test func replayScriptLaysOutStepsWithTheirLines() {
        let source = "# intro\n\necho hi # narration\nx = [1, \\\n  2]\npause\ny = x; z = y\n"
        var script = ReplayScript(source: source, fileName: "l.attn")
        #expect(script.steps.map(\.kind) == [.comment, .statement, .statement, .pause, .statement])
        #expect(script.steps.map(\.line) == [1, 3, 4, 6, 7])
        #expect(script.steps[2].shown == "x = [1, 2]")
        #expect(script.steps[2].source == "x = [1, \\\n  2]")
        #expect(script.current?.line == 1)
        script.advance()
        #expect(script.current?.shown == "echo hi # narration")
        script.quit()
        #expect(script.isFinished && script.wasQuit)
        #expect(ReplayScript.isQuit(" q ") && !ReplayScript.isQuit("q = 1"))
    }

    @Test func aContinuedStatementRunsAsWrittenWithItsOwnLines() {
        let transcript = Transcript()
        let session = transcript.session()
        let script = ReplayScript(source: "x = [1, \\\n  nope]\n", fileName: "c.attn")
        let step = script.steps[0]
        #expect(!session.runStatement(step.source, fileName: script.fileName, line: step.line))
        #expect(transcript.errorHeaders.first == "c.attn:2:3: error: `nope` is not defined")
    }
}
