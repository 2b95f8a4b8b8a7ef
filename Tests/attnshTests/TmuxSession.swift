import AttnTestSupport
import Foundation

/// The built `attnsh` running in a pseudo-terminal: a private tmux server, 100×30, driven by
/// `send-keys` and read by `capture-pane`.
///
/// Each session has its own tmux socket and its own temporary HOME, so sessions can run in
/// parallel; `close()` always kills its server (call it in a `defer`).
final class TmuxSession {
    static let columns = 100
    static let rows = 30

    let home: ScratchFolder
    /// Holds tmux's captured output, apart from HOME.
    private let scratch: ScratchFolder
    private let socket = "attnsh-test-\(getpid())-\(UUID().uuidString.prefix(8))"
    private let name = "attnsh"

    /// Starts `script`, a `sh` command line in which `$ATTNSH` is the built binary, under a clean
    /// environment (PATH, HOME, TERM=xterm-256color, LANG=C.UTF-8 and `environment`).
    init(script: String, environment: [String: String] = [:], home: ScratchFolder? = nil) throws {
        self.home = try home ?? ScratchFolder()
        self.scratch = try ScratchFolder()
        var variables = [
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "HOME": self.home.url.path,
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
            "ATTNSH": BuiltBinary.path,
        ]
        variables.merge(environment) { _, new in new }
        let assignments = variables.sorted { $0.key < $1.key }
            .map { TmuxSession.quoted("\($0.key)=\($0.value)") }
        let command = (["env", "-i"] + assignments + ["sh", "-c", TmuxSession.quoted(script)])
            .joined(separator: " ")
        try tmux(["new-session", "-d", "-s", name, "-x", "\(Self.columns)", "-y", "\(Self.rows)", command])
    }

    /// Types `text` literally (no key names).
    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", name, "-l", text])
    }

    /// Presses keys by tmux name: `Enter`, `Tab`, `Up`, `C-c`, `C-d`.
    func press(_ keys: String...) throws {
        try tmux(["send-keys", "-t", name] + keys)
    }

    /// The visible screen as text, one line per row.
    func screen() throws -> String {
        try tmux(["capture-pane", "-p", "-t", name])
    }

    /// The visible screen with its colours and attributes as escape codes (`capture-pane -e`).
    func screenWithEscapes() throws -> String {
        try tmux(["capture-pane", "-e", "-p", "-t", name])
    }

    /// Polls the screen until `condition` holds (returning that screen) or `timeout` passes
    /// (returning nil; the last screen is in `lastScreen`). The generous default is for a
    /// loaded CI machine: the whole suite runs in parallel on two cores.
    func waitFor(timeout: TimeInterval = 20, _ condition: (String) -> Bool) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            if let text = try? screen() {
                lastScreen = text
                if condition(text) { return text }
            }
            usleep(50_000)
        } while Date() < deadline
        return nil
    }

    /// Waits until `text` appears on the screen.
    func waitFor(_ text: String, timeout: TimeInterval = 20) -> String? {
        waitFor(timeout: timeout) { $0.contains(text) }
    }

    /// The screen seen by the last `waitFor`, for failure messages.
    private(set) var lastScreen = ""

    /// Changes the window's size, as a user dragging the terminal's corner.
    func resize(columns: Int, rows: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", "\(columns)", "-y", "\(rows)"])
    }

    /// Kills the tmux server and everything running in it.
    func close() {
        _ = try? tmux(["kill-server"])
    }

    /// Runs one tmux command on this session's server; its standard output.
    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let output = scratch.url.appendingPathComponent("tmux-output").path
        let status = try CleanSpawn.run(["tmux", "-L", socket, "-f", "/dev/null"] + arguments, outputPath: output)
        guard status == 0 else { throw TmuxFailure(arguments: arguments, status: status) }
        return (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
    }

    /// `text` quoted for `sh` in single quotes.
    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// A tmux command that failed (the server gone, a bad target).
struct TmuxFailure: Error, CustomStringConvertible {
    let arguments: [String]
    let status: Int32
    var description: String { "tmux \(arguments.joined(separator: " ")) exited with \(status)" }
}

extension String {
    /// The screen's non-blank lines, trailing spaces removed.
    var screenLines: [String] {
        components(separatedBy: "\n")
            .map { line in String(line.reversed().drop(while: { $0 == " " }).reversed()) }
            .filter { !$0.isEmpty }
    }
}
