import Foundation
import Testing
import AttnTestSupport

/// `quit` and `exit` leave every shell with status 0, and end a script where they stand; a lone
/// `q` says how to leave.
@Suite struct QuitTests {
    @Test(arguments: ["quit", "exit"])
    func quitEndsAPipedScriptThere(_ word: String) throws {
        let run = try ProcessRun.attnsh(input: Array("x = 1\n\(word)\necho NOT_REACHED\n".utf8))
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(!run.stdout.contains("NOT_REACHED"))
        #expect(run.stderr.isEmpty)
    }

    @Test func quitAfterAFailureKeepsStatus1WithKeepGoing() throws {
        let run = try ProcessRun.attnsh(["--keep-going"], input: Array("bad = nope\nquit\necho NOT_REACHED\n".utf8))
        #expect(run.status == 1)
        #expect(!run.stdout.contains("NOT_REACHED"))
    }

    @Test func aLoneQSaysHowToLeave() throws {
        let run = try ProcessRun.attnsh(input: Array("q\n".utf8))
        #expect(run.status == 1)
        #expect(run.stderr.contains("to leave attnsh, type `quit` (or `exit`), or press Ctrl-D"), "stderr: \(run.stderr)")
    }

    @Test(arguments: ["--plain", ""])
    func quitLeavesTheInteractiveShell(_ flags: String) throws {
        let tmux = try TmuxSession(script: #"cd "$HOME"; "$ATTNSH" "# + flags + #"; echo EXIT=$?; sleep 600"#)
        defer { tmux.close() }
        #expect(tmux.waitFor("attnsh>") != nil, "no prompt:\n\(tmux.lastScreen)")
        try tmux.type("quit")
        try tmux.press("Enter")
        #expect(tmux.waitFor("EXIT=0") != nil, "the shell did not end with 0:\n\(tmux.lastScreen)")
    }
}
