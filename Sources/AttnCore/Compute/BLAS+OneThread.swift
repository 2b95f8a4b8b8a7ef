import Foundation

/// Sections of the program during which OpenBLAS runs every call on the
/// calling thread, however many such sections overlap.
///
/// OpenBLAS's thread count is one setting for the whole process, and the
/// bits of a product can depend on it: a call split over its threads can
/// take another micro-kernel at the split's edge (P·V of one block differed
/// in the last bits at T = 700, K = 32). The attention engine therefore runs
/// every product on one BLAS thread and spreads them over the cores itself;
/// a section lowers the count to one on entry and gives the count back only
/// when the last overlapping section ends, so one pass finishing can never
/// hand another, still running, a multi-threaded BLAS.
extension BLAS {
    private struct Sections {
        var depth = 0
        var savedThreads = 1
    }

    // A pthread mutex rather than `Synchronization.Mutex`, which ThreadSanitizer does not see
    // through on Linux (it reported the sections of two test threads as racing).
    private static let lock = NSLock()
    nonisolated(unsafe) private static var sections = Sections()

    /// Runs `body` with OpenBLAS on one thread (see above).
    static func onOneThread<T>(_ body: () throws -> T) rethrows -> T {
        lock.withLock {
            if sections.depth == 0 {
                sections.savedThreads = threadCount
                threadCount = 1
            }
            sections.depth += 1
        }
        defer {
            lock.withLock {
                sections.depth -= 1
                if sections.depth == 0 { threadCount = sections.savedThreads }
            }
        }
        return try body()
    }
}
