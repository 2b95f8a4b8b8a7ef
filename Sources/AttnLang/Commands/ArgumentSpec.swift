/// One positional argument of a command: its placeholder, what it is made
/// of, and how many values it takes.
public struct ArgumentSpec: Sendable {
    /// The placeholder shown in syntax and errors: `EXPR`, `NAME`, `PATH`.
    public let placeholder: String
    public let kind: ArgumentKind
    public let isOptional: Bool
    /// Takes one or more values (`del NAME...`); with `isOptional`, zero or more.
    public let repeats: Bool
    /// Words with a meaning of their own written in place of a value
    /// (`embeddings off`, `view mean`, `ablate none`): shown as `PATH|off`
    /// and completed. They parse as a value of the argument's kind (the path
    /// `off`, the name `mean`), so the handler tells them apart.
    public let keywords: [String]
    /// What the value is, in words, for errors: "a count of statements".
    public let meaning: String?

    public init(_ placeholder: String, _ kind: ArgumentKind, optional: Bool = false, repeats: Bool = false,
                keywords: [String] = [], meaning: String? = nil) {
        self.placeholder = placeholder
        self.kind = kind
        self.isOptional = optional
        self.repeats = repeats
        self.keywords = keywords
        self.meaning = meaning
    }
}

/// What a positional argument is made of.
public enum ArgumentKind: Sendable {
    /// An expression of the language.
    case expression
    /// A name (of a tensor, layer, or anything named), as the lexer reads names.
    case name
    /// A file path: a raw word up to whitespace, or a quoted string; `~` expands to $HOME.
    case path
    /// A whole number, possibly negative, at most 2^24 in magnitude.
    case integer
    /// An enumerated keyword: one of `choices`.
    case word(choices: [String])
    /// Whole numbers separated by commas: `1,2,4`.
    case integerList
    /// The rest of the statement, exactly as written.
    case text
    /// One mask of a layer: `none`, `causal`, `window W`, `pad N`,
    /// `block S1,S2,...`, or the name of a mask tensor.
    case maskSpec
    /// A head number of the current layer, or one of the argument's keywords (`none`).
    case head
    /// A raw word up to whitespace (a token of `tokens`): any characters.
    case rawWord
    /// A topic of `help`: a command, a function, or `language`.
    case helpTopic
}
