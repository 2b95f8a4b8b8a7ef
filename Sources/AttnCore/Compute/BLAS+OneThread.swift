import Synchronization

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

    private static let sections = Mutex(Sections())

    /// Runs `body` with OpenBLAS on one thread (see above).
    static func onOneThread<T>(_ body: () throws -> T) rethrows -> T {
        sections.withLock { state in
            if state.depth == 0 {
                state.savedThreads = threadCount
                threadCount = 1
            }
            state.depth += 1
        }
        defer {
            sections.withLock { state in
                state.depth -= 1
                if state.depth == 0 { threadCount = state.savedThreads }
            }
        }
        return try body()
    }
}
