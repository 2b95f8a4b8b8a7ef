/// The text of `help` and `help TOPIC`, built from the command and function
/// tables so it cannot drift from what the parser accepts.
public enum HelpText {
    /// Every topic `help TOPIC` accepts: commands, functions, and `language`.
    public static var topics: [String] {
        CommandSpec.all.map(\.name) + FunctionSpec.all.map(\.name) + ["language"]
    }

    /// `help` with no topic: commands by group, then functions.
    public static var overview: String {
        var lines: [String] = []
        var groups: [String] = []
        for spec in CommandSpec.all where !groups.contains(spec.group) { groups.append(spec.group) }
        // Long syntaxes (`mha ...`) go on a line of their own so that the
        // summaries of the short ones stay in one readable column.
        let width = min((CommandSpec.all.map(\.syntax.count).max() ?? 0), 26) + 2
        for group in groups {
            lines.append("\(group) commands:")
            for spec in CommandSpec.all where spec.group == group {
                if spec.syntax.count + 2 > width {
                    lines.append("  " + spec.syntax)
                    lines.append("  " + "".padding(to: width) + spec.summary)
                } else {
                    lines.append("  " + spec.syntax.padding(to: width) + spec.summary)
                }
            }
            lines.append("")
        }
        lines.append("functions:")
        let names = FunctionSpec.all.map(\.name)
        var line = " "
        for name in names {
            if line.count + name.count + 1 > 72 { lines.append(line); line = " " }
            line += " " + name
        }
        lines.append(line)
        lines.append("")
        lines.append("type `help TOPIC` for a command or function, `help language` for the syntax")
        return lines.joined(separator: "\n")
    }

    /// Help for one topic, or nil when there is no such topic.
    public static func topic(_ name: String) -> String? {
        if name == "language" { return language }
        if let spec = CommandSpec.named(name) {
            var lines = ["\(spec.syntax)", "  \(spec.summary)"]
            for option in spec.options + spec.subcommands.flatMap(\.options) {
                lines.append("  \(option.key)=  \(option.summary)")
            }
            lines.append("example: \(spec.example)")
            // `entropy` is both a command and a function: show both.
            if let function = FunctionSpec.named(name) {
                lines += ["", "function " + function.signature, "  \(function.summary)", "example: \(function.example)"]
            }
            return lines.joined(separator: "\n")
        }
        if let spec = FunctionSpec.named(name) {
            return [spec.signature, "  \(spec.summary)", "example: \(spec.example)"].joined(separator: "\n")
        }
        return nil
    }

    /// `help language`: the syntax in one screen.
    public static let language = """
    statements (one per line; `;` separates; `#` comments; a line ending in `\\` continues):
      NAME = EXPR          assign            NAME[INDEX] = EXPR   assign into a slice
      EXPR                 print the value   COMMAND ARGS...      see `help`
    names: letters, digits, `_`, with dots: attn.P, h0.q
    numbers: 3  0.5  .5  1e-3  inf  nan   (`-` is an operator)
    operators, lowest precedence first (numpy semantics, broadcasting):
      < <= > >= == !=   comparisons give 1 or 0; `a < b < c` needs parentheses
      + -
      * / @             `@` is the matrix product, batched over leading axes
      - +               unary
      **                power, right-associative: -x**2 is -(x**2)
      f(...)  x[...]  .T
    lists: [1, 2, 3]  [[1, 2], [3, 4]]  (elements of equal shape)
    indexing: x[0]  x[1:3]  x[:, 2]  x[0, :, -1]  x[::2]
    `.T` swaps the last two axes: (a @ b).T, x[0].T. On a name, x.T means the
    transpose of x unless a tensor is itself named `x.T`.
    calls: softmax(x, dim=-1)  randn(2, 3, seed=1)  zeros(2, 3) or zeros([2, 3])
    """
}

extension String {
    /// The string padded with spaces on the right to `width` characters.
    func padding(to width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
