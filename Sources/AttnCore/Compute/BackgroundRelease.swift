import Dispatch

/// Large buffers given back to the system on a worker thread, not on the caller's.
///
/// A cancelled `run` at T = 4096, H = 16 drops a P of 1 GiB, part-filled or whole. Unmapping a
/// gigabyte of touched 4 KiB pages takes the kernel 60-70 ms on a loaded machine, most of the
/// time between Ctrl-C and the prompt (measured with strace: SIGINT, then `munmap` of 1 GiB for
/// 64 ms, then the message). Freed here, the prompt comes back at once and the pages go back
/// meanwhile.
// The box holds the only reference once the caller's variable is emptied, and the worker
// empties the box: whichever thread drops the box last, the buffers themselves are freed on
// the worker. The memory stays in use for those few tens of ms.
final class BackgroundRelease<Value>: @unchecked Sendable {
    private var value: Value?

    private init(_ value: Value) {
        self.value = value
    }

    /// Frees what `value` holds on a worker thread, leaving `empty` in its place so the caller
    /// keeps no reference to it.
    static func release(_ value: inout Value, leaving empty: Value) {
        let box = BackgroundRelease(value)
        value = empty
        DispatchQueue.global(qos: .utility).async { box.value = nil }
    }
}
