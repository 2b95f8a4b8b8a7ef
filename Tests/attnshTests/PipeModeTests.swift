import AttnTestSupport
import Foundation
import Testing

/// `attnsh` without a terminal: scripts from stdin or FILE, exit codes, diagnostics (docs/reference.md §1).
@Suite struct PipeModeTests {
    /// The numbers on each output line, in order (`[[ 5. 11.]` gives [5, 11]).
    private func numbersPerLine(_ text: String) -> [[Double]] {
        ProcessRun.lines(of: text).map { line in
            line.split(whereSeparator: { !"0123456789.-+einf".contains($0) })
                .compactMap { Double($0) }
        }
    }

    @Test func pipedStatementsPrintTheProductAsRows() throws {
        let run = try ProcessRun.attnsh(input: "x = [[1, 2], [3, 4]]\nx @ x.T\n")
        #expect(run.status == 0 && !run.signaled, "stderr: \(run.stderr)")
        let rows = numbersPerLine(run.stdout).filter { !$0.isEmpty }
        #expect(rows == [[5, 11], [11, 25]], "stdout:\n\(run.stdout)")
        #expect(run.stderr.isEmpty)
    }

    @Test func aFailingLineStopsTheScriptWithALocatedError() throws {
        let folder = try ScratchFolder()
        let path = try folder.write("a = [1, 2]\nb = a + [1, 2, 3]\necho AFTER\n", to: "NAME.attn")
        let run = try ProcessRun.attnsh([path])
        #expect(run.status == 1 && !run.signaled)
        #expect(!run.stdout.contains("AFTER"), "a statement after the error ran")
        let lines = run.errorLines
        try #require(lines.count >= 3, "stderr:\n\(run.stderr)")
        // FILE:LINE:COL: error: MESSAGE, then the line, then a caret under COL.
        let header = lines[0]
        #expect(header.hasPrefix(path + ":2:"), "header: \(header)")
        let afterLine = header.dropFirst((path + ":2:").count)
        let column = Int(afterLine.prefix(while: \.isNumber))
        #expect(afterLine.drop(while: \.isNumber).hasPrefix(": error: "), "header: \(header)")
        #expect(lines[1] == "b = a + [1, 2, 3]")
        let caret = lines[2]
        #expect(caret.allSatisfy { " ^~".contains($0) } && caret.contains("^"), "caret line: \(caret)")
        if let column, let caretIndex = caret.firstIndex(of: "^") {
            #expect(caret.distance(from: caret.startIndex, to: caretIndex) == column - 1)
        }
    }

    @Test func keepGoingRunsTheRestAndStillFails() throws {
        let folder = try ScratchFolder()
        let path = try folder.write("a = [1, 2]\nb = a + [1, 2, 3]\necho AFTER\nc = nothere\necho LAST\n", to: "many.attn")
        let run = try ProcessRun.attnsh(["--keep-going", path])
        #expect(run.status == 1 && !run.signaled)
        #expect(run.outputLines == ["AFTER", "LAST"], "stdout:\n\(run.stdout)")
        let headers = run.errorLines.filter { $0.contains(": error: ") }
        #expect(headers.count == 2)
        #expect(headers.first?.hasPrefix(path + ":2:") == true)
        #expect(headers.last?.hasPrefix(path + ":4:") == true)
    }

    @Test func stdinIsNamedStdinInDiagnostics() throws {
        let run = try ProcessRun.attnsh(input: "x = 1\ny = x +\n")
        #expect(run.status == 1)
        #expect(run.errorLines.first?.hasPrefix("<stdin>:2:") == true, "stderr:\n\(run.stderr)")
    }

    @Test func aScriptThatSucceedsExitsZero() throws {
        let folder = try ScratchFolder()
        let path = try folder.write("x = ones(2, 3)\necho fine\n", to: "ok.attn")
        let run = try ProcessRun.attnsh([path])
        #expect(run.status == 0 && !run.signaled, "stderr: \(run.stderr)")
        #expect(run.outputLines == ["fine"])
    }

    @Test func aMissingFileIsReportedWithItsReason() throws {
        let folder = try ScratchFolder()
        let path = folder.url.appendingPathComponent("absent.attn").path
        let run = try ProcessRun.attnsh([path])
        #expect(run.status == 1 && !run.signaled)
        #expect(run.stderr == "attnsh: error: cannot read \(path): No such file or directory\n")
        #expect(run.stdout.isEmpty)
    }

    @Test func aFolderIsNotAScript() throws {
        let folder = try ScratchFolder()
        let run = try ProcessRun.attnsh([folder.url.path])
        #expect(run.status == 1 && !run.signaled)
        #expect(run.stderr.hasPrefix("attnsh: error: cannot read \(folder.url.path): "))
    }

    @Test func dashIWithPipedInputContinuesTheFilesWorkspace() throws {
        let folder = try ScratchFolder()
        let path = try folder.write("base = [1, 2, 3]\n", to: "setup.attn")
        let run = try ProcessRun.attnsh(["-i", path], input: "sum(base * 2)\n")
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(numbersPerLine(run.stdout) == [[12]], "stdout:\n\(run.stdout)")
    }

    @Test func theRcFileDoesNotRunForPipedInput() throws {
        let home = try ScratchFolder()
        try home.write("echo RC_RAN\n", to: ".attnshrc")
        let run = try ProcessRun.attnsh(input: "echo PIPED\n", home: home.url)
        #expect(run.outputLines == ["PIPED"])
    }

    @Test(arguments: ["--plain", "--ascii", "--norc"])
    func displayFlagsAreAcceptedWithPipedInput(flag: String) throws {
        let run = try ProcessRun.attnsh([flag], input: "echo FLAGGED\n")
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.outputLines == ["FLAGGED"])
    }

    @Test func versionIsPrinted() throws {
        let run = try ProcessRun.attnsh(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout == "attnsh 0.1.0\n")
    }

    @Test func helpListsTheOptions() throws {
        let run = try ProcessRun.attnsh(["--help"])
        #expect(run.status == 0)
        for option in ["-i", "--keep-going", "--plain", "--norc", "--ascii", "--version"] {
            #expect(run.stdout.contains(option), "help lacks \(option)")
        }
    }

    @Test(arguments: [["--no-such-option"], ["-i"], ["a.attn", "b.attn"]])
    func badUsageIsAnArgumentParserUsageError(arguments: [String]) throws {
        let run = try ProcessRun.attnsh(arguments)
        #expect(run.status == 64 && !run.signaled, "status \(run.status)")
        #expect(run.stderr.contains("Error"), "stderr: \(run.stderr)")
    }
}
