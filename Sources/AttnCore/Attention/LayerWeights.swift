/// The weight tensors of an attention layer: their names, shapes and
/// starting values (docs/reference.md §3.1).
///
/// `NAME.Wq` [D, H·K], `NAME.Wk` [D, G·K], `NAME.Wv` [D, G·K], `NAME.Wo` [H·K, D],
/// and with bias also `NAME.bq` [H·K], `NAME.bk` [G·K], `NAME.bv` [G·K], `NAME.bo` [D].
/// They live in the workspace as ordinary tensors; the engine reads them by name.
public enum LayerWeights {
    /// The matrix suffixes in initialisation order.
    public static let matrixSuffixes = ["Wq", "Wk", "Wv", "Wo"]
    /// The bias suffixes in initialisation order.
    public static let biasSuffixes = ["bq", "bk", "bv", "bo"]

    /// The full names of the layer's weights, matrices first: `attn.Wq`, ...
    public static func names(for config: LayerConfig) -> [String] {
        let suffixes = matrixSuffixes + (config.bias ? biasSuffixes : [])
        return suffixes.map { config.name + "." + $0 }
    }

    /// The shape a weight of this layer must have, or nil when `weightName`
    /// is not one of its weights (a bias of a layer without bias is not one).
    ///
    /// Lets `load` and assignment shape-check a tensor written into a weight.
    public static func expectedShape(of weightName: String, config: LayerConfig) -> [Int]? {
        let prefix = config.name + "."
        guard weightName.hasPrefix(prefix) else { return nil }
        let suffix = String(weightName.dropFirst(prefix.count))
        let (d, query, keyValue) = (config.dModel, config.heads * config.dHead, config.kvHeads * config.dHead)
        switch suffix {
        case "Wq": return [d, query]
        case "Wk", "Wv": return [d, keyValue]
        case "Wo": return [query, d]
        case "bq" where config.bias: return [query]
        case "bk" where config.bias, "bv" where config.bias: return [keyValue]
        case "bo" where config.bias: return [d]
        default: return nil
        }
    }

    /// Reads weight `suffix` of the layer through `read` and checks its shape,
    /// throwing a sentence with both shapes when a user edit broke it.
    static func read(_ suffix: String, config: LayerConfig, using read: (String) throws -> Tensor) throws -> Tensor {
        let name = config.name + "." + suffix
        let tensor = try read(name)
        if let expected = expectedShape(of: name, config: config), tensor.shape != expected {
            throw TensorError("weight \(name) has shape \(Tensor.describe(tensor.shape)) but layer \(config.name) (d_model=\(config.dModel), heads=\(config.heads), d_head=\(config.dHead), kv_heads=\(config.kvHeads)) needs \(Tensor.describe(expected))")
        }
        return tensor
    }
}
