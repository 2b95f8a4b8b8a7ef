import AttnTestSupport
import Foundation
import Testing

/// Errors are red where a person reads them on a colour terminal — the plain shell's stderr in a
/// pseudo-terminal and the pane log — unless `NO_COLOR` has a value; stderr into a file or a pipe
/// never gets escape codes.
@Suite struct ErrorColorTests {
    static let escape = "\u{1B}["

    /// The screen (with escape codes) once `nosuch` was typed at the plain or pane prompt and its
    /// error is shown; the line holding the error.
    static func errorScreen(panes: Bool, environment: [String: String]) throws -> (screen: String, line: String) {
        let flags = panes ? "--norc" : "--plain --norc"
        let tmux = try TmuxSession(script: #""$ATTNSH" "# + flags + "; sleep 600", environment: environment)
        defer { tmux.close() }
        guard tmux.waitFor("attnsh>") != nil else {
            Issue.record("no prompt:\n\(tmux.lastScreen)")
            return ("", "")
        }
        try tmux.type("nosuch")
        try tmux.press("Enter")
        guard tmux.waitFor("is not defined") != nil else {
            Issue.record("no error:\n\(tmux.lastScreen)")
            return ("", "")
        }
        let screen = try tmux.screenWithEscapes()
        let line = screen.components(separatedBy: "\n").first { $0.contains("is not defined") } ?? ""
        return (screen, line)
    }

    @Test(arguments: [false, true])
    func errorsAreRedOnAColourTerminal(panes: Bool) throws {
        for environment in [[:], ["NO_COLOR": ""]] {
            let (_, line) = try Self.errorScreen(panes: panes, environment: environment)
            // tmux writes red as SGR 31, or 38;5;N for a 256-colour red.
            let red = line.contains("\(Self.escape)31m") || line.contains("\(Self.escape)38;5;203m")
                || line.contains("\(Self.escape)91m")
            #expect(red, "panes \(panes), \(environment): the error is red: \(line.debugDescription)")
        }
    }

    @Test(arguments: [false, true])
    func noColorLeavesErrorsUncoloured(panes: Bool) throws {
        let (screen, line) = try Self.errorScreen(panes: panes, environment: ["NO_COLOR": "1"])
        #expect(!line.contains("\(Self.escape)31m") && !line.contains("38;5;203m") && !line.contains("\(Self.escape)91m"),
                "panes \(panes): no colour: \(line.debugDescription)")
        #expect(screen.contains("is not defined"))
    }

    @Test func stderrIntoAFileHasNoEscapeCodes() throws {
        let run = try ProcessRun.attnsh(["--keep-going"], input: Array("nosuch\necho after\n".utf8),
                                        environment: ["TERM": "xterm-256color"])
        #expect(run.stderr.contains("is not defined"), "\(run.stderr)")
        #expect(!run.stderr.contains("\u{1B}"), "\(run.stderr.debugDescription)")
    }
}
