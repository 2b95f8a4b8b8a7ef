/// The encoder as a `HeadModel`: its whole forward pass with heads ablated
/// or patched (`model ablate`, `model patch`), and what every layer kept.
extension BertEncoder: HeadModel {
    public var layerCount: Int { layers.count }
    public var headCount: Int { config.heads }

    public func attentionConfig(layer: Int) throws -> LayerConfig {
        try attentionConfig(name: BertEncoder.internalLayerName)
    }

    public func outputProjection(layer: Int) -> Tensor { layers[layer].wo }

    public func trace(_ tokens: [Int], interventions: HeadInterventions, from start: ModelTrace?) throws -> ModelTrace {
        try check(interventions.ablated.union(interventions.patches.keys))
        var trace: ModelTrace
        if let start, start.tokens == tokens, let last = start.layerInputs.last, start.layerInputs.count <= layers.count + 1 {
            trace = start
            trace.layerInputs.removeLast()
            var x = last
            for index in trace.attention.count..<layers.count {
                try Cancellation.check()
                trace.layerInputs.append(x)
                let traced = try layer(index, x, interventions: interventions)
                trace.attention.append(traced.attention)
                trace.values.append(traced.values)
                trace.headOutputs.append(traced.headOutputs)
                x = traced.output
            }
            trace.layerInputs.append(x)
            return trace
        }
        trace = ModelTrace(tokens: tokens)
        trace.layerInputs = [try embed(tokens)]
        return try self.trace(tokens, interventions: interventions, from: trace)
    }
}
