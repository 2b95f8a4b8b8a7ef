/// Everything on the full screen: the panes' models, the log and the prompt line.
public struct ScreenModel: Sendable, Equatable {
    public var layout: GridLayout
    /// nil before anything has been run or viewed.
    public var grid: GridPaneModel?
    /// The model overview (every layer × head); when set, the grid pane and the inspector show it
    /// instead of `grid` and `inspector`.
    public var overview: OverviewModel?
    /// The live loss chart while `train` runs; when set, the grid pane shows it instead of
    /// `overview` and `grid`, and the inspector says how to stop.
    public var lossChart: LossChartModel?
    /// `view A vs B`: two traces and their difference; when set, the grid pane shows it instead
    /// of `grid` (which then holds the difference, for the cursor, title and inspector).
    public var compare: CompareModel?
    public var output: OutputPaneModel?
    public var inspector: InspectorModel?
    /// The scroll-back buffer, oldest first; the last lines that fit are shown, wrapped.
    public var log: [String]
    /// What each line of `log` is (errors are drawn red); empty: every line is output.
    public var logKinds: [LogLineKind] = []
    /// Lines of the log below the ones shown (PgUp scrolled it): the log says how many.
    public var logHiddenBelow = 0
    /// The last narration (`echo`, a replay's comment lines), pinned above the prompt, wrapped.
    public var caption: [String] = []
    /// The log drawn over every pane (`log grow`, F2).
    public var logGrown = false
    /// The output of the statement just run may take the inspector's and output pane's rows when
    /// it does not fit in the log (until the next key).
    public var logExtends = false
    /// The prompt, e.g. `attn> `.
    public var prompt: String
    /// The line being edited.
    public var input: String
    /// The insertion point in `input`, in characters.
    public var inputCursor: Int
    /// The statement run last (the present layout's statement box, when the log names none).
    public var lastStatement: String
    /// Whether keys go to the prompt (true) or to the panes (false, no prompt cursor).
    public var promptFocused: Bool
    /// During a classroom replay, where it stands and its keys (`replay 3/17 · Enter runs · q
    /// quits`), shown in the log's title; nil otherwise.
    public var replayStatus: String?

    public init(layout: GridLayout = .grid, grid: GridPaneModel? = nil, output: OutputPaneModel? = nil,
                inspector: InspectorModel? = nil, log: [String] = [], prompt: String = "attn> ",
                input: String = "", inputCursor: Int? = nil, lastStatement: String = "",
                promptFocused: Bool = true, replayStatus: String? = nil, overview: OverviewModel? = nil) {
        self.layout = layout
        self.grid = grid
        self.output = output
        self.inspector = inspector
        self.log = log
        self.prompt = prompt
        self.input = input
        self.inputCursor = inputCursor ?? input.count
        self.lastStatement = lastStatement
        self.promptFocused = promptFocused
        self.replayStatus = replayStatus
        self.overview = overview
    }
}
