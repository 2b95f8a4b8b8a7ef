import Foundation
import Testing
import AttnTestSupport

/// Ctrl-C on a terminal (tmux) while the rc file or `-i`'s FILE runs a long statement, before
/// the shell has the keys: the statement is cancelled, the rest of that file is skipped, and
/// the shell starts, in the panes and in the plain shell.
@Suite struct LaunchStartupInterruptTests {
    /// Where the long script runs from: the rc file, or `-i FILE`.
    enum Start: String, CaseIterable, CustomTestStringConvertible {
        case rcFile = "~/.attnshrc"
        case dashI = "attnsh -i FILE"

        var testDescription: String { rawValue }
    }

    @Test(.disabled(if: SanitizerRun.defersSignals, SanitizerRun.signalReason), arguments: Start.allCases, ["--plain", ""])
    func ctrlCDuringStartupCancelsAndTheShellStarts(_ start: Start, _ mode: String) throws {
        let folder = try ScratchFolder()
        try folder.write(LaunchInterruptTests.longScript, to: start == .rcFile ? ".attnshrc" : "long.attn")
        let arguments = start == .rcFile ? mode : "\(mode) -i long.attn"
        // `trap`: sh (dash) would otherwise die of the Ctrl-C that attnsh handled, once attnsh exits.
        let tmux = try TmuxSession(script: "trap : INT; cd \(TmuxSession.quoted(folder.url.path)) && \"$ATTNSH\" \(arguments); echo EXIT=$?; sleep 600",
                                   home: folder)
        defer { tmux.close() }
        let started = folder.url.appendingPathComponent("started.npy").path
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: started) && Date() < deadline { usleep(20_000) }
        #expect(FileManager.default.fileExists(atPath: started), "the script never started:\n\((try? tmux.screen()) ?? "")")
        usleep(300_000)
        try tmux.press("C-c")
        let shell = tmux.waitFor(timeout: 60) { $0.contains("cancelled (Ctrl-C)") && $0.contains("attnsh>") }
        #expect(shell != nil, "no shell after Ctrl-C:\n\(tmux.lastScreen)")
        #expect(!tmux.lastScreen.contains("EXIT="), "Ctrl-C ended attnsh:\n\(tmux.lastScreen)")
        try tmux.type("echo READY")
        try tmux.press("Enter")
        let ready = tmux.waitFor { $0.screenLines.contains { $0 == "READY" || $0.hasPrefix("│ READY ") } }
        #expect(ready != nil, "the shell did not answer:\n\(tmux.lastScreen)")
        #expect(!tmux.lastScreen.contains("NOT_REACHED"), "the file went on after Ctrl-C:\n\(tmux.lastScreen)")
        // The shell's own Ctrl-C still clears the line rather than ending the process.
        try tmux.type("echo NEVER")
        #expect(tmux.waitFor("attnsh> echo NEVER") != nil, "typing not shown:\n\(tmux.lastScreen)")
        try tmux.press("C-c")
        // Keys sent before the line is cleared may be discarded with it: wait for the empty prompt.
        let cleared = tmux.waitFor { screen in screen.screenLines.last { $0.contains("attnsh>") }.map { !$0.contains("NEVER") } ?? false }
        #expect(cleared != nil, "Ctrl-C did not clear the line:\n\(tmux.lastScreen)")
        try tmux.press("C-d")
        let ended = tmux.waitFor("EXIT=")
        #expect(ended?.screenLines.contains("EXIT=0") == true, "exit status:\n\(tmux.lastScreen)")
    }
}
