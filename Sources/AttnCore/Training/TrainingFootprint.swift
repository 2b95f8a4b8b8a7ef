/// The memory one training run needs, worked out before anything is allocated.
///
/// With P parameters (E [V, D], the layer's Wq Wk Wv Wo and biases, R [D, V],
/// r [V]) the loop holds seven float32 copies of P at once: the model, the
/// best weights, the gradient sum, Adam's two moments, the parameter list
/// the optimiser updates, and the gradients in flight (`TinyModel`,
/// `AdamOptimizer`, `Trainer`). One example adds its activations: scores
/// and weights [H, T, T], Q K V and their gradients [·, T, K], the output
/// and its gradient [T, D], logits and their gradient [T, V], plus a second
/// layer-sized gradient and a readout gradient [D, V]. The geometry keeps a
/// mask and a bias [H, T, T] and a position table [T, D] (in Double).
public struct TrainingFootprint: Sendable, Equatable {
    /// P, the number of trained parameters.
    public let parameters: Double
    /// The estimate in bytes (a Double: the sizes checked can overflow Int).
    public let bytes: Double

    public init(config: LayerConfig, settings: TrainingSettings) {
        let (d, v, t) = (Double(config.dModel), Double(settings.vocabulary), Double(settings.length))
        let (h, query) = (Double(config.heads), Double(config.heads * config.dHead))
        let keyValue = Double(config.kvHeads * config.dHead)
        let biases = config.bias ? query + 2 * keyValue + d : 0
        let layer = d * query + 2 * d * keyValue + query * d + biases
        parameters = v * d + layer + d * v + v
        let weights = 7 * parameters + 2 * layer + d * v
        let activations = 4 * h * t * t + 8 * t * (query + d) + 3 * t * v
        let geometry = 9 * h * t * t + 8 * t * d
        let examples = 24 * t * Double(settings.heldOutCount + settings.batchSize)
        bytes = 4 * (weights + activations) + geometry + examples
    }

    /// The estimate for a stack of `configs.count` layers like the first,
    /// each with an MLP of width `mlpWidth` (0: none): every layer adds its
    /// parameters, activations and geometry, the MLP its W1, W2, biases and
    /// hidden rows [T, N] (kept and differentiated).
    public init(configs: [LayerConfig], mlpWidth: Int, settings: TrainingSettings) {
        let one = configs.first.map { TrainingFootprint(config: $0, settings: settings) }
            ?? TrainingFootprint(parameters: 0, bytes: 0)
        let (depth, d, n, t, v) = (Double(configs.count), Double(configs.first?.dModel ?? 0), Double(mlpWidth),
                                   Double(settings.length), Double(settings.vocabulary))
        let shared = v * d + d * v + v
        let layer = one.parameters - shared
        let mlp = n > 0 ? 2 * d * n + n + d : 0
        parameters = shared + depth * (layer + mlp)
        let perLayer = max(0, one.bytes - 4 * 7 * one.parameters)
        bytes = 4 * 7 * parameters + depth * (perLayer + 4 * (3 * t * n + 2 * t * d + mlp))
    }

    private init(parameters: Double, bytes: Double) {
        self.parameters = parameters
        self.bytes = bytes
    }

    /// Throws when the run would need more than the memory limit, with the
    /// size and what to shrink.
    public func check() throws {
        let limit = MemoryLimit.bytes
        guard bytes > Double(limit) else { return }
        let needed = bytes >= Double(Int.max) ? "more than \(MemoryLimit.formatBytes(Int.max))" : MemoryLimit.formatBytes(Int(bytes))
        let count = parameters >= 1e15 ? "\(parameters)" : String(Int(parameters))
        throw TensorError("memory limit exceeded: training needs about \(needed) (\(count) parameters, each kept as weights, best weights, Adam moments and gradients, plus the activations of one example), limit is \(MemoryLimit.formatBytes(limit)) (see `limit mem=`); use a smaller d_model, vocab or T")
    }
}
