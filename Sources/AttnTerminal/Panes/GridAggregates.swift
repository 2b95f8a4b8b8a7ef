import AttnCore
import Dispatch
import Synchronization

/// What the grid pane reads of a whole tensor, computed once and shared by every copy of the
/// model: the range of its values, whether anything is blocked, and its block views.
///
/// A block view at block size b holds one drawn value per b×b block of every head:
/// - for a tensor with no negative value (P, a mean of P), the **maximum** of the block's
///   allowed, finite values, so a sharp peak stays visible however far out one zooms;
/// - for a signed tensor (scores, `view attn.Wq`, Z), the value of **largest magnitude**,
///   keeping its sign (ties go to the positive one), so negative extremes stay visible too.
/// A block is masked when every cell in it is blocked (by the mask or by −inf), invalid when its
/// only unblocked cells are NaN or +inf. Views are encoded as floats: a finite value, −inf for
/// masked, NaN for invalid. Beside each view, which of its drawn blocks mix blocked and allowed
/// cells (`partlyBlocked`): the panel marks them, so a masked column aggregated with its
/// neighbour is never drawn as if nothing were masked.
///
/// Both are one pass over the tensor (1 GiB for P at T=4096, H=16), spread over the cores and
/// stopped by `Cancellation` (Ctrl-C during a redraw): a stopped pass keeps nothing, so the
/// next redraw starts it again.
final class GridAggregates: Sendable {
    /// The range of the finite, allowed values and whether any cell is blocked.
    struct Summary: Sendable, Equatable {
        var low: Float
        var high: Float
        var hasBlocked: Bool

        /// The finite range, nil when no value is finite and allowed.
        var range: (min: Float, max: Float)? { low <= high ? (low, high) : nil }
        /// Whether blocks show their value of largest magnitude (some value is negative).
        var aggregatesByMagnitude: Bool { low <= high && low < 0 }
    }

    let heads: Int
    let rows: Int
    let columns: Int
    let scalars: [Float]
    let mask: [Float]
    let maskPerHead: Bool
    /// One block view: the drawn values and which blocks are partly blocked.
    struct BlockView: Sendable {
        var values: [Float]
        var partlyBlocked: [Bool]
    }

    private let memo = Mutex<(summary: Summary?, views: [Int: BlockView])>((nil, [:]))
    /// How many full passes over the tensor this object has made (a test reads it).
    private let passes = Atomic<Int>(0)

    init(heads: Int, rows: Int, columns: Int, scalars: [Float], mask: [Float], maskPerHead: Bool) {
        self.heads = heads
        self.rows = rows
        self.columns = columns
        self.scalars = scalars
        self.mask = mask
        self.maskPerHead = maskPerHead
    }

    /// The passes over the whole tensor made so far.
    var passCount: Int { passes.load(ordering: .relaxed) }

    /// The summary, computing it now if needed; nil when the pass was cancelled.
    func summary() -> Summary? {
        if let known = memo.withLock({ $0.summary }) { return known }
        guard let (summary, _) = pass(block: 1) else { return nil }
        memo.withLock { $0.summary = summary }
        return summary
    }

    /// Computes the summary and, for `block` > 1, the block view in one pass if they are not
    /// known yet (a redraw that will need both calls this first).
    func prepare(block: Int) {
        if block > 1 { _ = view(block: block) } else { _ = summary() }
    }

    /// The block view at `block` (> 1), [H, ⌈Tq/b⌉, ⌈Tk/b⌉], computing it now if needed; nil when
    /// the pass was cancelled.
    func view(block: Int) -> [Float]? { blockView(block: block)?.values }

    /// The block view at `block` (> 1) with its partly blocked blocks, computing it now if needed.
    func blockView(block: Int) -> BlockView? {
        if let known = memo.withLock({ $0.views[block] }) { return known }
        guard let (summary, views) = pass(block: block) else { return nil }
        let chosen = BlockView(values: summary.aggregatesByMagnitude ? views.magnitude : views.maximum,
                               partlyBlocked: views.partlyBlocked)
        memo.withLock { memo in
            memo.summary = summary
            // A few zoom levels are kept, then one makes room (each is small: H·Tq·Tk/b²).
            if memo.views.count >= 4, let first = memo.views.keys.first { memo.views[first] = nil }
            memo.views[block] = chosen
        }
        return chosen
    }

    /// One pass: the summary, and for block > 1 both block views (maximum and largest magnitude).
    private func pass(block: Int) -> (Summary, (maximum: [Float], magnitude: [Float], partlyBlocked: [Bool]))? {
        let cancellation = Cancellation.current
        let blockRows = (rows + block - 1) / block, blockColumns = (columns + block - 1) / block
        let viewCount = block > 1 ? heads * blockRows * blockColumns : 0
        // Per block: the least and greatest finite allowed value, and whether NaN or +inf was seen.
        var lows = [Float](repeating: .infinity, count: viewCount)
        var highs = [Float](repeating: -.infinity, count: viewCount)
        var invalid = [Bool](repeating: false, count: viewCount)
        var blocked = [Bool](repeating: false, count: viewCount)
        var parts = [Summary](repeating: Summary(low: .infinity, high: -.infinity, hasBlocked: false), count: heads)
        var finished = [Bool](repeating: false, count: heads)
        // `run` stores a mask of all ones when nothing is masked: reading it beside every value
        // would double the pass's memory traffic for nothing.
        let masking = mask.contains(0)
        scalars.withUnsafeBufferPointer { values in
            mask.withUnsafeBufferPointer { maskValues in
                lows.withUnsafeMutableBufferPointer { lowBuffer in
                    highs.withUnsafeMutableBufferPointer { highBuffer in
                        invalid.withUnsafeMutableBufferPointer { invalidBuffer in
                          blocked.withUnsafeMutableBufferPointer { blockedBuffer in
                            parts.withUnsafeMutableBufferPointer { partBuffer in
                                finished.withUnsafeMutableBufferPointer { finishedBuffer in
                                    let buffers = PassBuffers(values: values, mask: maskValues, masking: masking,
                                                              lows: lowBuffer,
                                                              highs: highBuffer, invalid: invalidBuffer,
                                                              blocked: blockedBuffer,
                                                              parts: partBuffer, finished: finishedBuffer)
                                    if heads > 1 && rows * columns * heads >= 1 << 20 {
                                        DispatchQueue.concurrentPerform(iterations: heads) { head in
                                            self.scan(head: head, block: block, buffers, cancellation)
                                        }
                                    } else {
                                        for head in 0..<heads { scan(head: head, block: block, buffers, cancellation) }
                                    }
                                }
                            }
                          }
                        }
                    }
                }
            }
        }
        guard finished.allSatisfy({ $0 }) else { return nil }
        passes.add(1, ordering: .relaxed)
        var summary = Summary(low: .infinity, high: -.infinity, hasBlocked: masking)
        for part in parts {
            summary.low = min(summary.low, part.low)
            summary.high = max(summary.high, part.high)
            summary.hasBlocked = summary.hasBlocked || part.hasBlocked
        }
        // The value of largest magnitude of a set is its least or its greatest element.
        var maximum = [Float](repeating: -.infinity, count: viewCount)
        var magnitude = [Float](repeating: -.infinity, count: viewCount)
        var partlyBlocked = [Bool](repeating: false, count: viewCount)
        for cell in 0..<viewCount {
            let (low, high) = (lows[cell], highs[cell])
            if low <= high {
                partlyBlocked[cell] = blocked[cell]
                maximum[cell] = high
                magnitude[cell] = -low > high ? low : high
            } else if invalid[cell] {
                maximum[cell] = .nan
                magnitude[cell] = .nan
            }
        }
        return (summary, (maximum, magnitude, partlyBlocked))
    }

    /// The buffers of one pass; each head writes only its own part.
    private struct PassBuffers: @unchecked Sendable {
        let values: UnsafeBufferPointer<Float>
        let mask: UnsafeBufferPointer<Float>
        /// Whether the mask blocks anything (else it is not read).
        let masking: Bool
        let lows: UnsafeMutableBufferPointer<Float>
        let highs: UnsafeMutableBufferPointer<Float>
        let invalid: UnsafeMutableBufferPointer<Bool>
        /// Per block: whether any of its cells is blocked.
        let blocked: UnsafeMutableBufferPointer<Bool>
        let parts: UnsafeMutableBufferPointer<Summary>
        let finished: UnsafeMutableBufferPointer<Bool>
    }

    /// Scans one head row by row, one block-wide segment at a time, marking the head finished
    /// unless cancelled first.
    private func scan(head: Int, block: Int, _ buffers: PassBuffers, _ cancellation: Cancellation) {
        guard let base = buffers.values.baseAddress else { return }
        let blockColumns = (columns + block - 1) / block
        let blockRows = (rows + block - 1) / block
        let plane = head * rows * columns
        let maskBase = !buffers.masking ? nil : buffers.mask.baseAddress.map { $0 + (maskPerHead ? plane : 0) }
        var total = GridSegment()
        let width = block > 1 ? block : columns
        for row in 0..<rows {
            if row % 32 == 0 && cancellation.isRequested { return }
            let values = base + plane + row * columns
            let maskRow = maskBase.map { $0 + row * columns }
            var start = 0, segment = 0
            while start < columns {
                let count = min(width, columns - start)
                let part = GridSegment.scan(values + start, mask: maskRow.map { $0 + start }, count: count)
                total.merge(part)
                if block > 1 {
                    let cell = (head * blockRows + row / block) * blockColumns + segment
                    buffers.lows[cell] = min(buffers.lows[cell], part.low)
                    buffers.highs[cell] = max(buffers.highs[cell], part.high)
                    if part.sawInvalid { buffers.invalid[cell] = true }
                    if part.sawBlocked { buffers.blocked[cell] = true }
                }
                start += count
                segment += 1
            }
        }
        buffers.parts[head] = Summary(low: total.low, high: total.high, hasBlocked: total.sawMinusInfinity)
        buffers.finished[head] = true
    }
}
