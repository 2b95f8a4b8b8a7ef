import AttnLang
import AttnTerminal
#if canImport(Glibc)
// stdout and stderr are C globals that Swift 6 would reject as shared mutable state; this
// program writes them from the main thread only.
@preconcurrency import Glibc
#endif

/// Writing text to stdout (values) and stderr (diagnostics), remembering the first failure.
///
/// A write that fails (a full disk, `> /dev/full`, a closed terminal) must not pass silently:
/// `Launcher` asks `finish()` at the end of every run, which flushes stdout and turns a failed
/// write on either stream into exit status 1 with a message on stderr.
enum StandardStreams {
    /// Which stream failed first and why (errno), or nil while every write succeeded.
    nonisolated(unsafe) private(set) static var failure: (stream: String, reason: Int32)?

    /// Writes `text` to `stream`, ending it with a newline when it has none.
    ///
    /// Before a diagnostic goes to stderr, what stdout holds is flushed, so that `2>&1` keeps
    /// values and errors in the order the statements made them (stdout is fully buffered into
    /// files and pipes, stderr not at all).
    ///
    /// Control characters in the text (an escape sequence in a script's `echo`, a label, a
    /// path) are written visibly (`TerminalText`), never sent to the terminal.
    /// Whether `writeDiagnostic` colours errors red (stderr is a colour terminal, `NO_COLOR` unset).
    nonisolated(unsafe) static var colorsErrors = false

    /// The escape codes that make an error red, and that end it.
    static let red = "\u{1B}[31m", normal = "\u{1B}[0m"

    /// Writes a rendered diagnostic to stderr: red when it is an error and `colorsErrors` is set
    /// (the text itself is made visible first, so only these codes reach the terminal).
    static func writeDiagnostic(_ text: String) {
        let isError = LogLineKind.of(diagnostic: text) == .error
        write(text, to: stderr, color: colorsErrors && isError ? red : nil)
    }

    static func write(_ text: String, to stream: UnsafeMutablePointer<FILE>?, color: String? = nil) {
        // Past a failure stdout stays silent: its buffer would fail again for every value.
        if stream == stdout, failure?.stream == "standard output" { return }
        var text = TerminalText.visible(text)
        if let color {
            if text.hasSuffix("\n") { text.removeLast() }
            text = color + text + normal + "\n"
        }
        if stream == stderr, failure?.stream != "standard output", fflush(stdout) != 0 { noteFailure(of: stdout) }
        var written = fputs(text, stream) != EOF
        if written, !text.hasSuffix("\n") { written = fputs("\n", stream) != EOF }
        if !written { noteFailure(of: stream) }
    }

    /// Flushes stdout; true when nothing written to stdout or stderr failed.
    // stdout is fully buffered into files and pipes: its last bytes (and so its error, for a
    // short output) only reach the system here.
    static func flush() -> Bool {
        if fflush(stdout) != 0 || ferror(stdout) != 0 { noteFailure(of: stdout) }
        if ferror(stderr) != 0 { noteFailure(of: stderr) }
        return failure == nil
    }

    /// Flushes stdout and reports a failed write; `status` when none failed, else 1.
    static func finish(status: Int32) -> Int32 {
        guard !flush(), let failure else { return status }
        if failure.stream != "standard error" {
            let message = "attnsh: error: cannot write to \(failure.stream): \(String(cString: strerror(failure.reason)))\n"
            fputs(message, stderr)
        }
        return 1
    }

    private static func noteFailure(of stream: UnsafeMutablePointer<FILE>?) {
        guard failure == nil else { return }
        // errno belongs to the failed call; a stream marked in error earlier keeps EIO.
        let reason = errno != 0 ? errno : EIO
        failure = (stream == stderr ? "standard error" : "standard output", reason)
    }
}
