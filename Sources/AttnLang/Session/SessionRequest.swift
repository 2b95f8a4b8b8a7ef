/// Something a session command asks of the `Session` itself, beyond the
/// state an interpreter holds: running another script, opening or closing the
/// recording file, handing a script to the replay driver.
///
/// A command's handler only checks its arguments and sets
/// `Interpreter.sessionRequest`; the session carries the request out once the
/// statement has otherwise succeeded, and the statement fails if it cannot.
public enum SessionRequest: Sendable, Equatable {
    /// `source PATH`: run the script at `path` (as written; `~` not yet expanded).
    case source(path: String, range: SourceRange)
    /// `record PATH`: append every later successful statement to `path`.
    case record(path: String, range: SourceRange)
    /// `history save PATH`: write the history as a script, atomically.
    case saveHistory(path: String, range: SourceRange)
    /// `quit` / `exit`: leave the shell, or end the script here.
    case quit
    /// `record off`: stop recording.
    case stopRecording(range: SourceRange)
    /// `replay PATH [delay=S]`: present the script one statement at a time.
    case replay(path: String, delay: Double?, range: SourceRange)
}
