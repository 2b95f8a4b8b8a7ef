#if canImport(Glibc)
import Glibc
#endif

/// Asks Linux to back a large, freshly allocated buffer with 2 MiB pages.
///
/// P is [H, Tq, Tk]: 128 MiB at T=2048, H=8, and glibc maps such a buffer
/// fresh for every run. With 4 KiB pages the first write to each page is a
/// fault (32 768 of them for 128 MiB), a fifth of a causal run's time; with
/// transparent huge pages in `madvise` mode (a common default) the kernel
/// only uses 2 MiB pages where asked. A hint: nothing changes if it is refused.
// Only up to `largest`: for bigger buffers the kernel compacts memory to
// find that many 2 MiB pages, which on a busy machine costs more than the
// faults saved (measured here: P of 128 MiB, T=2048 causal, 20-30% faster
// with the hint; P of 1 GiB, T=4096, 30% slower).
enum HugePages {
    static let size = 2 << 20
    static let largest = 256 << 20

    /// Advises huge pages for the whole 2 MiB-aligned pages inside `buffer`.
    static func request(for buffer: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
        guard buffer.count >= 2 * size, buffer.count <= largest, let base = buffer.baseAddress else { return }
        let address = UInt(bitPattern: base)
        let start = (address + UInt(size) - 1) / UInt(size) * UInt(size)
        let end = (address + UInt(buffer.count)) / UInt(size) * UInt(size)
        guard end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(aligned, Int(end - start), MADV_HUGEPAGE)
        #endif
    }
}
