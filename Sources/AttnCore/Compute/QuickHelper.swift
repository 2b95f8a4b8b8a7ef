import CRowKernels
import Dispatch
import Foundation
import Synchronization

/// A second thread for work too small for Dispatch: a handful of matrix
/// products or attention blocks that take tens of microseconds each.
///
/// `DispatchQueue.concurrentPerform` wakes a sleeping pool thread per call,
/// which at T = 128 costs about what the second core gives back. The helper
/// instead keeps spinning for `spinLimit` after each job, so a pass that
/// hands it several jobs in a row pays the wake-up once; after that it sleeps
/// on a condition until the next job. Every wait yields the core after a short
/// spin, so a busy machine (more runnable threads than cores) is not slowed by
/// threads spinning for each other. The caller always works too: items are
/// taken from one shared counter by whichever thread is free, and `perform`
/// returns when every item is done.
///
/// One job at a time: a caller that finds the helper busy (another pass on
/// another thread) runs its items itself, so callers never wait for each
/// other. Work items must be independent of which thread runs them.
final class QuickHelper: @unchecked Sendable {
    static let shared = QuickHelper()

    /// How long the helper spins for the next job before it sleeps.
    static let spinLimit: UInt64 = 300_000  // nanoseconds

    /// One job: its items, taken from `next` by both threads.
    private struct Job {
        let iterations: Int
        let work: @Sendable (Int) -> Void
    }

    /// Who holds the helper: at most one caller at a time.
    private let claimed = Atomic<Bool>(false)
    /// The job slot: `empty`, `posted` by the caller, or `taken` by the helper (which empties
    /// it when done). A caller that finishes every item before the helper takes the job takes
    /// the job back (posted → empty), so it never waits for a sleeping helper to wake.
    private let slot = Atomic<Int>(Slot.empty)
    private enum Slot {
        static let empty = 0, posted = 1, taken = 2
    }
    /// The next item of the current job to start.
    private let next = Atomic<Int>(0)
    /// Whether the helper is asleep on `wake` (the poster then signals it).
    private let sleeping = Atomic<Bool>(false)
    private let wake = NSCondition()
    /// Written by the caller before it posts the job and cleared after the job is back in its
    /// hands (taken back, or emptied by the helper); the helper reads it only between taking the
    /// job and emptying the slot, so the two never touch it at once.
    private var job: Job?
    private var thread: Thread?

    private init() {}

    /// Runs `work(0..<iterations)`, on the calling thread and the helper at
    /// once, and returns when all are done; on the calling thread alone when
    /// there is one item, one core, or the helper is busy with another job.
    func perform(iterations: Int, _ work: @Sendable (Int) -> Void) {
        guard iterations > 1, AttentionBenchmark.coreCount > 1,
              claimed.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            for item in 0..<iterations { work(item) }
            return
        }
        defer { claimed.store(false, ordering: .releasing) }
        startIfNeeded()
        withoutActuallyEscaping(work) { work in
            next.store(0, ordering: .relaxed)
            job = Job(iterations: iterations, work: work)
            slot.store(Slot.posted, ordering: .sequentiallyConsistent)
            if sleeping.load(ordering: .sequentiallyConsistent) {
                wake.lock()
                wake.signal()
                wake.unlock()
            }
            runItems(iterations, work)
            if !slot.compareExchange(expected: Slot.posted, desired: Slot.empty, ordering: .acquiringAndReleasing).exchanged {
                // The helper took the job: wait for its last item.
                var spins = 0
                while slot.load(ordering: .acquiring) != Slot.empty { backOff(&spins) }
            }
            job = nil
        }
    }

    /// Takes items from the shared counter until none is left.
    private func runItems(_ iterations: Int, _ work: @Sendable (Int) -> Void) {
        while true {
            let item = next.wrappingAdd(1, ordering: .relaxed).oldValue
            guard item < iterations else { return }
            work(item)
        }
    }

    private func startIfNeeded() {
        guard thread == nil else { return }
        let helper = Thread { [unowned self] in self.loop() }
        helper.name = "attnsh quick helper"
        helper.stackSize = 1 << 20
        thread = helper
        helper.start()
    }

    /// The helper thread: wait for a job (spinning, then asleep), take it, run items, empty the slot.
    private func loop() {
        while true {
            waitForPostedJob()
            guard slot.compareExchange(expected: Slot.posted, desired: Slot.taken, ordering: .acquiring).exchanged else {
                continue  // taken back by its caller
            }
            runPostedJob()
            slot.store(Slot.empty, ordering: .releasing)
        }
    }

    /// The helper's share of the posted job; its reference to the job's closure ends on return,
    /// before the slot says so (the closure is the caller's, lent for the call).
    @inline(never)
    private func runPostedJob() {
        guard let job else { return }
        runItems(job.iterations, job.work)
    }

    /// Returns once a job is posted: spins for `spinLimit`, then sleeps until one is.
    private func waitForPostedJob() {
        let deadline = DispatchTime.now().uptimeNanoseconds + Self.spinLimit
        var spins = 0
        while slot.load(ordering: .relaxed) != Slot.posted {
            if spins % 256 == 0, DispatchTime.now().uptimeNanoseconds > deadline {
                wake.lock()
                sleeping.store(true, ordering: .sequentiallyConsistent)
                while slot.load(ordering: .sequentiallyConsistent) != Slot.posted { wake.wait() }
                sleeping.store(false, ordering: .relaxed)
                wake.unlock()
                return
            }
            backOff(&spins)
        }
    }

    /// One turn of a wait: the `pause` hint for the first `patientSpins` turns, then a
    /// `sched_yield` each turn, so that on a machine with more runnable threads than cores
    /// the thread being waited for gets the core instead of the waiter.
    private func backOff(_ spins: inout Int) {
        spins += 1
        if spins < Self.patientSpins { attn_spin_pause() } else { sched_yield() }
    }

    /// About 20-50 µs of `pause`.
    static let patientSpins = 512
}
