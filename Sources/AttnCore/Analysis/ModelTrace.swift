/// What one whole forward pass of a model kept, layer by layer: each layer's
/// input, attention weights, values and head outputs, and the final output.
///
/// `embedding` is the model's output as one number to watch: the mean of
/// the final output over all positions, divided by its L2 norm (the
/// sentence embedding of all-MiniLM-L6-v2; for a toy stack the final
/// residual stream, pooled the same way).
public struct ModelTrace: Sendable {
    /// The token ids that ran.
    public var tokens: [Int]
    /// `layerInputs[l]` is layer l's input [T, D]; the last one (index L) is the final output.
    public var layerInputs: [Tensor]
    /// `attention[l]` is layer l's weights P [H, T, T].
    public var attention: [Tensor]
    /// `values[l]` is layer l's V [G, T, K] (with its bias).
    public var values: [Tensor]
    /// `headOutputs[l]` is layer l's Z [H, T, K] as computed, before any intervention.
    public var headOutputs: [Tensor]

    public init(tokens: [Int]) {
        self.tokens = tokens
        layerInputs = []
        attention = []
        values = []
        headOutputs = []
    }

    /// The final output [T, D].
    public var output: Tensor? { layerInputs.last }

    /// The first `layers` layers of this trace and the input of the next: where a run
    /// that changes nothing before layer `layers` can start.
    public func prefix(layers: Int) -> ModelTrace {
        var copy = self
        copy.layerInputs = Array(layerInputs.prefix(layers + 1))
        copy.attention = Array(attention.prefix(layers))
        copy.values = Array(values.prefix(layers))
        copy.headOutputs = Array(headOutputs.prefix(layers))
        return copy
    }

    /// mean over positions of the final output, / its L2 norm [D] (in double precision).
    public var embedding: [Double] {
        guard let output, output.rank == 2, output.shape[0] > 0 else { return [] }
        return ModelTrace.pooled(output)
    }

    /// The mean of the rows of x [T, D] divided by its L2 norm.
    public static func pooled(_ x: Tensor) -> [Double] {
        let (t, d) = (x.shape[0], x.shape[1])
        var mean = [Double](repeating: 0, count: d)
        for i in 0..<t {
            for j in 0..<d { mean[j] += Double(x.scalars[i * d + j]) }
        }
        for j in 0..<d { mean[j] /= Double(t) }
        let norm = mean.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 ? mean.map { $0 / norm } : mean
    }

    /// The cosine of two vectors (0 when either is zero).
    public static func cosine(_ a: [Double], _ b: [Double]) -> Double {
        guard a.count == b.count else { return 0 }
        var (dot, na, nb) = (0.0, 0.0, 0.0)
        for index in a.indices {
            dot += a[index] * b[index]
            na += a[index] * a[index]
            nb += b[index] * b[index]
        }
        guard na > 0, nb > 0 else { return 0 }
        return dot / (na.squareRoot() * nb.squareRoot())
    }
}
