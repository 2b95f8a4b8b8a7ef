import Foundation
@testable import AttnCore

/// A one-layer BERT-style encoder (d_model 4, one head) built in memory as a
/// safetensors file, so that the encoder's attention can be fed chosen rows.
///
/// Every tensor has the Hugging Face name and layout ([out, in] for matrices);
/// the encoder transposes them, so attnsh's Wq [in, out] = query.weightᵀ.
enum TinyEncoder {
    /// The encoder whose attention has Wq and Wk (attnsh layout [4, 4],
    /// row-major); Wv and the output projection are the identity, biases
    /// zero, the feed-forward zero, every LayerNorm γ = 1, β = 0.
    static func make(wq: [Float], wk: [Float], positions: Int) throws -> BertEncoder {
        let d = 4
        let identity = (0..<(d * d)).map { $0 / d == $0 % d ? Float(1) : 0 }
        let zeros = [Float](repeating: 0, count: d)
        let ones = [Float](repeating: 1, count: d)
        let square = [Float](repeating: 0, count: d * d)
        let layer = "encoder.layer.0."
        let tensors: [(String, [Int], [Float])] = [
            ("embeddings.word_embeddings.weight", [2, d], [Float](repeating: 0, count: 2 * d)),
            ("embeddings.position_embeddings.weight", [positions, d], [Float](repeating: 0, count: positions * d)),
            ("embeddings.token_type_embeddings.weight", [2, d], [Float](repeating: 0, count: 2 * d)),
            ("embeddings.LayerNorm.weight", [d], ones), ("embeddings.LayerNorm.bias", [d], zeros),
            (layer + "attention.self.query.weight", [d, d], transposed(wq, d)),
            (layer + "attention.self.query.bias", [d], zeros),
            (layer + "attention.self.key.weight", [d, d], transposed(wk, d)),
            (layer + "attention.self.key.bias", [d], zeros),
            (layer + "attention.self.value.weight", [d, d], identity),
            (layer + "attention.self.value.bias", [d], zeros),
            (layer + "attention.output.dense.weight", [d, d], identity),
            (layer + "attention.output.dense.bias", [d], zeros),
            (layer + "attention.output.LayerNorm.weight", [d], ones),
            (layer + "attention.output.LayerNorm.bias", [d], zeros),
            (layer + "intermediate.dense.weight", [d, d], square), (layer + "intermediate.dense.bias", [d], zeros),
            (layer + "output.dense.weight", [d, d], square), (layer + "output.dense.bias", [d], zeros),
            (layer + "output.LayerNorm.weight", [d], ones), (layer + "output.LayerNorm.bias", [d], zeros),
        ]
        let config = try BertConfig(hiddenSize: d, heads: 1, layers: 1, intermediateSize: d, maxPositions: positions)
        return try BertEncoder(config: config, weights: SafetensorsReader(bytes: file(tensors), source: "tiny encoder"))
    }

    /// The [n, n] matrix `m` (row-major) transposed.
    static func transposed(_ m: [Float], _ n: Int) -> [Float] {
        (0..<(n * n)).map { m[($0 % n) * n + $0 / n] }
    }

    /// A safetensors file: the 8-byte little-endian header length, the JSON
    /// header, then the F32 data of every tensor in order.
    static func file(_ tensors: [(name: String, shape: [Int], values: [Float])]) -> [UInt8] {
        var entries: [String] = []
        var data: [UInt8] = []
        for tensor in tensors {
            let start = data.count
            for value in tensor.values { withUnsafeBytes(of: value.bitPattern.littleEndian) { data += $0 } }
            let shape = tensor.shape.map(String.init).joined(separator: ", ")
            entries.append("\"\(tensor.name)\": {\"dtype\": \"F32\", \"shape\": [\(shape)], \"data_offsets\": [\(start), \(data.count)]}")
        }
        let header = Array(("{" + entries.joined(separator: ", ") + "}").utf8)
        let length = UInt64(header.count)
        return (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * UInt64($0))) } + header + data
    }
}
