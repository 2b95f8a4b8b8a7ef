import ArgumentParser
import AttnCore
import AttnLang
import AttnTerminal
#if canImport(Glibc)
// stdout and stderr are C globals that Swift 6 would reject as shared mutable state; this
// program writes them from the main thread only.
@preconcurrency import Glibc
#endif

/// `attnsh replay FILE [--delay SECONDS]`: classroom replay in the interactive shell (docs/reference.md §1.1, §5.2).
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attnsh replay",
        abstract: "Present a script one statement at a time, then stay in the shell.",
        discussion: """
            Each statement appears at the prompt as if typed; Enter runs it (edit it first if you \
            like). With --delay each runs on a timer instead (any key runs it at once). The panes \
            follow the lesson. `q` leaves the replay and keeps the workspace in the interactive \
            shell; so does the end of the script. In the panes `q` works while the line holds the \
            statement unedited, Esc q and Ctrl-C always; with --plain, clear the line (Ctrl-U) \
            and type `q` then Enter. `pause` in the script waits for Enter. When standard input or \
            output is not a terminal, the script simply runs, as with `attnsh FILE`.
            """)

    @ArgumentParser.Argument(help: ArgumentHelp("The script to replay.", valueName: "FILE"))
    var file: String

    @ArgumentParser.Option(help: ArgumentHelp("Run each statement after this many seconds instead of on Enter.", valueName: "SECONDS"))
    var delay: Double?

    @ArgumentParser.Flag(help: "Use the plain line-mode shell, without the full-screen panes.")
    var plain = false

    @ArgumentParser.Flag(help: "Do not run ~/.attnshrc.")
    var norc = false

    @ArgumentParser.Flag(help: "Draw with ASCII characters only.")
    var ascii = false

    func validate() throws {
        if let delay {
            do {
                _ = try CommandSpec.checkedDelay(delay, at: SourceRange(line: 1, column: 1, length: 0))
            } catch let error as LangError {
                throw ValidationError(error.message + ".")
            }
        }
    }

    func run() throws {
        let terminal = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
        // The pane UI: output goes to its log from the start, so the rc file's shows there.
        let paneLog: ScrollbackLog? = terminal && !plain ? ScrollbackLog() : nil
        let session = paneLog.map { log in Session(output: { log.append($0) }, errors: { log.append($0) }) }
            ?? Session(output: { StandardStreams.write($0, to: stdout) },
                       errors: { StandardStreams.write($0, to: stderr) })
        // Without a terminal the script's effects print as text; a shell below is the host instead.
        let scriptHost = PlainHost(drawsASCII: ascii)
        session.host = scriptHost
        defer { withExtendedLifetime(scriptHost) {} }
        guard terminal else {
            // Nobody to press Enter: run the script as `attnsh FILE` does.
            let bytes: [UInt8]
            do {
                bytes = try InputBytes.read(path: file)
            } catch {
                StandardStreams.write("attnsh: error: cannot read \(file): \(error.reason)", to: stderr)
                throw ExitCode(1)
            }
            let succeeded = session.runScript(bytes: bytes, fileName: file, keepGoing: false)
            fflush(stdout)
            throw ExitCode(succeeded ? 0 : 1)
        }
        let script: ReplayScript
        do {
            script = try ReplayScript.load(path: file)
        } catch {
            StandardStreams.write("attnsh: error: \((error as? TensorError)?.message ?? "\(error)")", to: stderr)
            throw ExitCode(1)
        }
        // The shell comes first: it is the session's host, so what the rc file asks to show reaches it.
        let environment = Environment.current
        let historyPath = HistoryLocation.path(environment: environment)
        let runShell: () -> Int32
        let queueReplay: (ReplayScript, Double?) -> Void
        if let paneLog {
            let colorMode: ColorMode = ascii ? .ascii : environment["NO_COLOR"] != nil ? .monochrome : .color256
            let shell = PaneShell(session: session, log: paneLog, historyPath: historyPath,
                                  options: RenderOptions(colorMode: colorMode))
            (runShell, queueReplay) = ({ shell.run() }, { shell.queueReplay($0, delay: $1) })
        } else {
            let shell = PlainShell(session: session, historyPath: historyPath, drawsASCII: ascii)
            (runShell, queueReplay) = ({ shell.run() }, { shell.queueReplay($0, delay: $1) })
        }
        if !norc, let home = environment["HOME"], !home.isEmpty {
            let rc = home.hasSuffix("/") ? home + ".attnshrc" : home + "/.attnshrc"
            if InputBytes.exists(rc), let bytes = try? InputBytes.read(path: rc) {
                session.runScript(bytes: bytes, fileName: rc, keepGoing: true)
                fflush(stdout)
            }
        }
        queueReplay(script, delay)
        throw ExitCode(runShell())
    }
}
