import AttnCore

/// Everything a statement can change: the workspace, the random generator,
/// printing precision, the memory limit, and free-form settings.
///
/// The session runs each statement on a copy and keeps the copy only when
/// the statement succeeds, so a failing statement changes nothing (SPEC 8).
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
    /// Named settings for later commands (`set`, `layout`, ...).
    public var settings: [String: String] = [:]

    public init() {}
}
