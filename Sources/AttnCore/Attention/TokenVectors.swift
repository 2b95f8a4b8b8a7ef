/// The fixed vector each word gets from `tokens` (docs/reference.md §3.5): equal words,
/// equal vectors; different seeds, different vocabularies.
///
/// vector(word) = dModel draws of `nextNormal()` (N(0, 1)) from
/// `RandomSource(seed: fnv1a64(utf8(word)) ^ seed)`.
public enum TokenVectors {
    /// 64-bit FNV-1a of `bytes`: h = 0xcbf29ce484222325; for each byte,
    /// h = (h ^ byte) · 0x100000001b3 (wrapping).
    public static func fnv1a64<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The vector [dModel] of `word` under `seed`.
    public static func vector(for word: String, seed: UInt64, dModel: Int) -> [Float] {
        var random = RandomSource(seed: fnv1a64(word.utf8) ^ seed)
        return (0..<max(dModel, 0)).map { _ in random.nextNormal() }
    }

    /// The rows of `words`' vectors, X [T, D].
    public static func matrix(words: [String], seed: UInt64, dModel: Int) throws -> Tensor {
        let shape = [words.count, dModel]
        try MemoryLimit.check(shape: shape)
        var cache: [String: [Float]] = [:]
        var scalars: [Float] = []
        scalars.reserveCapacity(words.count * dModel)
        for word in words {
            let row = cache[word] ?? vector(for: word, seed: seed, dModel: dModel)
            cache[word] = row
            scalars += row
        }
        return try Tensor(shape: shape, scalars: scalars)
    }
}
