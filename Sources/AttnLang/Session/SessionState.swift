import AttnCore

/// Everything a statement can change: the workspace, the random generator,
/// printing precision, the memory limit, the layers and the model.
///
/// What the screen shows is not here: statements report it as presentation
/// effects, and each shell keeps its own screen state.
///
/// The session runs each statement on a copy and keeps the copy only when
/// the statement succeeds, so a failing statement changes nothing (docs/reference.md §10.1).
/// Tensors are copy-on-write, so the copy is cheap. Later layers (attention
/// layers, traces, recording) add their state here.
public struct SessionState: Sendable {
    public var workspace = Workspace()
    /// The workspace generator, used by randn/rand/xavier without `seed=`.
    public var generator = RandomSource(seed: 0)
    /// Significant digits after the point when printing.
    public var precision = 4
    /// The limit set with `limit mem=`, if any.
    public var memoryLimit: Int?
    /// The number given to the last `seed N` (0 at start); `tokens` derives
    /// each word's vector from the word and this seed.
    public var seedValue: UInt64 = 0
    /// Attention layers by name, with their settings and trace.
    public var layers: [String: LayerState] = [:]
    /// The layer that `run`, `step`, `set`, `mask`, ... act on.
    public var currentLayer: String?
    /// Token labels of tensors made by `tokens` (rows of `X`, or of the
    /// tensor named with `as=`), shown on grid axes.
    public var labels: [String: [String]] = [:]
    /// Word vectors loaded by `embeddings PATH`, used by `tokens` instead of
    /// the seeded vectors.
    public var wordVectors: WordVectors?
    /// The text of every top-level statement that succeeded in this session,
    /// oldest first (`history`); the session appends to it after each success,
    /// so a failing statement never removes anything from it.
    public var history: [String] = []
    /// The model the session holds (`model load`, `model new`, `train layers=`), one value
    /// whichever kind it is.
    public var loaded: LoadedModel?
    /// Heads ablated or patched in the loaded model (`model ablate`, `model patch`).
    public var interventions = ModelInterventions()
    /// The loaded model when it is the pretrained encoder; setting it loads that model.
    public var model: ModelState? {
        get { if case .encoder(let state)? = loaded { state } else { nil } }
        set {
            if let newValue { loaded = .encoder(newValue) } else if case .encoder? = loaded { loaded = nil }
        }
    }
    /// The loaded model when it is a stack defined here; setting it makes that the model.
    public var stack: StackModelState? {
        get { if case .stack(let state)? = loaded { state } else { nil } }
        set {
            if let newValue { loaded = .stack(newValue) } else if case .stack? = loaded { loaded = nil }
        }
    }
    /// The kind of the loaded model (`.pretrained` when none is).
    public var activeModel: ModelKind { loaded?.kind ?? .pretrained }
    /// Traces kept by `snapshot NAME`, by name; their tensors are the workspace's `NAME.<stage>`.
    public var snapshots: [String: TraceSnapshot] = [:]

    /// The two kinds of model a session can hold.
    public enum ModelKind: Sendable {
        /// The encoder of `model load`.
        case pretrained
        /// The stack of `model new` or `train layers=`.
        case stack
    }

    public init() {}
}
