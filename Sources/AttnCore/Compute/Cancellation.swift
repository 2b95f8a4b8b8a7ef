import Synchronization

/// A request to stop long work early, as Ctrl-C makes it: one flag, set from
/// a signal handler or a key, read by every long loop.
///
/// Long work (the fast path's row blocks, the engine's heads, big matrix
/// products in row chunks, elementwise work in chunks, reading a big file,
/// each BERT layer, each statement of `source`) calls `check()` often enough
/// that a request takes effect within 100 ms at T = 4096, and throws
/// `TensorError.cancelled`. A statement that throws changes nothing, so the
/// workspace is as it was before the statement.
///
/// The program uses the one `process` flag; `current` is a task-local so a
/// test can cancel its own work with a flag of its own (tests run in
/// parallel and must not touch process-wide state). Work that spreads over
/// threads reads `current` once on the calling thread and passes the flag on,
/// since task-locals do not reach Dispatch's worker threads.
public final class Cancellation: Sendable {
    // A relaxed atomic: a check is one load, cheap enough for inner loops;
    // nothing else is published through the flag, so no ordering is needed.
    private let flag = Atomic<Bool>(false)

    /// A flag of its own, not yet requested.
    public init() {}

    /// The process-wide flag that Ctrl-C sets.
    // A signal handler sets it: the program touches `process` once (`prepare`)
    // before installing the handler, so the handler never runs the lazy
    // initialisation of this global, which is not async-signal-safe.
    public static let process = Cancellation()

    /// The flag long work obeys: `process`, unless a caller scoped another.
    @TaskLocal public static var current: Cancellation = process

    /// Forces `process` into existence (call before installing a signal handler that requests it).
    public static func prepare() {
        process.reset()
    }

    /// Asks the work reading this flag to stop (async-signal-safe once `prepare` ran).
    public func request() {
        flag.store(true, ordering: .relaxed)
    }

    /// Clears the request (before each statement).
    public func reset() {
        flag.store(false, ordering: .relaxed)
    }

    /// True when a request was pending, clearing it: for work that stops
    /// cleanly and succeeds (training keeps its best weights), so what runs
    /// after it in the same statement is not cancelled too.
    public func consume() -> Bool {
        flag.exchange(false, ordering: .relaxed)
    }

    /// True once `request` was called and not reset since.
    public var isRequested: Bool {
        flag.load(ordering: .relaxed)
    }

    /// Throws `TensorError.cancelled` when a request is pending.
    public func check() throws {
        if isRequested { throw TensorError.cancelled }
    }

    /// `current.check()`.
    public static func check() throws {
        try current.check()
    }
}

extension TensorError {
    /// The error a cancelled statement fails with.
    public static let cancelled = TensorError(cancelledMessage)

    /// Its message, for callers that recognise a cancelled statement.
    public static let cancelledMessage = "cancelled (Ctrl-C); the workspace is as it was"
}
