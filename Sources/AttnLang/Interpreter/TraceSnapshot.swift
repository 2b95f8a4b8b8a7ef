import AttnCore

/// A layer's trace kept under a name by `snapshot NAME` (docs/reference.md §6.3): what it was
/// taken of and the labels of its axes.
///
/// The stage tensors themselves are ordinary workspace tensors `NAME.<stage>` (and `NAME.mask`),
/// of origin `snapshot`, so `show before.P` and `attn.P - before.P` work like any other name;
/// this records which stages it holds, the layer's settings (heads, kv heads) and the token
/// labels of its query and key rows, which `view A vs B` and `show` put on the axes.
public struct TraceSnapshot: Sendable, Equatable {
    /// The name it is kept under (`before`).
    public var name: String
    /// The layer it was taken of, as it was then.
    public var layerName: String
    public var config: LayerConfig
    /// Stages it holds, 1 through `computed`.
    public var computed: Int
    public var queryLabels: [String]
    public var keyLabels: [String]

    /// The snapshot `name` of `layer`'s trace as it is now.
    public init(name: String, of layer: LayerState) {
        self.name = name
        layerName = layer.name
        config = layer.config
        computed = layer.computed
        queryLabels = layer.queryLabels
        keyLabels = layer.keyLabels
    }

    /// Every workspace name the snapshot holds: its stages and the mask.
    public var tensorNames: [String] {
        AttentionStage.allCases.prefix(computed).map { $0.tensorName(layer: name) } + [name + ".mask"]
    }

    /// The last stage it holds, if any.
    public var lastStage: AttentionStage? { AttentionStage(number: computed) }
}
