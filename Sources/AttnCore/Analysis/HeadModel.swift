/// A model whose heads can be ablated and patched inside its whole forward
/// pass: the pretrained encoder (`BertEncoder`) and a toy stack
/// (`StackHeadModel`) alike, so every measure of `model ablate`,
/// `importance`, `prune`, `patch`, `rollout`, `sinks` and `corpus` works on both.
public protocol HeadModel: Sendable {
    /// L.
    var layerCount: Int { get }
    /// H, query heads per layer.
    var headCount: Int { get }
    /// Layer l's attention settings (heads, kv heads, d_head).
    func attentionConfig(layer: Int) throws -> LayerConfig
    /// Layer l's output projection Wo [H·K, D] (attnsh's [in, out] layout).
    func outputProjection(layer: Int) -> Tensor
    /// Runs `tokens` through every layer with `interventions` applied. When
    /// `start` is given it is a trace of the same tokens whose first layers
    /// no intervention changes: the run begins at its last layer input.
    func trace(_ tokens: [Int], interventions: HeadInterventions, from start: ModelTrace?) throws -> ModelTrace
}

extension HeadModel {
    /// Runs `tokens` from the first layer.
    public func trace(_ tokens: [Int], interventions: HeadInterventions = .none) throws -> ModelTrace {
        try trace(tokens, interventions: interventions, from: nil)
    }

    /// Runs `tokens` with `interventions`, reusing the layers of `intact` (a run of the same
    /// tokens without them) that come before the first changed layer.
    public func trace(_ tokens: [Int], interventions: HeadInterventions, reusing intact: ModelTrace) throws -> ModelTrace {
        guard let first = interventions.firstLayer, intact.tokens == tokens,
              intact.layerInputs.count == layerCount + 1 else {
            return interventions.isEmpty && intact.tokens == tokens ? intact : try trace(tokens, interventions: interventions, from: nil)
        }
        return try trace(tokens, interventions: interventions, from: intact.prefix(layers: min(first, layerCount)))
    }

    /// Checks that every head named is a head of this model.
    public func check(_ heads: some Sequence<HeadAddress>) throws {
        for address in heads {
            guard (0..<layerCount).contains(address.layer) else {
                throw TensorError("head \(address): the model has layers 0..\(layerCount - 1), not \(address.layer)")
            }
            guard (0..<headCount).contains(address.head) else {
                throw TensorError("head \(address): each layer has heads 0..\(headCount - 1), not \(address.head)")
            }
        }
    }
}
