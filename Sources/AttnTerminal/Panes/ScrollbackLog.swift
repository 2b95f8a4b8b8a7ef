import AttnLang

/// The pane shell's scroll-back: statements as typed, their output and their errors, oldest first.
///
/// A reference type so the session's output closures (made before the screen starts, to catch
/// what `~/.attnshrc` and `-i FILE` print) and the shell share one log. Each line keeps its kind
/// (`LogLineKind`): errors are drawn red, and the statement lines tell where the output of the
/// statement just run begins.
public final class ScrollbackLog {
    /// Lines kept; older ones are dropped.
    public static let capacity = 10_000

    public private(set) var lines: [String] = []
    /// What each of `lines` is, index for index.
    public private(set) var kinds: [LogLineKind] = []

    public init() {}

    /// Appends `text`, one log line per line of text (tabs become spaces, other control
    /// characters are shown visibly: `TerminalText`).
    public func append(_ text: String, kind: LogLineKind = .output) {
        for line in TerminalText.visible(text).split(separator: "\n", omittingEmptySubsequences: false) {
            add(line.split(separator: "\t", omittingEmptySubsequences: false).joined(separator: "    "), kind: kind)
        }
        trim()
    }

    /// Appends a rendered diagnostic: an error (red) or, when its first line says so, a warning.
    public func appendDiagnostic(_ text: String) {
        append(text, kind: LogLineKind.of(diagnostic: text))
    }

    /// `words` laid out in columns across `width` characters, as a shell lists completions.
    public func appendColumns(_ words: [String], width: Int) {
        guard let longest = words.map(\.count).max() else { return }
        let columnWidth = longest + 2
        let perLine = max(1, width / columnWidth)
        var index = 0
        while index < words.count {
            let row = words[index..<min(words.count, index + perLine)]
            var line = ""
            for word in row { line += word + String(repeating: " ", count: columnWidth - word.count) }
            while line.last == " " { line.removeLast() }
            add(line, kind: .output)
            index += perLine
        }
        trim()
    }

    private func add(_ line: String, kind: LogLineKind) {
        lines.append(line)
        kinds.append(kind)
    }

    private func trim() {
        guard lines.count > Self.capacity else { return }
        lines.removeFirst(lines.count - Self.capacity)
        kinds.removeFirst(kinds.count - Self.capacity)
    }
}

/// What a line of the pane log is: how it is drawn and what it says about the statements.
public enum LogLineKind: Sendable, Equatable {
    /// A statement as typed or replayed (`attn> step`): the output of the last one follows it.
    case statement
    /// A further line of a statement continued with `\\` (`...> `).
    case continuation
    /// What a statement printed.
    case output
    /// An error diagnostic (drawn red on a colour screen).
    case error
    /// A warning diagnostic.
    case warning
    /// Narration: a replay's comment line, or the replay's own notes.
    case narration

    /// The kind of a rendered diagnostic: a warning when its first line says `warning:`, else an error.
    public static func of(diagnostic text: String) -> LogLineKind {
        let first = text.prefix { $0 != "\n" }
        return first.contains("warning: ") && !first.contains("error: ") ? .warning : .error
    }
}
