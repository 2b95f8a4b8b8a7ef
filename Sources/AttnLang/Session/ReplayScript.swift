import AttnCore
import Foundation

/// A script laid out for classroom replay: its steps (comment lines to show,
/// statements to present at the prompt, pauses) with their line numbers, and
/// a cursor at the next step.
///
/// `ReplayPresenter` walks it for both shells (plain and panes): take
/// `current`, present it, then `advance()`; `quit()` when the presenter leaves.
/// Blank lines are dropped. A statement continued over several lines with
/// `\` is one step: `shown` joins its lines into one (what the prompt
/// pre-fills), `source` keeps them as written (what runs when the presenter
/// does not edit the line, so errors point at the right line and column).
public struct ReplayScript: Sendable, Equatable {
    /// One step of a replay.
    public struct Step: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            /// A line holding only a comment: shown as narration, nothing runs.
            case comment
            /// A statement (or several separated by `;`): shown at the prompt, run on Enter.
            case statement
            /// A line that is just `pause`: waits for Enter, in both modes.
            case pause
        }
        public var kind: Kind
        /// The text to show: the comment, or the statement on one line.
        public var shown: String
        /// The text as written in the script (continuation lines included).
        public var source: String
        /// The script line the step starts on (1-based).
        public var line: Int
    }

    /// The script's name as given (used in diagnostics: `FILE:LINE:COL`).
    public let fileName: String
    public let steps: [Step]
    /// The index of the next step to present.
    public private(set) var cursor = 0
    /// True once `quit()` was called.
    public private(set) var wasQuit = false

    /// Lays out `source`, the text of the script called `fileName`.
    public init(source: String, fileName: String) {
        self.fileName = fileName
        self.steps = ReplayScript.steps(of: source)
    }

    /// Reads and lays out the script at `path` (`~` expanded); the error
    /// names the file, and a binary or non-UTF-8 file is refused.
    public static func load(path: String) throws -> ReplayScript {
        let bytes = try FileContents.read(path: CommandSpec.expandTilde(path), maxBytes: Session.maxScriptBytes)
        switch ScriptBytes.decode(bytes) {
        case .success(let text):
            return ReplayScript(source: text, fileName: path)
        case .failure(let problem):
            throw TensorError("\(path):\(problem.range.line):\(problem.range.column): \(problem.message)")
        }
    }

    /// The step to present next, or nil at the end.
    public var current: Step? { steps.indices.contains(cursor) ? steps[cursor] : nil }

    public var isFinished: Bool { current == nil }

    /// Moves to the next step.
    public mutating func advance() {
        if cursor < steps.count { cursor += 1 }
    }

    /// Leaves the replay: no step is current any more.
    public mutating func quit() {
        wasQuit = true
        cursor = steps.count
    }

    /// True when the presenter typed the word that leaves replay: `q` alone.
    public static func isQuit(_ typed: String) -> Bool {
        typed.trimmingCharacters(in: .whitespacesAndNewlines) == "q"
    }

    // MARK: Layout

    private static func steps(of source: String) -> [Step] {
        let lines = source.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        var steps: [Step] = []
        var index = 0
        while index < lines.count {
            let first = index
            var physical = [lines[index]]
            // A statement continued with `\` takes the following lines with it.
            while continues(physical[physical.count - 1]), index + 1 < lines.count {
                index += 1
                physical.append(lines[index])
            }
            index += 1
            let trimmed = physical[0].trimmingCharacters(in: .whitespaces)
            if physical.count == 1 && trimmed.isEmpty { continue }
            if physical.count == 1 && trimmed.hasPrefix("#") {
                steps.append(Step(kind: .comment, shown: physical[0], source: physical[0], line: first + 1))
                continue
            }
            let shown = physical.enumerated().map { offset, text in
                guard offset < physical.count - 1 else { return text.trimmingCharacters(in: .whitespaces) }
                // The code without its comment, and without the continuation backslash.
                return String(codeOf(text).dropLast()).trimmingCharacters(in: .whitespaces)
            }.filter { !$0.isEmpty }.joined(separator: " ")
            let kind: Step.Kind = codeOf(shown) == "pause" ? .pause : .statement
            steps.append(Step(kind: kind, shown: shown, source: physical.joined(separator: "\n"), line: first + 1))
        }
        return steps
    }

    /// True when the line's code (before any comment) ends in `\`.
    private static func continues(_ line: String) -> Bool {
        codeOf(line).hasSuffix("\\")
    }

    /// The line without its comment and surrounding blanks (`#` inside quotes is text).
    private static func codeOf(_ line: String) -> String {
        var inQuotes = false
        var code = ""
        for character in line {
            if character == "\"" { inQuotes.toggle() }
            if character == "#" && !inQuotes { break }
            code.append(character)
        }
        return code.trimmingCharacters(in: .whitespaces)
    }
}
