/// What the pane controller knows of its session: the prompt and the panes' extent, read by the
/// shell after each statement.
public struct SessionSummary: Sendable, Equatable {
    /// The session's prompt, e.g. `attn> `.
    public var prompt: String
    /// What the cursors can move over.
    public var extent: PaneExtent

    /// The statement asked to leave (`quit`, `exit`).
    public var quits: Bool

    public init(prompt: String = "attnsh> ", extent: PaneExtent = PaneExtent(), quits: Bool = false) {
        self.prompt = prompt
        self.extent = extent
        self.quits = quits
    }
}
