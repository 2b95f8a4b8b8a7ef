/// A message about a script, located in it: an error or a warning, its
/// wording, the range it concerns, and the file it came from.
public struct Diagnostic: Sendable, Equatable {
    public enum Severity: String, Sendable, Equatable {
        case error, warning
    }

    public var severity: Severity
    public var message: String
    public var range: SourceRange
    /// `<stdin>` for interactive input.
    public var fileName: String

    public init(severity: Severity, message: String, range: SourceRange, fileName: String) {
        self.severity = severity
        self.message = message
        self.range = range
        self.fileName = fileName
    }

    /// The first line of the rendered form: `FILE:LINE:COL: error: MESSAGE`.
    public var header: String {
        "\(fileName):\(range.line):\(range.column): \(severity.rawValue): \(message)"
    }
}

/// Renders diagnostics as plain text (docs/reference.md §1.4, exact):
///
///     script.attn:3:9: error: `q` is not defined; did you mean `x`?
///     y = x + q
///             ^
///
/// The header line, then the offending source line, then a caret under the
/// column with `~` under the rest of the range (up to the end of the line).
public enum DiagnosticRenderer {
    /// The diagnostic as text lines joined by "\n" (no trailing newline).
    /// `sourceLine` is the text of line `range.line`, when known.
    public static func render(_ diagnostic: Diagnostic, sourceLine: String?) -> String {
        var lines = [diagnostic.header]
        guard let sourceLine else { return lines.joined(separator: "\n") }
        let all = Array(sourceLine)
        let column = max(diagnostic.range.column, 1)
        // A long line is shown only around the column, `…` marking each cut,
        // so a 4 MB line gives two short lines rather than two huge ones.
        let lower = all.count > 2 * context + 1 ? max(0, min(column - 1, all.count) - context) : 0
        let upper = all.count > 2 * context + 1 ? min(all.count, max(column - 1, lower) + context + 1) : all.count
        let characters = Array(all[lower..<upper])
        let lead = lower > 0 ? "…" : ""
        // Control characters are shown visibly (`TerminalText`: ESC as `^[`), never sent to the
        // terminal; the caret's padding counts what is shown.
        lines.append(lead + TerminalText.visible(String(characters)) + (upper < all.count ? "…" : ""))
        let shownColumn = column - lower
        // Keep tabs in the padding so the caret lines up under tabbed text.
        var marker = lead.isEmpty ? "" : " "
        for i in 0..<min(shownColumn - 1, characters.count) {
            let shown = TerminalText.visible(String(characters[i]))
            marker += characters[i] == "\t" ? "\t" : String(repeating: " ", count: max(shown.count, 1))
        }
        if shownColumn - 1 > characters.count {
            marker += String(repeating: " ", count: min(shownColumn - 1 - characters.count, context))
        }
        marker += "^"
        let available = max(characters.count - shownColumn, 0)
        let tildes = min(max(diagnostic.range.length - 1, 0), available)
        marker += String(repeating: "~", count: tildes)
        lines.append(marker)
        return lines.joined(separator: "\n")
    }

    /// Characters shown on each side of the column of a long source line.
    public static let context = 100
}
