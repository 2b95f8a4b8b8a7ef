/// What the fuzz targets share: the memory limit they run under and the
/// rewriting of words that must not run inside a fuzzer.
enum FuzzInput {
    /// 16 MiB: low enough that many statements reach the limit checks, and
    /// that a whole run stays far below libFuzzer's RSS limit.
    static let memoryLimit = 16 << 20

    /// Replaces the last letter of every occurrence of `word` (ASCII, any
    /// case) with `_`, so that it no longer names a command.
    static func defuse(_ word: [UInt8], in bytes: inout [UInt8]) {
        guard bytes.count >= word.count, let last = word.indices.last else { return }
        var start = 0
        while start + word.count <= bytes.count {
            var matches = true
            for offset in word.indices where lowercased(bytes[start + offset]) != word[offset] {
                matches = false
                break
            }
            if matches {
                bytes[start + last] = UInt8(ascii: "_")
                start += word.count
            } else {
                start += 1
            }
        }
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (byte >= 65 && byte <= 90) ? byte + 32 : byte
    }
}
