import AttnCore

/// An attention layer of the session: its settings and how far its forward
/// pass has been computed.
///
/// The stage tensors themselves live in the workspace as `NAME.<stage>` (so
/// a user can show and edit them); this records which of them belong to the
/// current trace, the input the trace started from, and the token labels of
/// its query and key rows.
public struct LayerState: Sendable {
    public var config: LayerConfig
    /// Stages computed so far, 0 (none) through 11 (all).
    public var computed = 0
    /// X [Tq, D] as given to `run` or the first `step`.
    public var input: Tensor?
    /// Y [Tk, D] for cross attention (`kv=`), nil for self attention.
    public var kv: Tensor?
    /// Labels of the query rows (empty when unknown).
    public var queryLabels: [String] = []
    /// Labels of the key rows (empty when unknown).
    public var keyLabels: [String] = []

    public init(config: LayerConfig) {
        self.config = config
    }

    public var name: String { config.name }

    /// Begins a trace from `inputs`: its input, kv tensor and row labels.
    mutating func start(_ inputs: TraceInputs) {
        input = inputs.input
        kv = inputs.kv
        queryLabels = inputs.queryLabels
        keyLabels = inputs.keyLabels
    }

    /// The last stage computed, if any.
    public var lastStage: AttentionStage? { AttentionStage(number: computed) }

    /// Every workspace name the trace may hold: the eleven stages and the mask.
    public var traceNames: [String] {
        AttentionStage.allCases.map { $0.tensorName(layer: name) } + [name + ".mask", name + ".norms"]
    }
}

/// What a trace starts from: X [Tq, D], Y [Tk, D] for cross attention, and
/// the token labels of their rows (empty when unknown).
struct TraceInputs {
    var input: Tensor
    var kv: Tensor?
    var queryLabels: [String] = []
    var keyLabels: [String] = []
}

