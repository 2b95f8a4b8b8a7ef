/// What readline shows on the prompt line.
public struct PromptLine: Sendable, Equatable {
    public var prompt: String
    public var text: String
    /// The insertion point in `text`, in characters.
    public var cursor: Int

    public init(prompt: String = "", text: String = "", cursor: Int = 0) {
        self.prompt = prompt
        self.text = text
        self.cursor = cursor
    }
}
