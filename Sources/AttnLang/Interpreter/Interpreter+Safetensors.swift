import AttnCore
import Foundation

/// `load NAME PATH.safetensors` and `mha NAME from=PATH.safetensors`: tensors
/// and attention layers saved by PyTorch.
///
/// A `torch.nn.MultiheadAttention` state dict holds `in_proj_weight` [3E, E]
/// (Wq, Wk, Wv stacked, each [out, in]), `in_proj_bias` [3E],
/// `out_proj.weight` [E, E] and `out_proj.bias` [E]. PyTorch computes x·Wᵀ + b,
/// attnsh x·W + b, so each matrix is transposed:
///
///     NAME.Wq = in_proj_weight[0 ..< E]ᵀ      NAME.bq = in_proj_bias[0 ..< E]
///     NAME.Wk = in_proj_weight[E ..< 2E]ᵀ     NAME.bk = in_proj_bias[E ..< 2E]
///     NAME.Wv = in_proj_weight[2E ..< 3E]ᵀ    NAME.bv = in_proj_bias[2E ..< 3E]
///     NAME.Wo = out_proj.weightᵀ              NAME.bo = out_proj.bias
///
/// Head h is columns h·K ..< (h+1)·K of Q, K and V, as in PyTorch, and the scale
/// is 1/√K, so `run` gives the module's output and per-head weights.
extension Interpreter {
    /// `load NAME PATH.safetensors`: every tensor of the file as `NAME.<key>`.
    mutating func loadSafetensors(_ name: String, path: String, written: String, at range: SourceRange) throws {
        let reader = try located(range) { try SafetensorsReader(path: path) }
        let tensors = try located(range) { try reader.names.map { ($0, try reader.tensor($0)) } }
        for (key, tensor) in tensors { state.workspace.update("\(name).\(key)", tensor) }
        print("loaded \(tensors.count) tensor\(tensors.count == 1 ? "" : "s") from \(written): "
              + tensors.map { "\(name).\($0.0) \(Tensor.describe($0.1.shape))" }.joined(separator: ", "))
    }

    /// `mha NAME from=PATH.safetensors [heads=H]`: a layer with the weights of a saved
    /// `torch.nn.MultiheadAttention` (H from `heads=`, else the file's `num_heads` metadata).
    mutating func defineTorchLayer(_ command: CommandInvocation) throws {
        var name = "attn"
        if case .name(let given, _)? = command.value("NAME") { name = given }
        guard let option = command.options["from"], case .word(let written) = option.value else { return }
        let path = CommandSpec.expandTilde(written)
        let reader = try located(option.range) { try SafetensorsReader(path: path) }
        func find(_ key: String) -> String? { reader.names.first { $0 == key || $0.hasSuffix("." + key) } }
        guard let inWeight = find("in_proj_weight"), let outWeight = find("out_proj.weight") else {
            throw LangError("\(written) has no in_proj_weight and out_proj.weight: is it a torch.nn.MultiheadAttention state dict (with equal q, k, v sizes)?", at: option.range)
        }
        let packed = try located(option.range) { try reader.tensor(inWeight) }  // [3E, E]
        guard packed.rank == 2, packed.shape[0] == 3 * packed.shape[1] else {
            throw LangError("\(inWeight) in \(written) is \(Tensor.describe(packed.shape)), not [3E, E]", at: option.range)
        }
        let e = packed.shape[1]
        guard let heads = command.integerOption("heads") ?? Interpreter.safetensorsHeads(path) else {
            throw LangError("\(written) does not say how many heads (no num_heads metadata): give heads=H", at: option.range)
        }
        let output = try located(option.range) { try reader.tensor(outWeight) }
        guard output.shape == [e, e] else {
            throw LangError("\(outWeight) in \(written) is \(Tensor.describe(output.shape)), not [\(e), \(e)]", at: option.range)
        }
        let inBias = try find("in_proj_bias").map { key in try located(option.range) { try reader.tensor(key) } }
        let outBias = try find("out_proj.bias").map { key in try located(option.range) { try reader.tensor(key) } }
        if let inBias, inBias.shape != [3 * e] {
            throw LangError("in_proj_bias in \(written) is \(Tensor.describe(inBias.shape)), not [\(3 * e)]", at: option.range)
        }
        let config = try located(command.nameRange) {
            try LayerConfig.make(name: name, dModel: e, heads: heads, bias: inBias != nil || outBias != nil)
        }
        if let old = state.layers[name] {
            for weight in LayerWeights.names(for: old.config) { state.workspace.remove(weight) }
            for traced in old.traceNames { state.workspace.remove(traced) }
        }
        func rows(_ tensor: Tensor, _ part: Int) -> Tensor {
            Tensor(unchecked: [e, e], scalars: Array(tensor.scalars[(part * e * e)..<((part + 1) * e * e)]))
        }
        var weights = [("Wq", Interpreter.transposed(rows(packed, 0))), ("Wk", Interpreter.transposed(rows(packed, 1))),
                       ("Wv", Interpreter.transposed(rows(packed, 2))), ("Wo", Interpreter.transposed(output))]
        if config.bias {
            let bias = inBias ?? Tensor(unchecked: [3 * e], scalars: [Float](repeating: 0, count: 3 * e))
            for (part, suffix) in ["bq", "bk", "bv"].enumerated() {
                weights.append((suffix, Tensor(unchecked: [e], scalars: Array(bias.scalars[(part * e)..<((part + 1) * e)]))))
            }
            weights.append(("bo", outBias ?? Tensor(unchecked: [e], scalars: [Float](repeating: 0, count: e))))
        }
        for (suffix, tensor) in weights { state.workspace.set("\(name).\(suffix)", tensor, origin: .layerWeight) }
        state.layers[name] = LayerState(config: config)
        state.currentLayer = name
        print("\(config.description)  from \(written) (torch.nn.MultiheadAttention, weights transposed to [in, out])")
    }

    /// The `num_heads` entry of a safetensors file's `__metadata__`, if any.
    static func safetensorsHeads(_ path: String) -> Int? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let prefix = try? handle.read(upToCount: 8), prefix.count == 8 else { return nil }
        let length = prefix.enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        guard length > 0, length <= SafetensorsReader.maxHeaderBytes,
              let text = try? handle.read(upToCount: length), text.count == length,
              let header = try? JSONSerialization.jsonObject(with: text) as? [String: Any],
              let metadata = header["__metadata__"] as? [String: Any] else { return nil }
        return (metadata["num_heads"] as? String).flatMap { Int($0) }
    }

    /// The transpose of a matrix [m, n].
    static func transposed(_ matrix: Tensor) -> Tensor {
        let (m, n) = (matrix.shape[0], matrix.shape[1])
        var out = [Float](repeating: 0, count: m * n)
        for i in 0..<m { for j in 0..<n { out[j * m + i] = matrix.scalars[i * n + j] } }
        return Tensor(unchecked: [n, m], scalars: out)
    }
}
