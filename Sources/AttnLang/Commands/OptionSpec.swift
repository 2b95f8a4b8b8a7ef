/// One `key=value` option of a command: its key, what its value is made of,
/// how `help` shows it, and what it means.
public struct OptionSpec: Sendable {
    public let key: String
    public let kind: OptionKind
    public let summary: String
    /// What stands after `key=` in the syntax line: `N`, `SIZE`; by default
    /// `true|false` for a boolean and the choices of a word.
    public let placeholder: String
    /// Shown without brackets in the syntax line: the command cannot do
    /// without it (`mha d_model=D heads=H`); its handler says so when it is missing.
    public let isRequired: Bool

    public init(_ key: String, _ kind: OptionKind, _ summary: String = "", placeholder: String? = nil,
                required: Bool = false) {
        self.key = key
        self.kind = kind
        self.summary = summary
        self.placeholder = placeholder ?? OptionSpec.defaultPlaceholder(key: key, kind: kind)
        self.isRequired = required
    }

    private static func defaultPlaceholder(key: String, kind: OptionKind) -> String {
        switch kind {
        case .boolean: return "true|false"
        case .word(let choices) where !choices.isEmpty: return choices.joined(separator: "|")
        case .size: return "SIZE"
        case .name: return "NAME"
        default: return key.uppercased()
        }
    }
}

/// What the value of an option is made of.
public enum OptionKind: Sendable {
    case number
    /// A whole number, at most 2^24 in magnitude.
    case integer
    /// A word; when `choices` is not empty it must be one of them.
    case word(choices: [String])
    case boolean
    case integerList
    case expression
    /// A byte size: `512M`, `2G`, `4096`.
    case size
    /// A name, as the lexer reads names (`tokens ... as=NAME`).
    case name
    /// A quoted string or a raw word up to whitespace (`model patch 2.1 from="The dog sat."`, a path).
    case string
}
