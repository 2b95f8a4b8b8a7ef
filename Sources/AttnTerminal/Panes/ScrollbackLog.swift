import AttnLang

/// The pane shell's scroll-back: statements as typed, their output and their errors, oldest first.
///
/// A reference type so the session's output closures (made before the screen starts, to catch
/// what `~/.attnshrc` and `-i FILE` print) and the shell share one log.
public final class ScrollbackLog {
    /// Lines kept; older ones are dropped.
    public static let capacity = 10_000

    public private(set) var lines: [String] = []

    public init() {}

    /// Appends `text`, one log line per line of text (tabs become spaces, other control
    /// characters are shown visibly: `TerminalText`).
    public func append(_ text: String) {
        for line in TerminalText.visible(text).split(separator: "\n", omittingEmptySubsequences: false) {
            lines.append(line.split(separator: "\t", omittingEmptySubsequences: false).joined(separator: "    "))
        }
        if lines.count > Self.capacity { lines.removeFirst(lines.count - Self.capacity) }
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
            lines.append(line)
            index += perLine
        }
    }
}
