import Synchronization

/// The last combined mask built from positional specs alone, handed out
/// again (shared, not copied) while the specs and sizes stay the same.
///
/// Such a mask depends on nothing but (specs, Tq, Tk): a repeated `run X`
/// would otherwise write the same [Tq, Tk] of ones and zeros into fresh
/// memory every time (64 MiB and 16 384 page faults at T = 4096), and the
/// trace being replaced and the new one would each hold a copy. Tensors are
/// values, so a caller that writes into the shared mask copies it first.
/// Masks that read tensors are never cached: their contents can change.
enum PositionalMaskCache {
    /// Masks below this many cells are rebuilt each time (cheaper than a lookup is worth).
    static let smallest = 1 << 16

    private struct Entry: Sendable {
        let specs: [MaskSpec]
        let tq: Int
        let tk: Int
        let mask: Tensor
    }

    private static let last = Mutex<Entry?>(nil)

    /// The mask kept for exactly these specs and sizes, if any.
    static func mask(_ specs: [MaskSpec], queries tq: Int, keys tk: Int) -> Tensor? {
        guard tq * tk >= smallest else { return nil }
        return last.withLock { entry in
            guard let entry, entry.tq == tq, entry.tk == tk, entry.specs == specs else { return nil }
            return entry.mask
        }
    }

    /// Remembers `mask`, the combined mask of `specs` over Tq × Tk, replacing the one before.
    static func keep(_ mask: Tensor, _ specs: [MaskSpec], queries tq: Int, keys tk: Int) {
        guard tq * tk >= smallest else { return }
        let replaced = last.withLock { entry in
            defer { entry = Entry(specs: specs, tq: tq, tk: tk, mask: mask) }
            return entry
        }
        // The old mask may be the only reference to 64 MiB: unmapped off this thread.
        var dropped = replaced
        if dropped != nil { BackgroundRelease.release(&dropped, leaving: nil) }
    }
}
