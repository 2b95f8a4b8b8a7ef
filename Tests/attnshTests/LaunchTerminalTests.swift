import Foundation
import Testing
import AttnTestSupport

/// Every interactive way of starting attnsh on a terminal (tmux, 100×30) treats the rc file,
/// `--norc`, `--plain`, `--ascii` and the exit status alike: `attnsh`, `attnsh -i FILE`, and
/// `attnsh replay FILE` with the flags before or after `replay`.
@Suite struct LaunchTerminalTests {
    enum Entry: String, CaseIterable, CustomTestStringConvertible {
        case shell = "attnsh"
        case dashI = "attnsh -i FILE"
        case replay = "attnsh FLAGS replay FILE"
        case replayFlagsAfter = "attnsh replay FILE FLAGS"

        var testDescription: String { rawValue }

        /// The command line; `setup.attn` prints FILE_RAN, `lesson.attn` prints REPLAYED.
        func arguments(_ flags: [String]) -> String {
            let flags = flags.joined(separator: " ")
            switch self {
            case .shell: return flags
            case .dashI: return "\(flags) -i setup.attn"
            case .replay: return "\(flags) replay lesson.attn"
            case .replayFlagsAfter: return "replay lesson.attn \(flags)"
            }
        }

        var isReplay: Bool { self == .replay || self == .replayFlagsAfter }
    }

    /// Starts `entry` with `flags` in a fresh folder holding its scripts; `prefix` runs in `sh`
    /// first (to change the environment). The exit status shows as `EXIT=N` after the end.
    func start(_ entry: Entry, _ flags: [String] = [], prefix: String = "", home: String? = nil,
               environment: [String: String] = [:]) throws -> TmuxSession {
        let folder = try ScratchFolder()
        try folder.write("echo FILE_RAN\n", to: "setup.attn")
        try folder.write("echo REPLAYED\n", to: "lesson.attn")
        let script = "\(prefix) cd \(TmuxSession.quoted(folder.url.path)) && \"$ATTNSH\" \(entry.arguments(flags)); echo EXIT=$?; sleep 600"
        var variables = environment
        if let home { variables["HOME"] = home }
        return try TmuxSession(script: script, environment: variables, home: folder)
    }

    /// The screen line holding `marker` as a line of output: the plain shell's line, or the log
    /// pane's (framed in `│`, or `|` when drawn in ASCII).
    static func outputLine(_ marker: String, _ screen: String) -> String? {
        screen.screenLines.first { $0 == marker || $0.hasPrefix("│ \(marker) ") || $0.hasPrefix("| \(marker) ") }
    }

    /// Waits until the entry is at its first prompt (for a replay, its statement pre-filled),
    /// hands that screen to `atStart`, lets a replay run its statement, then runs `echo READY`;
    /// the screen once READY is printed.
    func ready(_ entry: Entry, _ tmux: TmuxSession, atStart: (String) -> Void = { _ in }) throws -> String {
        let first = entry.isReplay ? "attnsh> echo REPLAYED" : entry == .dashI ? "FILE_RAN" : "attnsh>"
        let start = tmux.waitFor(first)
        #expect(start != nil, "not started:\n\(tmux.lastScreen)")
        atStart(start ?? tmux.lastScreen)
        if entry.isReplay {
            try tmux.press("Enter")
            #expect(tmux.waitFor { Self.outputLine("REPLAYED", $0) != nil } != nil, "not replayed:\n\(tmux.lastScreen)")
        }
        try tmux.type("echo READY")
        try tmux.press("Enter")
        let screen = tmux.waitFor { Self.outputLine("READY", $0) != nil }
        #expect(screen != nil, "the shell did not answer:\n\(tmux.lastScreen)")
        return screen ?? tmux.lastScreen
    }

    /// Ctrl-D on the empty prompt; the exit status attnsh ended with.
    func exitStatus(_ tmux: TmuxSession) throws -> String? {
        try tmux.press("C-d")
        let screen = tmux.waitFor("EXIT=")
        return screen?.screenLines.first { $0.hasPrefix("EXIT=") }
    }

    static let flagSets: [[String]] = [[], ["--plain"], ["--ascii"], ["--norc"], ["--plain", "--norc", "--ascii"]]

    @Test(arguments: Entry.allCases, flagSets)
    func everyEntryHonoursTheRcFileAndTheDisplayFlags(_ entry: Entry, _ flags: [String]) throws {
        let folder = try ScratchFolder()
        try folder.write("fromrc = 41\n", to: ".attnshrc")
        let tmux = try start(entry, flags, home: folder.url.path)
        defer { tmux.close() }
        let screen = try ready(entry, tmux)
        let norc = flags.contains("--norc"), plain = flags.contains("--plain"), ascii = flags.contains("--ascii")
        let ready = Self.outputLine("READY", screen) ?? ""
        #expect((ready == "READY") == plain, "panes or plain with \(flags):\n\(screen)")
        if !plain {
            #expect(screen.unicodeScalars.allSatisfy(\.isASCII) == ascii, "drawing with \(flags):\n\(screen)")
        }
        // What the rc file defined is in the workspace, unless --norc.
        try tmux.type("fromrc + 1")
        try tmux.press("Enter")
        let answer = tmux.waitFor { Self.outputLine("42.0", $0) != nil || $0.contains("`fromrc` is not defined") }
        #expect(answer != nil, "no answer:\n\(tmux.lastScreen)")
        #expect((Self.outputLine("42.0", answer ?? "") != nil) == !norc, "rc file with \(flags):\n\(tmux.lastScreen)")
        #expect(try exitStatus(tmux) == "EXIT=0", "exit status:\n\(tmux.lastScreen)")
    }

    /// An rc file that cannot be read (a folder in its place, which even root cannot read)
    /// is a warning where the shell shows its errors; the shell starts anyway.
    @Test(arguments: Entry.allCases, [[], ["--plain"]])
    func anUnreadableRcFileIsAWarningInEveryEntry(_ entry: Entry, _ flags: [String]) throws {
        let folder = try ScratchFolder()
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent(".attnshrc"), withIntermediateDirectories: false)
        // A short HOME, so the warning fits on one screen line.
        let home = "/tmp/ah-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createSymbolicLink(atPath: home, withDestinationPath: folder.url.path)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let tmux = try start(entry, flags, home: home)
        defer { tmux.close() }
        let warning = "attnsh: warning: cannot read \(home)/.attnshrc: Is a directory"
        _ = try ready(entry, tmux) { screen in
            #expect(Self.outputLine(warning, screen) != nil, "no warning with \(flags):\n\(screen)")
        }
        #expect(try exitStatus(tmux) == "EXIT=0", "exit status:\n\(tmux.lastScreen)")
    }

    /// A FIFO in place of the rc file is refused at once with a warning (opening it would wait
    /// for a writer forever); the shell starts.
    @Test(arguments: [[String](), ["--plain"]])
    func aFIFORcFileIsAWarningNotAHang(_ flags: [String]) throws {
        let folder = try ScratchFolder()
        #expect(mkfifo(folder.file(".attnshrc"), 0o600) == 0)
        let home = "/tmp/ah-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createSymbolicLink(atPath: home, withDestinationPath: folder.url.path)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let tmux = try start(.shell, flags, home: home)
        defer { tmux.close() }
        let warning = "attnsh: warning: cannot read \(home)/.attnshrc: not a regular file (a FIFO)"
        _ = try ready(.shell, tmux) { screen in
            #expect(Self.outputLine(warning, screen) != nil, "no warning with \(flags):\n\(screen)")
        }
        #expect(try exitStatus(tmux) == "EXIT=0", "exit status:\n\(tmux.lastScreen)")
    }

    /// A terminal curses cannot drive gets the plain shell and a warning, not ncurses' exit.
    @Test(arguments: Entry.allCases, ["TERM=nonexistent-term", "TERM=dumb", "unset TERM;"])
    func anUnusableTerminalFallsBackToThePlainShell(_ entry: Entry, _ setting: String) throws {
        let prefix = setting.hasPrefix("unset") ? setting : "export \(setting);"
        let tmux = try start(entry, prefix: prefix)
        defer { tmux.close() }
        let screen = try ready(entry, tmux)
        #expect(Self.outputLine("READY", screen) == "READY", "not the plain shell:\n\(screen)")
        let warning = setting.hasPrefix("unset")
            ? "attnsh: warning: TERM is not set; using the plain shell"
            : "attnsh: warning: the panes cannot draw on \(setting); using the plain shell"
        #expect(screen.screenLines.contains(warning), "no warning:\n\(screen)")
        #expect(try exitStatus(tmux) == "EXIT=0", "exit status:\n\(tmux.lastScreen)")
    }

    /// The locale settings, and whether they make a UTF-8 locale (LC_ALL over LC_CTYPE over LANG).
    static let locales: [(String, Bool)] = [
        ("unset LANG;", false), ("export LANG=C;", false), ("export LC_ALL=C;", false),
        ("export LANG=C LC_CTYPE=C.UTF-8;", true), ("export LANG=C.UTF-8;", true),
    ]

    /// Without a UTF-8 locale the panes draw in ASCII, as with `--ascii`, instead of losing
    /// their borders and minus signs.
    @Test(arguments: [Entry.shell, .replay], locales)
    func panesWithoutAUTF8LocaleDrawInASCII(_ entry: Entry, _ locale: (String, Bool)) throws {
        let (setting, utf8) = locale
        let tmux = try start(entry, prefix: setting)
        defer { tmux.close() }
        let screen = try ready(entry, tmux)
        let ready = Self.outputLine("READY", screen) ?? ""
        #expect(ready.hasPrefix(utf8 ? "│ " : "| "), "`\(setting)`:\n\(screen)")
        #expect(screen.unicodeScalars.allSatisfy(\.isASCII) == !utf8, "`\(setting)`:\n\(screen)")
        try tmux.type("echo -1.5")
        try tmux.press("Enter")
        #expect(tmux.waitFor { Self.outputLine("-1.5", $0) != nil } != nil, "`\(setting)`:\n\(tmux.lastScreen)")
        #expect(try exitStatus(tmux) == "EXIT=0", "exit status:\n\(tmux.lastScreen)")
    }

    /// A replay of a file that cannot be read ends at once with status 1, panes or plain.
    @Test(arguments: [[], ["--plain"]])
    func replayingAMissingFileExitsWithStatusOne(_ flags: [String]) throws {
        let folder = try ScratchFolder()
        let tmux = try TmuxSession(script: "cd \(TmuxSession.quoted(folder.url.path)) && \"$ATTNSH\" replay absent.attn \(flags.joined(separator: " ")); echo EXIT=$?; sleep 600",
                                   home: folder)
        defer { tmux.close() }
        let screen = tmux.waitFor("EXIT=")
        #expect(screen?.screenLines.contains("EXIT=1") == true, "screen:\n\(tmux.lastScreen)")
        #expect(screen?.contains("attnsh: error: cannot read absent.attn") == true, "screen:\n\(tmux.lastScreen)")
    }
}
