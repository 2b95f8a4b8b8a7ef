import AttnLang
#if canImport(Glibc)
import Glibc
#endif

/// The plain interactive shell: a readline prompt, one input at a time, values printed as text.
///
/// Each input line is numbered from 1 and handed to `Session.runLine`; an input ending in a
/// continuation backslash is collected over several lines (prompt `...> `) and runs as one, numbered
/// by its first line. Ctrl-C clears the line and drops a half-collected input; Ctrl-D on an empty
/// line ends the shell. Its session's host is a `PlainHost`: what statements ask to be shown is
/// printed as text (`view` a labelled grid, `model overview` the table).
public final class PlainShell {
    /// The prompt shown while a statement continued with `\` is being collected.
    public static let continuationPrompt = "...> "

    private let session: Session
    private let editor: ReadlineEditor
    private let host: PlainHost
    /// A replay asked for (`replay PATH` or `attnsh replay`), started before the next prompt.
    private var pendingReplay: (script: ReplayScript, delay: Double?)?

    /// A shell over `session`, keeping its history in `historyPath` (nil: in memory only);
    /// `drawsASCII` (`--ascii`) keeps the printed charts to ASCII.
    public init(session: Session, historyPath: String?, drawsASCII: Bool = false) {
        self.session = session
        self.host = PlainHost(drawsASCII: drawsASCII)
        self.editor = ReadlineEditor(historyPath: historyPath) { [unowned session] line, cursor in
            session.completions(line: line, cursor: cursor)
        }
        session.host = host
        session.onReplay = { [unowned self] script, delay in self.queueReplay(script, delay: delay) }
    }

    /// Starts replaying `script` before the next prompt (nil delay: each statement runs on Enter).
    public func queueReplay(_ script: ReplayScript, delay: Double?) {
        pendingReplay = (script, delay)
    }

    /// Reads and runs inputs until end of input; returns the exit status (0).
    public func run() -> Int32 {
        var collected: [String] = []
        var firstLineNumber = 1
        var lineNumber = 0
        while true {
            if let replay = pendingReplay {
                pendingReplay = nil
                let replaying = PlainReplay(session: session, editor: editor, script: replay.script, delay: replay.delay)
                if replaying.run() == .endOfInput { return 0 }
            }
            let prompt = collected.isEmpty ? session.prompt : Self.continuationPrompt
            guard let line = editor.readLine(prompt: prompt, promptAfterInterrupt: session.prompt) else {
                // Ctrl-D leaves the cursor after the prompt; end that line so the caller's shell
                // prompt starts on a fresh one.
                putchar(0x0A)
                fflush(nil)
                return 0
            }
            if editor.wasInterrupted { collected = [] }
            lineNumber += 1
            editor.remember(line)
            if collected.isEmpty { firstLineNumber = lineNumber }
            collected.append(line)
            let input = collected.joined(separator: "\n")
            if session.needsContinuation(input) { continue }
            collected = []
            session.runLine(input, lineNumber: firstLineNumber)
            fflush(nil)
            if session.quitRequested { return 0 }
        }
    }
}
