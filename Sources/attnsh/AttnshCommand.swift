import ArgumentParser
import AttnCore
import AttnLang
import AttnTerminal
#if canImport(Glibc)
// stdout and stderr are C globals that Swift 6 would reject as shared mutable state; this
// program writes them from the main thread only.
@preconcurrency import Glibc
#endif

/// The `attnsh` command line: run a script, or the interactive shell (docs/reference.md §1).
// Property wrappers are spelled `ArgumentParser.Argument`: AttnLang has a type named `Argument` too.
struct AttnshCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attnsh",
        abstract: "A shell for experimenting with and teaching multi-head attention.",
        discussion: """
            Without FILE: the interactive shell when standard input and output are terminals, \
            otherwise standard input runs as a script named <stdin>. ~/.attnshrc runs before an \
            interactive session. History is kept in $XDG_STATE_HOME/attnsh/history when \
            XDG_STATE_HOME is set, else in ~/.attnsh_history.

            Exit status: 0 when every statement succeeded; 1 after a failing statement or an \
            unreadable FILE; 130 when Ctrl-C cancelled a script's statement (a second Ctrl-C \
            ends it at once); 64 for a bad command line.

            Also: `attnsh replay FILE [--delay SECONDS]` presents a script one statement at a \
            time (classroom replay), and `attnsh bench --seq T --d-model D --heads H ...` times \
            the forward pass; each takes --help. Inside the shell, `help` lists every command.
            """,
        version: "attnsh \(AttnVersion.string)")

    @ArgumentParser.Argument(help: ArgumentHelp("A script to run non-interactively.", valueName: "FILE"))
    var file: String?

    @ArgumentParser.Flag(name: .customShort("i"), help: "Run FILE, then stay in the interactive shell with its workspace.")
    var interactive = false

    @ArgumentParser.Flag(help: "Report every failing statement and run the rest (the exit status is still 1).")
    var keepGoing = false

    @ArgumentParser.Flag(help: "Use the plain line-mode shell, without the full-screen panes.")
    var plain = false

    @ArgumentParser.Flag(help: "Do not run ~/.attnshrc.")
    var norc = false

    @ArgumentParser.Flag(help: "Draw with ASCII characters only.")
    var ascii = false

    func validate() throws {
        if interactive && file == nil {
            throw ValidationError("-i needs a FILE to run before the interactive shell.")
        }
    }

    func run() throws {
        let terminal = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
        // The pane UI: output goes to its log from the start, so the rc file's and `-i FILE`'s show there.
        let paneLog: ScrollbackLog? = terminal && !plain && (file == nil || interactive) ? ScrollbackLog() : nil
        let session = paneLog.map { log in Session(output: { log.append($0) }, errors: { log.append($0) }) }
            ?? Session(output: { StandardStreams.write($0, to: stdout) },
                       errors: { StandardStreams.write($0, to: stderr) })
        // A script's effects print as text (`view` a grid); an interactive shell below is the host instead.
        let scriptHost = PlainHost(drawsASCII: ascii)
        session.host = scriptHost
        defer { withExtendedLifetime(scriptHost) {} }

        guard interactive || file == nil else {
            // `attnsh FILE`: the script alone, whatever stdin is. Ctrl-C cancels the running
            // statement (its error names its line) and ends the script with status 130.
            InterruptCancels.install()
            let succeeded = runFile(file ?? "", in: session)
            throw ExitCode(InterruptCancels.wasInterrupted ? 130 : succeeded ? 0 : 1)
        }
        guard terminal else {
            // Piped input is a script; with `-i FILE` it continues FILE's workspace.
            InterruptCancels.install()
            var succeeded = true
            if let file {
                succeeded = runFile(file, in: session)
                if !succeeded && !keepGoing { throw ExitCode(InterruptCancels.wasInterrupted ? 130 : 1) }
            }
            if !InterruptCancels.wasInterrupted {
                succeeded = runStandardInput(in: session) && succeeded
            }
            throw ExitCode(InterruptCancels.wasInterrupted ? 130 : succeeded ? 0 : 1)
        }

        // Interactive: the pane UI, or with --plain the plain readline shell. The shell comes
        // first: it is the session's host, so what the rc file and FILE ask to show reaches it.
        let environment = Environment.current
        let historyPath = HistoryLocation.path(environment: environment)
        let runShell: () -> Int32
        if let paneLog {
            let colorMode: ColorMode = ascii ? .ascii : environment["NO_COLOR"] != nil ? .monochrome : .color256
            let shell = PaneShell(session: session, log: paneLog, historyPath: historyPath,
                                  options: RenderOptions(colorMode: colorMode))
            runShell = { shell.run() }
        } else {
            let shell = PlainShell(session: session, historyPath: historyPath, drawsASCII: ascii)
            runShell = { shell.run() }
        }
        if !norc, let home = environment["HOME"], !home.isEmpty {
            runStartupFile(home.hasSuffix("/") ? home + ".attnshrc" : home + "/.attnshrc", in: session)
        }
        if let file {
            // A failing FILE still leaves the user in the shell, to look at what went wrong.
            _ = runFile(file, in: session)
        }
        throw ExitCode(runShell())
    }

    /// Runs the script at `path`; false when it cannot be read or a statement failed.
    private func runFile(_ path: String, in session: Session) -> Bool {
        let bytes: [UInt8]
        do {
            bytes = try InputBytes.read(path: path)
        } catch {
            StandardStreams.write("attnsh: error: cannot read \(path): \(error.reason)", to: stderr)
            return false
        }
        defer { fflush(stdout) }
        return session.runScript(bytes: bytes, fileName: path, keepGoing: keepGoing)
    }

    /// Runs all of standard input as the script `<stdin>`.
    private func runStandardInput(in session: Session) -> Bool {
        let bytes: [UInt8]
        do {
            bytes = try InputBytes.readStandardInput()
        } catch {
            StandardStreams.write("attnsh: error: cannot read <stdin>: \(error.reason)", to: stderr)
            return false
        }
        defer { fflush(stdout) }
        return session.runScript(bytes: bytes, fileName: "<stdin>", keepGoing: keepGoing)
    }

    /// Runs the rc file when it exists; its errors name its path, and the shell starts anyway.
    private func runStartupFile(_ path: String, in session: Session) {
        guard InputBytes.exists(path) else { return }
        do {
            let bytes = try InputBytes.read(path: path)
            session.runScript(bytes: bytes, fileName: path, keepGoing: true)
        } catch {
            StandardStreams.write("attnsh: warning: cannot read \(path): \(error.reason)", to: stderr)
        }
        fflush(stdout)
    }
}
