#if canImport(Glibc)
// stdout and stderr are C globals that Swift 6 would reject as shared mutable state; this
// program writes them from the main thread only.
@preconcurrency import Glibc
#endif

/// Writing text to stdout (values) and stderr (diagnostics).
enum StandardStreams {
    /// Writes `text` to `stream`, ending it with a newline when it has none.
    static func write(_ text: String, to stream: UnsafeMutablePointer<FILE>?) {
        fputs(text, stream)
        if !text.hasSuffix("\n") { fputs("\n", stream) }
    }
}
