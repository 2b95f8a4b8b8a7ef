import AttnCore
import AttnLang
import AttnTerminal
#if canImport(Glibc)
// stdout and stderr are C globals that Swift 6 would reject as shared mutable state; this
// program writes them from the main thread only.
@preconcurrency import Glibc
#endif

/// Starts the shell the way its command line asks, for every entry point alike.
///
/// `attnsh`, `attnsh FILE`, `attnsh -i FILE` and `attnsh replay FILE` all come here with the
/// shared `LaunchOptions`; this is the one place that decides whether a run is a script or an
/// interactive shell, panes or plain, whether `~/.attnshrc` runs, how Ctrl-C is handled and
/// what the exit status is:
///
/// - Without a terminal (standard input or output not a tty), or for `attnsh FILE`, the input
///   runs as a script: no rc file, Ctrl-C cancels the running statement and ends the run with
///   status 130, a failing statement gives 1 (after the rest with `--keep-going`).
/// - On a terminal, `~/.attnshrc` runs first (unless `--norc`; an unreadable one is a warning),
///   then `-i`'s FILE (Ctrl-C cancels either and the shell starts), then the panes or, with
///   `--plain` or a terminal curses cannot drive, the plain shell; `attnsh replay` queues its
///   script in that shell.
/// - A failed write to stdout or stderr makes any run end with status 1 (`StandardStreams`).
struct Launcher {
    /// What the command line asked to run.
    enum Entry: Equatable {
        /// `attnsh`: the interactive shell, or standard input as a script `<stdin>`.
        case shell
        /// `attnsh FILE`: the script alone, whatever standard input is.
        case script(path: String)
        /// `attnsh -i FILE`: FILE, then the interactive shell (or standard input) with its workspace.
        case scriptThenShell(path: String)
        /// `attnsh replay FILE`: classroom replay in the interactive shell, else FILE as a script.
        case replay(path: String, delay: Double?)
    }

    /// A script to run without a terminal: a file, or all of standard input.
    enum ScriptSource: Equatable {
        case file(String)
        case standardInput

        /// The name diagnostics give it (`FILE:LINE:COL`).
        var name: String {
            switch self {
            case .file(let path): return path
            case .standardInput: return "<stdin>"
            }
        }
    }

    let options: LaunchOptions
    /// The process environment, read once at start.
    let environment: [String: String]

    init(options: LaunchOptions, environment: [String: String] = Environment.current) {
        self.options = options
        self.environment = environment
    }

    /// Runs `entry` to its end; the process's exit status.
    func run(_ entry: Entry) -> Int32 {
        StandardStreams.finish(status: start(entry))
    }

    private func start(_ entry: Entry) -> Int32 {
        StandardStreams.colorsErrors = Self.colorsErrors(environment: environment)
        let terminal = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
        switch entry {
        case .script(let path):
            return runScripts([.file(path)])
        case .replay(let path, _) where !terminal:
            // Nobody to press Enter: run the script as `attnsh FILE` does.
            return runScripts([.file(path)])
        case .shell where !terminal:
            return runScripts([.standardInput])
        case .scriptThenShell(let path) where !terminal:
            // Piped input is a script that continues FILE's workspace.
            return runScripts([.file(path), .standardInput])
        default:
            return runInteractive(entry)
        }
    }

    /// Runs `sources` in order in one session, values to stdout and errors to stderr; stops at
    /// the first failing one unless `--keep-going`, and at Ctrl-C.
    private func runScripts(_ sources: [ScriptSource]) -> Int32 {
        let session = Session(output: { StandardStreams.write($0, to: stdout) },
                              errors: { StandardStreams.writeDiagnostic($0) })
        session.scriptWrites = ScriptWritePolicy(allowsAnyPath: options.allowWrites)
        // A script's effects print as text (`view` prints the labelled grid).
        let host = PlainHost(drawsASCII: options.ascii)
        session.host = host
        defer { withExtendedLifetime(host) {} }
        // Once stdout cannot be written (`> /dev/full`, a closed pipe), the run ends after the
        // statement that found it out: the exit status is then 1 with a message (`finish`).
        session.onStatementSucceeded = { [unowned session] _ in
            if !StandardStreams.flush() { session.endInput() }
        }
        // Ctrl-C cancels the running statement (its error names its line) and ends the run.
        InterruptCancels.install()
        var succeeded = true
        for source in sources {
            succeeded = run(source, in: session) && succeeded
            _ = StandardStreams.flush()
            if InterruptCancels.wasInterrupted || session.quitRequested || (!succeeded && !options.keepGoing) { break }
        }
        if StandardStreams.failure != nil { return 1 }
        return InterruptCancels.wasInterrupted ? 130 : succeeded ? 0 : 1
    }

    /// Runs one script source; false when it cannot be read or a statement failed.
    private func run(_ source: ScriptSource, in session: Session) -> Bool {
        let bytes: [UInt8]
        do {
            switch source {
            case .file(let path): bytes = try InputBytes.read(path: path)
            case .standardInput: bytes = try InputBytes.readStandardInput()
            }
        } catch {
            StandardStreams.writeDiagnostic("attnsh: error: cannot read \(source.name): \(error.reason)")
            return false
        }
        if case .file = source, let notice = ScriptWrites.notice(forScript: bytes, name: source.name) {
            // Before anything runs: someone else's lesson says what it will write.
            StandardStreams.write(notice, to: stderr)
        }
        return session.runScript(bytes: bytes, fileName: source.name, keepGoing: options.keepGoing)
    }

    /// The interactive shell on a terminal: rc file, `-i`'s FILE or the replay, then the shell.
    private func runInteractive(_ entry: Entry) -> Int32 {
        var replay: (script: ReplayScript, delay: Double?)?
        if case .replay(let path, let delay) = entry {
            do {
                replay = (try ReplayScript.load(path: path), delay)
            } catch {
                StandardStreams.writeDiagnostic("attnsh: error: \((error as? TensorError)?.message ?? "\(error)")")
                return 1
            }
        }
        let display = chooseDisplay()
        if let warning = display.warning { StandardStreams.write("attnsh: warning: \(warning)", to: stderr) }
        // The panes: output goes to their log from the start, so the rc file's and FILE's show there.
        let paneLog = display.usesPanes ? ScrollbackLog() : nil
        let output: (String) -> Void, errors: (String) -> Void
        if let paneLog {
            output = { paneLog.append($0) }
            errors = { paneLog.appendDiagnostic($0) }
        } else {
            output = { StandardStreams.write($0, to: stdout) }
            errors = { StandardStreams.writeDiagnostic($0) }
        }
        let session = Session(output: output, errors: errors)
        session.scriptWrites = ScriptWritePolicy(allowsAnyPath: options.allowWrites)
        // The shell comes first: it is the session's host, so what the rc file and FILE ask to
        // show (`view`, `layout`, ...) reaches it.
        let historyPath = HistoryLocation.path(environment: environment)
        let runShell: () -> Int32
        if let paneLog {
            let shell = PaneShell(session: session, log: paneLog, historyPath: historyPath,
                                  options: RenderOptions(colorMode: display.colorMode))
            if let replay { shell.queueReplay(replay.script, delay: replay.delay) }
            runShell = { shell.run() }
        } else {
            let shell = PlainShell(session: session, historyPath: historyPath, drawsASCII: display.drawsASCII)
            if let replay { shell.queueReplay(replay.script, delay: replay.delay) }
            runShell = { shell.run() }
        }
        if let replay, case .replay(let path, _) = entry,
           let notice = ScriptWrites.notice(for: replay.script.steps.map(\.source).joined(separator: "\n"), name: path) {
            errors(notice)
        }
        // Before the shell takes the keys, Ctrl-C cancels the rc file's or FILE's running
        // statement (and the rest of that file) instead of ending the process; the shells then
        // handle Ctrl-C themselves.
        let previousAction = InterruptCancels.install()
        if !options.norc, let path = startupFilePath { runStartupFile(path, in: session, warn: errors) }
        if case .scriptThenShell(let path) = entry {
            // A failing FILE still leaves the user in the shell, to look at what went wrong.
            _ = run(.file(path), in: session)
            _ = StandardStreams.flush()
        }
        InterruptCancels.restore(previousAction)
        // A Ctrl-C that stopped them is spent: the shell's first Ctrl-C must cancel, not end it.
        Cancellation.process.reset()
        // `quit` in the rc file or FILE: nothing more to do.
        if session.quitRequested { return 0 }
        return runShell()
    }

    /// `~/.attnshrc`, or nil when HOME is unset or empty.
    var startupFilePath: String? {
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home.hasSuffix("/") ? home + ".attnshrc" : home + "/.attnshrc"
    }

    /// Runs the rc file when it exists; its errors name its path, a failing statement does not
    /// stop the rest, and the shell starts anyway (an unreadable file is a warning, `warn`ed
    /// where the session's errors go: the panes' log or stderr).
    private func runStartupFile(_ path: String, in session: Session, warn: (String) -> Void) {
        guard InputBytes.exists(path) else { return }
        do {
            let bytes = try InputBytes.readRegular(path: path)
            session.runScript(bytes: bytes, fileName: path, keepGoing: true)
        } catch {
            warn("attnsh: warning: cannot read \(path): \(error.reason)")
        }
        _ = StandardStreams.flush()
    }
}
