// Readline's globals are plain C variables; Swift 6 would reject every use as shared mutable
// state. They are used from the main thread only (see the type's documentation).
@preconcurrency import CReadline
#if canImport(Glibc)
import Glibc
#endif

/// The line editor of the plain interactive shell, over GNU readline.
///
/// It reads one line with a prompt (with all of readline: editing, Ctrl-R history search, the
/// user's `~/.inputrc`), keeps a persistent history file capped at `HistoryLocation.capacity`
/// entries and written after every line, completes words through a `Completer`, and turns Ctrl-C
/// at the prompt into "clear the line, show a fresh prompt".
///
/// This is the only file that touches readline. Readline is one C library with process-wide
/// state, so at most one editor is active at a time (the last one that read a line), and it must
/// be used from the main thread.
public final class ReadlineEditor {
    /// Completes the word before `cursor` (a Character offset into `line`): the Character offset
    /// where the replaced word starts, and the full words that may replace it.
    public typealias Completer = (_ line: String, _ cursor: Int) -> (start: Int, candidates: [String])

    /// The history file, or nil for a history kept only in memory.
    public let historyPath: String?
    private let completer: Completer
    private var promptAfterInterrupt: String?

    /// True when Ctrl-C cleared the line during the last `readLine` call; a caller collecting a
    /// statement continued over several lines drops what it collected.
    public private(set) var wasInterrupted = false

    /// Sets readline up and loads the history from `historyPath` (a missing file is an empty history).
    public init(historyPath: String?, completer: @escaping Completer) {
        self.historyPath = historyPath
        self.completer = completer
        ReadlineEditor.configureReadline()
        using_history()
        stifle_history(Int32(HistoryLocation.capacity))
        if let historyPath {
            _ = read_history(historyPath)
        }
    }

    /// Reads one line after showing `prompt`; nil at end of input (Ctrl-D on an empty line).
    ///
    /// When Ctrl-C clears the line, the fresh prompt is `promptAfterInterrupt` (default: `prompt`)
    /// and `wasInterrupted` becomes true.
    public func readLine(prompt: String, promptAfterInterrupt: String? = nil) -> String? {
        activeEditor = self
        interruptPending = 0
        wasInterrupted = false
        self.promptAfterInterrupt = promptAfterInterrupt
        guard let raw = readline(prompt) else { return nil }
        defer { free(raw) }
        return String(cString: raw)
    }

    /// Adds a non-blank line to the history and saves the history file at once, so a crash
    /// loses nothing. A line equal to the previous entry is not added twice.
    public func remember(_ line: String) {
        guard line.contains(where: { !$0.isWhitespace }) else { return }
        if history_length > 0, let last = history_get(history_base + history_length - 1),
           let text = last.pointee.line, String(cString: text) == line {
            return
        }
        add_history(line)
        saveHistory()
    }

    /// Writes the whole (capped) history to a temporary file and renames it over the history file.
    private func saveHistory() {
        guard let historyPath else { return }
        guard Self.makeFolders(HistoryLocation.folder(of: historyPath)) else { return }
        let temporary = historyPath + ".tmp-\(getpid())"
        if write_history(temporary) == 0 {
            if rename(temporary, historyPath) != 0 { unlink(temporary) }
        } else {
            unlink(temporary)
        }
    }

    /// Creates `path` and its missing parents (like `mkdir -p`); false when that fails.
    private static func makeFolders(_ path: String) -> Bool {
        var info = stat()
        if stat(path, &info) == 0 { return (info.st_mode & S_IFMT) == S_IFDIR }
        let parent = HistoryLocation.folder(of: path)
        if parent != path, !makeFolders(parent) { return false }
        return mkdir(path, 0o700) == 0 || errno == EEXIST
    }

    // MARK: Ctrl-C

    /// Called from readline's signal hook after Ctrl-C: forget the line, start a fresh prompt.
    fileprivate func clearLineAfterInterrupt() {
        wasInterrupted = true
        rl_replace_line("", 1)
        rl_point = 0
        rl_mark = 0
        if let promptAfterInterrupt { rl_set_prompt(promptAfterInterrupt) }
        // Readline has already echoed "^C"; finish that screen line and redraw below it.
        rl_crlf()
        rl_on_new_line()
        rl_redisplay()
    }

    // MARK: Completion

    /// Readline's matches array for the word readline delimited at `[wordStart, cursor)` (bytes).
    fileprivate func completionMatches(wordStart: Int, cursor: Int) -> [String] {
        guard let buffer = rl_line_buffer else { return [] }
        let lineBytes = Array(UnsafeBufferPointer(start: buffer, count: Int(strlen(buffer)))
            .map { UInt8(bitPattern: $0) })
        let cursorBytes = min(max(cursor, 0), lineBytes.count)
        let readlineStart = min(max(wordStart, 0), cursorBytes)
        let beforeCursor = String(decoding: lineBytes[..<cursorBytes], as: UTF8.self)
        let line = String(decoding: lineBytes, as: UTF8.self)
        let answer = completer(line, beforeCursor.count)
        // The completer may start its word elsewhere than readline's word-break characters did;
        // readline replaces [readlineStart, cursor), so re-express each candidate for that range.
        let start = min(max(answer.start, 0), beforeCursor.count)
        let sessionStart = beforeCursor.prefix(start).utf8.count
        var seen = Set<String>()
        var matches: [String] = []
        for candidate in answer.candidates {
            let replacement: String
            if sessionStart <= readlineStart {
                let skipped = Array(lineBytes[sessionStart..<readlineStart])
                let bytes = Array(candidate.utf8)
                guard bytes.starts(with: skipped) else { continue }
                replacement = String(decoding: bytes[skipped.count...], as: UTF8.self)
            } else {
                replacement = String(decoding: lineBytes[readlineStart..<sessionStart], as: UTF8.self)
                    + candidate
            }
            if seen.insert(replacement).inserted { matches.append(replacement) }
        }
        return matches
    }

    // MARK: Readline set-up

    /// Process-wide readline settings, applied before every editor is used.
    private static func configureReadline() {
        rl_readline_name = UnsafePointer(strdup("attnsh"))
        rl_attempted_completion_function = attemptCompletion
        // Names contain dots and paths contain slashes, so neither breaks a word.
        rl_completer_word_break_characters = UnsafePointer(strdup(" \t\n\"'`@$><=;|&{(,[]+-*:!%^)"))
        // Readline keeps its own SIGINT handling (it restores the terminal and re-raises the
        // signal to the handler below); the hook then runs on the main thread, outside any signal
        // handler, where calling readline is safe.
        rl_catch_signals = 1
        rl_signal_event_hook = signalEventHook
        installInterruptHandler()
    }
}

// MARK: - C callbacks and their state

/// The editor that readline's callbacks talk to.
nonisolated(unsafe) private var activeEditor: ReadlineEditor?

/// Set to 1 by the SIGINT handler. A global with a constant initial value is initialised
/// statically, so the handler never runs Swift's lazy global initialisation (not signal-safe).
nonisolated(unsafe) private var interruptPending: Int32 = 0

/// Installs a SIGINT handler that only records the signal: the one thing that is async-signal-safe.
private func installInterruptHandler() {
    // A process inherits its signal mask: one started from a thread that blocks signals (test
    // runners, IDEs, anything spawned from a Dispatch worker) would never see Ctrl-C, SIGTERM
    // or a resize. Readline reacts only to signals this (the main) thread receives.
    var wanted = sigset_t()
    sigemptyset(&wanted)
    for signal in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP, SIGCONT, SIGWINCH, SIGALRM] {
        sigaddset(&wanted, signal)
    }
    pthread_sigmask(SIG_UNBLOCK, &wanted, nil)

    var action = sigaction()
    action.__sigaction_handler.sa_handler = { _ in interruptPending = 1 }
    sigemptyset(&action.sa_mask)
    // No SA_RESTART: the blocking read() in readline must fail with EINTR so the hook runs now.
    action.sa_flags = 0
    sigaction(SIGINT, &action, nil)
}

/// Readline calls this when a read was interrupted by a signal (after its own handling).
private let signalEventHook: @convention(c) () -> Int32 = {
    guard interruptPending != 0 else { return 0 }
    interruptPending = 0
    activeEditor?.clearLineAfterInterrupt()
    return 0
}

/// Readline's completion entry point: [common prefix, match...], NULL-terminated, malloc'd.
private let attemptCompletion: @convention(c) (
    UnsafePointer<CChar>?, Int32, Int32
) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = { _, start, end in
    // Never fall back to readline's filename completion: the completer knows where paths belong.
    rl_attempted_completion_over = 1
    guard let matches = activeEditor?.completionMatches(wordStart: Int(start), cursor: Int(end)),
          !matches.isEmpty else { return nil }
    // No space after a completed word: in an expression the next character is as often `(`,
    // `[`, `.T` or an operator as a blank, and a folder or `key=` goes on with no blank at all.
    rl_completion_suppress_append = 1
    let single = matches.count == 1
    let entries = single ? matches : [commonPrefix(of: matches)] + matches
    guard let array = malloc((entries.count + 1) * MemoryLayout<UnsafeMutablePointer<CChar>?>.stride)?
        .bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: entries.count + 1)
    else { return nil }
    for (index, entry) in entries.enumerated() {
        array[index] = strdup(entry)
    }
    array[entries.count] = nil
    return array
}

/// The longest run of Characters every string starts with.
private func commonPrefix(of strings: [String]) -> String {
    guard var prefix = strings.first.map(Array.init) else { return "" }
    for string in strings.dropFirst() {
        let characters = Array(string)
        var length = 0
        while length < min(prefix.count, characters.count), prefix[length] == characters[length] {
            length += 1
        }
        prefix.removeSubrange(length...)
    }
    return String(prefix)
}
