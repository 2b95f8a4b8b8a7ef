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
    /// The pretrained model loaded by `model load`, and its last sentence.
    public var model: ModelState?
    /// The model of several layers defined here (`model new`, `train layers=`).
    public var stack: StackModelState?
    /// Which model `model run`, `model layer`, `model info` and `model heads` act on:
    /// the one defined or loaded last.
    public var activeModel: ModelKind = .pretrained
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
