import AttnCore

/// The libFuzzer entry point for the .npy reader: the input is a file's
/// bytes, decoded under a 16 MiB memory limit. Any error is fine; a crash,
/// a hang or a giant allocation is a finding. A decoded tensor is encoded
/// again and must decode to itself (values compared bit for bit, so NaNs
/// count as equal).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNPY(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    MemoryLimit.$scoped.withValue(FuzzInput.memoryLimit) {
        guard let tensor = try? NPYFormat.decode(bytes) else { return }
        guard let again = try? NPYFormat.decode(NPYFormat.encode(tensor)),
              again.shape == tensor.shape,
              again.scalars.map(\.bitPattern) == tensor.scalars.map(\.bitPattern) else {
            fatalError("a decoded .npy tensor of shape \(Tensor.describe(tensor.shape)) did not survive encode and decode")
        }
    }
    return 0
}
