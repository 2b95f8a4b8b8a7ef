import Foundation
import Testing
import AttnTestSupport
@testable import AttnLang

/// Scripts may write `record` and `history save` files only inside the current folder and never
/// to dotfiles of the home folder, unless `--allow-writes`; typed statements are not held; and a
/// script's writes can be listed before it runs.
@Suite struct ScriptWritePolicyTests {
    let policy = ScriptWritePolicy()

    func refusal(_ path: String, folder: String, home: String) -> String? {
        policy.refusal(of: path, command: "record", workingDirectory: folder, home: home)
    }

    @Test func pathsInsideTheFolderAreAllowed() throws {
        let scratch = try ScratchFolder()
        try FileManager.default.createDirectory(atPath: scratch.file("lessons"), withIntermediateDirectories: true)
        for path in ["r.attn", "./r.attn", "lessons/r.attn", "lessons/../r.attn", scratch.file("r.attn")] {
            #expect(refusal(path, folder: scratch.path, home: "/nonexistent-home") == nil, "\(path)")
        }
    }

    @Test func pathsOutsideTheFolderAreRefused() throws {
        let scratch = try ScratchFolder()
        for path in ["../r.attn", "/etc/r.attn", "sub/../../r.attn", "/tmp"] {
            let reason = refusal(path, folder: scratch.path, home: "/nonexistent-home")
            #expect(reason?.contains("outside the current folder") == true, "\(path): \(String(describing: reason))")
            #expect(reason?.contains("--allow-writes") == true)
        }
    }

    @Test func aLinkInsideTheFolderThatPointsOutsideIsRefused() throws {
        let scratch = try ScratchFolder()
        try FileManager.default.createSymbolicLink(atPath: scratch.file("out"), withDestinationPath: "/tmp")
        #expect(refusal("out/r.attn", folder: scratch.path, home: "/nonexistent-home")?.contains("outside") == true)
    }

    @Test func dotfilesOfTheHomeFolderAreRefusedEvenWhenItIsTheCurrentFolder() throws {
        let home = try ScratchFolder()
        for path in [".bashrc", home.file(".profile"), ".config/autostart/x.desktop", "~/.ssh/authorized_keys"] {
            let reason = policy.refusal(of: path, command: "history save", workingDirectory: home.path, home: home.path)
            #expect(reason?.contains("dotfile of the home folder") == true, "\(path): \(String(describing: reason))")
        }
        #expect(refusal("notes.attn", folder: home.path, home: home.path) == nil)
    }

    @Test func allowWritesLetsAScriptWriteAnywhere() {
        let open = ScriptWritePolicy(allowsAnyPath: true)
        #expect(open.refusal(of: "/etc/r.attn", command: "record", workingDirectory: "/tmp", home: "/root") == nil)
        #expect(open.refusal(of: "~/.bashrc", command: "record", workingDirectory: "/tmp", home: "/root") == nil)
    }

    @Test func aScriptIsHeldButATypedStatementIsNot() throws {
        let scratch = try ScratchFolder()
        let outside = try ScratchFolder()
        let target = outside.file("typed.attn")
        let previous = FileManager.default.currentDirectoryPath
        // The check reads the process's current folder: chdir is process-wide, so the folder is
        // never changed here; both paths are absolute and outside the current folder alike.
        #expect(!target.hasPrefix(previous + "/"))
        let transcript = Transcript()
        let session = transcript.session()
        #expect(!session.runScript("record \(target)", fileName: "evil.attn", keepGoing: false))
        #expect(transcript.errors.joined().contains("outside the current folder"), "\(transcript.errors)")
        #expect(!FileManager.default.fileExists(atPath: target))
        #expect(!session.runScript("history save \(target)", fileName: "evil.attn", keepGoing: false))
        #expect(session.runLine("record \(target)", lineNumber: 1), "\(transcript.errors)")
        #expect(session.runLine("record off", lineNumber: 2))
        #expect(FileManager.default.fileExists(atPath: target))
        #expect(session.runLine("history save \(scratch.file("h.attn"))", lineNumber: 3))
        _ = previous
    }

    @Test func aScriptsWritesAreListedBeforeItRuns() {
        let script = """
        x = ones(2)
        save x a.npy
        export svg x figs/x.svg
        record r.attn
        record off
        history 3
        history save h.attn
        save x a.npy
        bad = (
        load y in.npy
        """
        #expect(ScriptWrites.paths(in: script) == ["a.npy", "figs/x.svg", "r.attn", "h.attn"])
        #expect(ScriptWrites.notice(for: script, name: "l.attn") == "attnsh: l.attn writes: a.npy, figs/x.svg, r.attn, h.attn")
        #expect(ScriptWrites.notice(for: "x = 1\nload y in.npy\n", name: "l.attn") == nil)
    }
}
