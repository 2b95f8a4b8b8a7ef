import Foundation
import Testing
import AttnTestSupport

/// `attnsh FILE` says what the script will write before it runs, refuses a script's `record`
/// into a dotfile of the home folder, and lets it with `--allow-writes`.
@Suite struct ScriptWriteTests {
    static let script = "x = ones(2)\nsave x a.npy\nrecord ~/.bashrc\necho planted\nrecord off\n"

    @Test func aScriptSaysWhatItWritesAndCannotRecordIntoADotfile() throws {
        let folder = try ScratchFolder()
        try folder.write(Self.script, to: "lesson.attn")
        let run = try ProcessRun.attnsh(["lesson.attn"], home: folder.url, folder: folder.url)
        #expect(run.status == 1)
        #expect(run.errorLines.first == "attnsh: lesson.attn writes: a.npy, ~/.bashrc", "stderr: \(run.stderr)")
        #expect(run.stderr.contains("lesson.attn:3:8: error: `record ~/.bashrc` would write"), "stderr: \(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.file(".bashrc")), "the dotfile was written")
    }

    @Test func allowWritesLetsIt() throws {
        let folder = try ScratchFolder()
        try folder.write(Self.script, to: "lesson.attn")
        let run = try ProcessRun.attnsh(["--allow-writes", "lesson.attn"], home: folder.url, folder: folder.url)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let planted = try String(contentsOfFile: folder.file(".bashrc"), encoding: .utf8)
        #expect(planted == "echo planted\n")
    }
}
