import AttnCore

/// The one model a session holds: the pretrained encoder of `model load`
/// or a toy stack of `model new` / `train layers=`. `model run`, `model
/// layer`, `model info`, `model heads`, `model overview` and the
/// intervention commands (`model ablate`, `importance`, `prune`, `patch`,
/// `rollout`, `sinks`, `corpus`) all act on it; loading or defining a model
/// replaces the one before.
public enum LoadedModel: Sendable {
    case encoder(ModelState)
    case stack(StackModelState)

    /// L.
    public var depth: Int {
        switch self {
        case .encoder(let state): state.model.config.layers
        case .stack(let state): state.depth
        }
    }

    /// The attnsh name of layer l: `bert0`, or `toy0` for a stack called `toy`.
    public func layerName(_ index: Int) -> String {
        switch self {
        case .encoder: ModelState.layerName(index)
        case .stack(let state): state.layerName(index)
        }
    }

    /// Which kind of model this is.
    public var kind: SessionState.ModelKind {
        switch self {
        case .encoder: .pretrained
        case .stack: .stack
        }
    }
}

/// What `model ablate` and `model patch` have set on the session's model, and
/// the intact output of its last run (for the cosine `model run` reports).
public struct ModelInterventions: Sendable {
    /// The heads changed in every later run.
    public var heads = HeadInterventions.none
    /// The sentence each patched head's output was taken from.
    public var patchSources: [HeadAddress: String] = [:]

    public init() {}
}
