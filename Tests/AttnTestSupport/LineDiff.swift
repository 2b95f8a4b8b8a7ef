/// A line diff of an expected text against an actual one, printed in the
/// unified style with line numbers.
///
/// The lines are matched by a longest common subsequence, so one inserted or
/// dropped line shows as one `+` or `-` line, not as every line after it.
/// Common leading and trailing lines are set aside first; what is left is
/// compared with an O(n·m) table, or, past `tableLimit` cells, listed as all
/// removed then all added (still correct, only less precise).
public struct LineDiff: Sendable {
    /// One line of the diff: in both texts, only in the expected text, or only in the actual one.
    public enum Line: Equatable, Sendable {
        case same(String, expected: Int, actual: Int)
        case removed(String, expected: Int)
        case added(String, actual: Int)
    }

    /// Every line of both texts in order; line numbers are 1-based.
    public let lines: [Line]

    /// The most table cells the matching may use (4 M cells, 16 MB).
    static let tableLimit = 4_000_000

    public init(expected: String, actual: String) {
        let old = LineDiff.split(expected)
        let new = LineDiff.split(actual)
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix,
              old[old.count - 1 - suffix] == new[new.count - 1 - suffix] { suffix += 1 }
        var lines: [Line] = (0..<prefix).map { .same(old[$0], expected: $0 + 1, actual: $0 + 1) }
        lines += LineDiff.match(Array(old[prefix..<(old.count - suffix)]), Array(new[prefix..<(new.count - suffix)]),
                                offset: prefix)
        lines += (0..<suffix).map { back in
            let i = old.count - suffix + back, j = new.count - suffix + back
            return .same(old[i], expected: i + 1, actual: j + 1)
        }
        self.lines = lines
    }

    /// True when the texts have the same lines.
    public var isEmpty: Bool {
        lines.allSatisfy { if case .same = $0 { true } else { false } }
    }

    /// The differing lines with `context` lines around each change, `-` for the
    /// expected text and `+` for the actual one, each with its line number;
    /// at most `limit` changed lines, then a count of the rest.
    public func rendered(context: Int = 2, limit: Int = 40) -> String {
        let changed = lines.indices.filter { if case .same = lines[$0] { false } else { true } }
        guard !changed.isEmpty else { return "" }
        var shown = Set<Int>()
        for index in changed.prefix(limit) {
            for near in max(0, index - context)...min(lines.count - 1, index + context) { shown.insert(near) }
        }
        var report: [String] = []
        var previous: Int?
        for index in shown.sorted() {
            if let previous, index > previous + 1 { report.append("…") }
            report.append(LineDiff.format(lines[index]))
            previous = index
        }
        if changed.count > limit { report.append("… \(changed.count - limit) more differing lines") }
        return report.joined(separator: "\n")
    }

    /// The lines of `text`, without the empty string after a final newline.
    static func split(_ text: String) -> [String] {
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// One diff line as `MARK NUMBER  TEXT` (the actual line's number for `+`, else the expected one's).
    static func format(_ line: Line) -> String {
        func number(_ n: Int) -> String { String(repeating: " ", count: max(0, 4 - String(n).count)) + String(n) }
        switch line {
        case .same(let text, let expected, _): return " \(number(expected))  \(text)"
        case .removed(let text, let expected): return "-\(number(expected))  \(text)"
        case .added(let text, let actual): return "+\(number(actual))  \(text)"
        }
    }

    /// The diff of two blocks of lines that start `offset` lines into both texts.
    static func match(_ old: [String], _ new: [String], offset: Int) -> [Line] {
        let n = old.count, m = new.count
        guard (n + 1) * (m + 1) <= tableLimit else {
            return old.indices.map { .removed(old[$0], expected: offset + $0 + 1) }
                + new.indices.map { .added(new[$0], actual: offset + $0 + 1) }
        }
        // common[i][j]: the length of the longest common subsequence of old[i...] and new[j...].
        var common = [Int32](repeating: 0, count: (n + 1) * (m + 1))
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                common[i * (m + 1) + j] = old[i] == new[j]
                    ? common[(i + 1) * (m + 1) + j + 1] + 1
                    : max(common[(i + 1) * (m + 1) + j], common[i * (m + 1) + j + 1])
            }
        }
        var lines: [Line] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, old[i] == new[j] {
                lines.append(.same(old[i], expected: offset + i + 1, actual: offset + j + 1))
                i += 1; j += 1
            } else if j == m || (i < n && common[(i + 1) * (m + 1) + j] >= common[i * (m + 1) + j + 1]) {
                lines.append(.removed(old[i], expected: offset + i + 1))
                i += 1
            } else {
                lines.append(.added(new[j], actual: offset + j + 1))
                j += 1
            }
        }
        return lines
    }
}
