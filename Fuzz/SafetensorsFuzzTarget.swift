import AttnCore

/// The libFuzzer entry point for the model files: the input's first byte chooses what the rest
/// is — a `config.json` (even) or a `.safetensors` file (odd) — read under a 16 MiB memory
/// limit; every tensor a safetensors file lists is then read. Any error is fine; a crash, a hang
/// or a giant allocation is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSafetensors(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard let choice = bytes.first else { return 0 }
    let body = Array(bytes.dropFirst())
    MemoryLimit.$scoped.withValue(FuzzInput.memoryLimit) {
        if choice % 2 == 0 {
            if let config = try? BertConfig(json: body, source: "config.json") { _ = try? config.validate() }
        } else if let reader = try? SafetensorsReader(bytes: body, source: "fuzz.safetensors") {
            for entry in reader.entries { _ = try? reader.tensor(entry.name) }
        }
    }
    return 0
}
