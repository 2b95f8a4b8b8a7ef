// Readline's globals are plain C variables; Swift 6 would reject every use as shared mutable
// state. They are used from the main thread only (see the type's documentation).
@preconcurrency import CReadline
import AttnCore
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
    /// Where remembered lines are appended (see `HistoryFile`).
    private var historyFile: HistoryFile?
    /// Why the history file is not in use, if it is not (the shells mention it once).
    public var historyProblem: String? { historyFile?.problem }
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
            var file = HistoryFile(path: historyPath)
            for line in file.load().suffix(HistoryLocation.capacity) { add_history(line) }
            historyFile = file
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

    /// Reads one line like `readLine(prompt:)`, with the line already holding `text` and the
    /// cursor after it, as if typed: the replay presenter may edit it, or press Enter.
    public func readLine(prompt: String, prefilled text: String) -> String? {
        prefilledText = text
        rl_startup_hook = insertPrefilledText
        defer {
            rl_startup_hook = nil
            prefilledText = nil
        }
        return readLine(prompt: prompt)
    }

    /// Adds a non-blank line to the history and appends it to the history file at once, so a
    /// crash loses nothing. A line equal to the previous entry is not added twice.
    public func remember(_ line: String) {
        guard line.contains(where: { !$0.isWhitespace }) else { return }
        if history_length > 0, let last = history_get(history_base + history_length - 1),
           let text = last.pointee.line, String(cString: text) == line {
            return
        }
        add_history(line)
        historyFile?.append(line)
    }

    // MARK: Callback mode (inside the pane screen)

    /// What readline last displayed in callback mode: its prompt (Ctrl-R shows its search prompt
    /// here), the line, and the insertion point in characters.
    public private(set) var displayedPrompt = ""
    public private(set) var displayedLine = ""
    public private(set) var displayedCursor = 0
    /// Lines finished since the last `takeFinishedLines`; nil marks end of input (Ctrl-D on an empty line).
    private var finishedLines: [String?] = []
    /// Candidates readline asked to list after a second Tab, for the caller to show.
    public private(set) var listedCompletions: [String] = []
    /// Where readline's callback mode gets more bytes when its queue runs dry mid-key.
    private var readMoreInput: (() -> [UInt8])?

    /// Switches to readline's callback interface for the pane screen: readline never touches
    /// the terminal; keys are handed to it with `feed` and what it would draw is recorded in
    /// `displayedPrompt`, `displayedLine` and `displayedCursor` for the screen to draw.
    public func beginCallbackMode(prompt: String, readMore: @escaping () -> [UInt8]) {
        activeEditor = self
        readMoreInput = readMore
        rl_catch_signals = 0
        rl_catch_sigwinch = 0
        // Readline would export LINES and COLUMNS, which would pin curses to its first size.
        rl_change_environment = 0
        if let sink = fopen("/dev/null", "w") { rl_outstream = sink }
        rl_getc_function = callbackGetc
        rl_input_available_hook = callbackInputAvailable
        rl_redisplay_function = callbackRedisplay
        rl_prep_term_function = { _ in }
        rl_deprep_term_function = {}
        rl_completion_display_matches_hook = callbackDisplayMatches
        rl_callback_handler_install(prompt, callbackLineHandler)
        recordDisplay()
    }

    /// Hands one key's bytes to readline; lines it finishes are kept for `takeFinishedLines`.
    public func feed(_ bytes: [UInt8]) {
        pendingInput.append(contentsOf: bytes)
        while !pendingInput.isEmpty {
            rl_callback_read_char()
        }
        recordDisplay()
    }

    /// The lines finished since the last call, oldest first (nil: end of input).
    public func takeFinishedLines() -> [String?] {
        defer { finishedLines = [] }
        return finishedLines
    }

    /// The completions readline listed since the last call.
    public func takeListedCompletions() -> [String] {
        defer { listedCompletions = [] }
        return listedCompletions
    }

    /// Starts a fresh line with `prompt` (after a finished line, or a continuation prompt).
    public func restartLine(prompt: String) {
        rl_callback_handler_remove()
        rl_callback_handler_install(prompt, callbackLineHandler)
        recordDisplay()
    }

    /// Starts a fresh line with `prompt` already holding `text`, the cursor after it, as if typed
    /// (a statement presented by the pane shell's replay).
    public func restartLine(prompt: String, prefilled text: String) {
        rl_callback_handler_remove()
        // Installing the handler starts an empty line; the text goes in after that.
        rl_callback_handler_install(prompt, callbackLineHandler)
        if !text.isEmpty { _ = rl_insert_text(text) }
        recordDisplay()
    }

    /// Ctrl-C at the pane prompt: leave any search, forget the line, keep the prompt.
    public func clearLine(prompt: String) {
        rl_callback_sigcleanup()
        rl_free_line_state()
        rl_replace_line("", 1)
        rl_point = 0
        rl_mark = 0
        restartLine(prompt: prompt)
    }

    /// Leaves callback mode (before the screen is given back).
    public func endCallbackMode() {
        rl_callback_handler_remove()
        readMoreInput = nil
    }

    fileprivate func recordDisplay() {
        displayedPrompt = rl_display_prompt.map { String(cString: $0) } ?? ""
        guard let buffer = rl_line_buffer else {
            displayedLine = ""
            displayedCursor = 0
            return
        }
        let bytes = Array(UnsafeBufferPointer(start: buffer, count: Int(strlen(buffer))).map { UInt8(bitPattern: $0) })
        displayedLine = String(decoding: bytes, as: UTF8.self)
        let point = min(max(Int(rl_point), 0), bytes.count)
        displayedCursor = String(decoding: bytes[..<point], as: UTF8.self).count
    }

    fileprivate func finish(_ line: String?) {
        finishedLines.append(line)
    }

    fileprivate func list(_ candidates: [String]) {
        listedCompletions = candidates
    }

    fileprivate func moreInput() -> [UInt8] {
        readMoreInput?() ?? []
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
        // The two strings readline keeps pointers to live for the whole process: made once, not
        // once per editor (a test that makes many editors would otherwise leak a copy each time).
        rl_readline_name = UnsafePointer(readlineName)
        rl_attempted_completion_function = attemptCompletion
        rl_completer_word_break_characters = UnsafePointer(wordBreakCharacters)
        // Readline keeps its own SIGINT handling (it restores the terminal and re-raises the
        // signal to the handler below); the hook then runs on the main thread, outside any signal
        // handler, where calling readline is safe.
        rl_catch_signals = 1
        rl_signal_event_hook = signalEventHook
        installInterruptHandler()
    }
}

// MARK: - C callbacks and their state

/// The program's name for `~/.inputrc` conditionals (`$if attnsh`), allocated once.
nonisolated(unsafe) private let readlineName: UnsafeMutablePointer<CChar> = strdup("attnsh")
/// The characters that end a word for completion. Names contain dots and paths contain slashes,
/// so neither breaks a word. Allocated once.
nonisolated(unsafe) private let wordBreakCharacters: UnsafeMutablePointer<CChar> = strdup(" \t\n\"'`@$><=;|&{(,[]+-*:!%^)")

/// The editor that readline's callbacks talk to.
nonisolated(unsafe) private var activeEditor: ReadlineEditor?

/// Set to 1 by the SIGINT handler. A global with a constant initial value is initialised
/// statically, so the handler never runs Swift's lazy global initialisation (not signal-safe).
nonisolated(unsafe) private var interruptPending: Int32 = 0

/// Bytes handed to readline in callback mode, not yet read by it.
nonisolated(unsafe) private var pendingInput: [UInt8] = []

/// Readline's byte source in callback mode: the queue, refilled from the screen if it runs dry.
private let callbackGetc: @convention(c) (UnsafeMutablePointer<FILE>?) -> Int32 = { _ in
    if pendingInput.isEmpty, let more = activeEditor?.moreInput() { pendingInput = more }
    guard !pendingInput.isEmpty else { return 0x07 }  // Ctrl-G: abort whatever readline waits for
    return Int32(pendingInput.removeFirst())
}

/// Whether more bytes are queued (readline's escape-sequence timeout asks this).
private let callbackInputAvailable: @convention(c) () -> Int32 = {
    pendingInput.isEmpty ? 0 : 1
}

/// Readline's redisplay in callback mode: only record what it would show.
private let callbackRedisplay: @convention(c) () -> Void = {
    activeEditor?.recordDisplay()
}

/// Called by readline with each finished line (malloc'd; nil at end of input).
private let callbackLineHandler: @convention(c) (UnsafeMutablePointer<CChar>?) -> Void = { line in
    guard let line else {
        activeEditor?.finish(nil)
        return
    }
    activeEditor?.finish(String(cString: line))
    free(line)
}

/// Readline's completion listing (second Tab): matches[1...count] are the candidates.
private let callbackDisplayMatches: @convention(c) (
    UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, Int32, Int32
) -> Void = { matches, count, _ in
    guard let matches, count > 0 else { return }
    var candidates: [String] = []
    for index in 1...Int(count) {
        if let entry = matches[index] { candidates.append(String(cString: entry)) }
    }
    activeEditor?.list(candidates)
}

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

    // Outside readline (while a statement runs) this handler is the one in force: Ctrl-C then
    // also cancels the statement. `prepare` creates the flag now, not inside the handler.
    Cancellation.prepare()
    var action = sigaction()
    action.__sigaction_handler.sa_handler = { _ in
        interruptPending = 1
        Cancellation.process.request()
    }
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

/// The text `readLine(prompt:prefilled:)` puts on the line before readline shows it.
nonisolated(unsafe) private var prefilledText: String?

/// Readline's startup hook for a pre-filled line: inserts the text at the cursor.
private let insertPrefilledText: @convention(c) () -> Int32 = {
    if let prefilledText { _ = rl_insert_text(prefilledText) }
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
