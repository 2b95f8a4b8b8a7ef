import AttnCore
import AttnLang
#if canImport(Glibc)
import Glibc
#endif

/// The libFuzzer entry point for the statement language: the input is a
/// script's bytes, run through `Session.runScript(bytes:fileName:keepGoing:)`
/// with keepGoing on (every statement is tried) under a 16 MiB memory limit.
///
/// Two words are defused before running, so that a mutated script cannot
/// reach outside the fuzzer's scratch folder or lift its own limit:
/// `limit` (it would raise the memory bound) and, in an input holding a `/`
/// or `~`, `save` (it could write anywhere). scripts/fuzz.sh starts the
/// fuzzer in an empty scratch folder, so a plain `save x.npy` stays there.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScript(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    var bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    FuzzInput.defuse(Array("limit".utf8), in: &bytes)
    if bytes.contains(UInt8(ascii: "/")) || bytes.contains(UInt8(ascii: "~")) {
        FuzzInput.defuse(Array("save".utf8), in: &bytes)
    }
    let session = Session(output: { _ in }, errors: { _ in })
    session.appliesLimitProcessWide = false
    MemoryLimit.$scoped.withValue(FuzzInput.memoryLimit) {
        _ = session.runScript(bytes: bytes, fileName: "fuzz.attn", keepGoing: true)
    }
    return 0
}
