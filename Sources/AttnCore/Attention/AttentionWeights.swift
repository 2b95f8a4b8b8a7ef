/// The trainable parameters of one attention layer as flat row-major
/// arrays, in a chosen precision (docs/reference.md §3.1 shapes):
///
///     wq [D, H·K]  wk [D, G·K]  wv [D, G·K]  wo [H·K, D]
///     bq [H·K]     bk [G·K]     bv [G·K]     bo [D]     (empty without bias)
///
/// The same type holds gradients: a gradient has the shape of its parameter.
public struct AttentionWeights<S: TrainingScalar>: Sendable {
    public var wq: [S]
    public var wk: [S]
    public var wv: [S]
    public var wo: [S]
    public var bq: [S]
    public var bk: [S]
    public var bv: [S]
    public var bo: [S]

    /// All zeros for `config` (the starting point of a gradient sum).
    public init(zerosFor config: LayerConfig) {
        let (d, query, keyValue) = (config.dModel, config.heads * config.dHead, config.kvHeads * config.dHead)
        wq = [S](repeating: 0, count: d * query)
        wk = [S](repeating: 0, count: d * keyValue)
        wv = [S](repeating: 0, count: d * keyValue)
        wo = [S](repeating: 0, count: query * d)
        bq = config.bias ? [S](repeating: 0, count: query) : []
        bk = config.bias ? [S](repeating: 0, count: keyValue) : []
        bv = config.bias ? [S](repeating: 0, count: keyValue) : []
        bo = config.bias ? [S](repeating: 0, count: d) : []
    }

    /// The layer's weights read by name (`NAME.Wq`, ...) through `read`,
    /// shape-checked against `config`.
    public init(config: LayerConfig, read: (String) throws -> Tensor) throws {
        self.init(zerosFor: config)
        var arrays = self.arrays
        for (index, suffix) in AttentionWeights.suffixes(for: config).enumerated() {
            arrays[index] = try LayerWeights.read(suffix, config: config, using: read).scalars.map { S($0) }
        }
        self.arrays = arrays
    }

    /// The workspace suffixes of the parameters, in `arrays` order.
    public static func suffixes(for config: LayerConfig) -> [String] {
        LayerWeights.matrixSuffixes + (config.bias ? LayerWeights.biasSuffixes : [])
    }

    /// The parameters in `suffixes` order (matrices, then biases when present).
    public var arrays: [[S]] {
        get { bq.isEmpty && bo.isEmpty ? [wq, wk, wv, wo] : [wq, wk, wv, wo, bq, bk, bv, bo] }
        set {
            (wq, wk, wv, wo) = (newValue[0], newValue[1], newValue[2], newValue[3])
            if newValue.count == 8 { (bq, bk, bv, bo) = (newValue[4], newValue[5], newValue[6], newValue[7]) }
        }
    }

    /// The same numbers in another precision.
    public func converted<T: TrainingScalar>(to: T.Type = T.self) -> AttentionWeights<T> {
        var copy = AttentionWeights<T>(empty: ())
        copy.arrays = arrays.map { $0.map { T($0) } }
        if arrays.count == 4 { (copy.bq, copy.bk, copy.bv, copy.bo) = ([], [], [], []) }
        return copy
    }

    private init(empty: Void) {
        (wq, wk, wv, wo, bq, bk, bv, bo) = ([], [], [], [], [], [], [], [])
    }

    /// The weights as workspace tensors named `NAME.Wq`, ... with docs/reference.md §3.1 shapes.
    public func tensors(config: LayerConfig) -> [(name: String, tensor: Tensor)] {
        zip(AttentionWeights.suffixes(for: config), arrays).map { suffix, values in
            let name = config.name + "." + suffix
            let shape = LayerWeights.requiredShape(of: name, config: config)
            return (name, Tensor(unchecked: shape, scalars: values.map { Float($0) }))
        }
    }
}
