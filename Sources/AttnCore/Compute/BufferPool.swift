import Dispatch
import Synchronization

/// Large float buffers kept mapped between runs, so a repeated `run` writes
/// into pages it already touched instead of faulting in fresh ones.
///
/// P is [H, Tq, Tk]: 1 GiB at T = 4096, H = 16. A fresh buffer of that size is
/// 262 144 first-touch faults of 4 KiB pages (most of a run's system time),
/// and dropping it is a 1 GiB `munmap`. The pool keeps a reference to the
/// last few buffers it handed out; `take` gives one back only once nothing
/// else holds it (the trace that used it was replaced, its statement
/// finished), so a buffer still visible in the workspace, or held by the
/// session's copy of the state for undo, is never written.
///
/// A repeated `run X` therefore alternates between two buffers: the one the
/// current trace holds (kept until the new trace is complete, so a failing or
/// cancelled `run` leaves the workspace as it was), and the one from the run
/// before it, which the pool holds alone and lends to the new run.
// Buffers are stored as the one object reference an Array<Float> is (its
// storage, `ArrayStorage`), so that `isKnownUniquelyReferenced` can tell when the pool's
// reference is the last one. Only the pool turns a stored reference back
// into an array, under the lock, so once the count is one it stays one.
public enum BufferPool {
    /// Buffers below this many elements are not pooled (malloc reuses them already).
    public static let smallest = 1 << 20
    /// How many buffers the pool keeps at most (two: see above).
    public static let capacity = 2

    private struct Slot: @unchecked Sendable {
        let count: Int
        var storage: ArrayStorage
    }

    /// Stands for the storage object of an Array<Float> (a native Swift object).
    // Typed as a class of our own rather than AnyObject: without optimisation,
    // Swift 6 code opens an AnyObject existential into a copy, so
    // `isKnownUniquelyReferenced` never sees a count of one. The uniqueness
    // check reads only the object's reference count; retain and release are
    // the same for every native object, and the real type's deinit still
    // runs when the last reference goes.
    private final class ArrayStorage {}

    private static let slots = Mutex<[Slot]>([])
    private static let lendings = Atomic<Int>(0)

    /// How many buffers `take` has lent since the program started.
    public static var lentCount: Int { lendings.load(ordering: .relaxed) }

    /// A buffer of exactly `count` floats that nothing else holds, with
    /// whatever values it had, or nil when the pool has none.
    public static func take(count: Int) -> [Float]? {
        guard count >= smallest else { return nil }
        return slots.withLock { slots in
            for index in slots.indices.reversed() where slots[index].count == count {
                // Moved out of the array first, so that no access path adds a reference.
                var slot = slots.remove(at: index)
                if isKnownUniquelyReferenced(&slot.storage) {
                    lendings.add(1, ordering: .relaxed)
                    return unsafeBitCast(slot.storage, to: [Float].self)
                }
                slots.insert(slot, at: index)
            }
            return nil
        }
    }

    /// Remembers `buffer` (sharing its storage, not copying it) for a later
    /// `take`, once its other holders let it go.
    public static func keep(_ buffer: [Float]) {
        guard buffer.count >= smallest else { return }
        let storage = unsafeBitCast(buffer, to: ArrayStorage.self)
        var dropped: [Slot] = []
        slots.withLock { slots in
            slots.removeAll { $0.storage === storage }
            slots.append(Slot(count: buffer.count, storage: storage))
            if slots.count > capacity {
                dropped = Array(slots.prefix(slots.count - capacity))
                slots.removeFirst(slots.count - capacity)
            }
        }
        if !dropped.isEmpty { BackgroundRelease.release(&dropped, leaving: []) }
    }

    /// Lets go of every pooled buffer (freed on a worker thread once unused).
    public static func drain() {
        var dropped = slots.withLock { slots in
            defer { slots.removeAll() }
            return slots
        }
        BackgroundRelease.release(&dropped, leaving: [])
    }

    /// How many buffers the pool holds (for tests).
    public static var heldCount: Int { slots.withLock { $0.count } }
}
