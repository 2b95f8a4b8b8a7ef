import AttnCore

/// The libFuzzer entry point for the text readers: the input is a file's bytes, read as a CSV
/// table and as a GloVe word-vector file under a 16 MiB memory limit. Any error is fine; a
/// crash, a hang or a giant allocation is a finding. A CSV table that reads is written out again
/// and must read back to the same shape and bits.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let text = String(decoding: bytes, as: UTF8.self)
    MemoryLimit.$scoped.withValue(FuzzInput.memoryLimit) {
        if let table = try? CSVFormat.decode(text, source: "fuzz.csv"), table.rank <= 2, !table.shape.contains(0) {
            guard let written = try? CSVFormat.encode(table),
                  let again = try? CSVFormat.decode(written, source: "again.csv"),
                  again.scalars.map(\.bitPattern) == table.scalars.map(\.bitPattern) else {
                fatalError("a CSV table of shape \(Tensor.describe(table.shape)) did not survive encode and decode")
            }
        }
        _ = try? WordVectors(text: text, source: "fuzz.txt")
    }
    return 0
}
