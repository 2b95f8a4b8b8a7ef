import Dispatch

/// Stages 5-9 fused per block of query rows: the heart of the fast path.
///
/// Shapes: Q [H, Tq, K], K and V [G, Tk, K], P [H, Tq, Tk], Z [H, Tq, K];
/// B = `AttentionEngine.rowBlock` rows per block.
struct FusedPlan {
    let config: LayerConfig
    let tq: Int
    let tk: Int
    /// Whether the blocks run on the calling thread (`AttentionFastPath.runsSerially`).
    let serial: Bool
    /// The combined mask [Tq, Tk] or [H, Tq, Tk] (1 = allowed).
    let mask: Tensor
    let q: Tensor
    let keys: Tensor
    let values: Tensor

    /// Raw pointers into the buffers of one run, shared by the worker threads.
    // Each block writes only its own rows of P and Z and its own entries of
    // `statuses`, so the threads never touch the same memory.
    struct Buffers: @unchecked Sendable {
        let q: UnsafePointer<Float>
        let keys: UnsafePointer<Float>
        let values: UnsafePointer<Float>
        let mask: UnsafePointer<Float>
        let p: UnsafeMutablePointer<Float>
        let z: UnsafeMutablePointer<Float>
        let statuses: UnsafeMutablePointer<RowSoftmax.Outcome>
    }

    /// P [H, Tq, Tk], Z [H, Tq, K] and how each softmax row turned out.
    ///
    /// After a cancellation request (`cancellation`) blocks not yet started
    /// are skipped and the buffers are left part-filled: the caller checks
    /// the flag and throws instead of using them.
    func run(cancellation: Cancellation) -> (p: [Float], z: [Float], statuses: [RowSoftmax.Outcome]) {
        let (h, k) = (config.heads, config.dHead)
        // Every head's plane of Z is written by its blocks' sgemm, except an
        // ablated head's, which stays zero.
        var z = [Float](unsafeUninitializedCapacity: h * tq * k) { buffer, initialized in
            for head in config.ablated where head >= 0 && head < h {
                buffer[(head * tq * k)..<((head + 1) * tq * k)].initialize(repeating: 0)
            }
            initialized = h * tq * k
        }
        var statuses = [RowSoftmax.Outcome](repeating: .normal, count: h * tq)
        let valuesFinite = values.scalars.allSatisfy(\.isFinite)
        let dropout = config.dropout > 0
        // Every cell of P is written by its block (RowSoftmax writes whole rows), so a
        // pooled buffer's old values never show; a fresh one is left uninitialised.
        var p = BufferPool.take(count: h * tq * tk)
            ?? [Float](unsafeUninitializedCapacity: h * tq * tk) { _, initialized in initialized = h * tq * tk }
        p.withUnsafeMutableBufferPointer { pBuffer in
            HugePages.request(for: UnsafeMutableRawBufferPointer(pBuffer))
            z.withUnsafeMutableBufferPointer { zBuffer in
                statuses.withUnsafeMutableBufferPointer { statusBuffer in
                    withPointers(p: pBuffer, z: zBuffer, statuses: statusBuffer) { buffers in
                        forEachBlock(cancellation) { head, rows in
                            let searched = weights(head: head, rows: rows, buffers)
                            if !dropout { output(head: head, rows: rows, searchKeys: searched, valuesFinite, buffers) }
                        }
                    }
                }
            }
        }
        if dropout && !cancellation.isRequested {
            // Dropout draws its numbers in row-major order from one generator,
            // so it runs after every block, on one thread, and Z after it.
            AttentionEngine.applyDropout(to: &p, rate: config.dropout, seed: config.seed ?? 0)
            p.withUnsafeMutableBufferPointer { pBuffer in
                z.withUnsafeMutableBufferPointer { zBuffer in
                    statuses.withUnsafeMutableBufferPointer { statusBuffer in
                        withPointers(p: pBuffer, z: zBuffer, statuses: statusBuffer) { buffers in
                            forEachBlock(cancellation) { head, rows in
                                output(head: head, rows: rows, searchKeys: 0..<tk, valuesFinite, buffers)
                            }
                        }
                    }
                }
            }
        }
        // Kept after dropout, which writes P in place and would copy a shared buffer.
        BufferPool.keep(p)
        return (p, z, statuses)
    }

    /// Runs `body` for every head and block of `AttentionEngine.rowBlock`
    /// query rows, over the cores; once a cancellation is requested the blocks
    /// not yet started are skipped (one block is ~1 ms at T = 4096, so Ctrl-C
    /// is prompt).
    private func forEachBlock(_ cancellation: Cancellation, _ body: @Sendable (_ head: Int, _ rows: Range<Int>) -> Void) {
        let blocksPerHead = (tq + AttentionEngine.rowBlock - 1) / AttentionEngine.rowBlock
        parallel(iterations: config.heads * blocksPerHead) { item in
            if cancellation.isRequested { return }
            let head = item / blocksPerHead
            let start = (item % blocksPerHead) * AttentionEngine.rowBlock
            body(head, start..<min(start + AttentionEngine.rowBlock, tq))
        }
    }

    /// Calls `body` with the run's pointers (none of the buffers is empty:
    /// Tq, Tk, K, H are all at least 1).
    private func withPointers(p: UnsafeMutableBufferPointer<Float>, z: UnsafeMutableBufferPointer<Float>,
                              statuses: UnsafeMutableBufferPointer<RowSoftmax.Outcome>,
                              _ body: (Buffers) -> Void) {
        q.scalars.withUnsafeBufferPointer { qBuffer in
            keys.scalars.withUnsafeBufferPointer { kBuffer in
                values.scalars.withUnsafeBufferPointer { vBuffer in
                    mask.scalars.withUnsafeBufferPointer { maskBuffer in
                        guard let qBase = qBuffer.baseAddress, let kBase = kBuffer.baseAddress,
                              let vBase = vBuffer.baseAddress, let maskBase = maskBuffer.baseAddress,
                              let pBase = p.baseAddress, let zBase = z.baseAddress,
                              let statusBase = statuses.baseAddress else {
                            preconditionFailure("the fast path of \(config.name) got an empty buffer")
                        }
                        body(Buffers(q: qBase, keys: kBase, values: vBase, mask: maskBase,
                                     p: pBase, z: zBase, statuses: statusBase))
                    }
                }
            }
        }
    }

    /// Runs `work` for every item, over the cores when the run is big enough,
    /// with BLAS on one thread per call meanwhile.
    private func parallel(iterations: Int, _ work: @Sendable (Int) -> Void) {
        guard !serial else {
            BLAS.onOneThread { QuickHelper.shared.perform(iterations: iterations, work) }
            return
        }
        BLAS.onOneThread { DispatchQueue.concurrentPerform(iterations: iterations, execute: work) }
    }

    /// Scores, scale, ALiBi, mask and softmax for one block, written into P;
    /// returns the keys it computed (everything outside them is zero).
    private func weights(head: Int, rows: Range<Int>, _ buffers: Buffers) -> Range<Int> {
        let (k, g) = (config.dHead, config.kvHead(forQueryHead: head))
        let plane = buffers.p + head * tq * tk  // [Tq, Tk]
        let ranges = rows.map { MaskSpec.allowedKeys(config.masks, query: $0, keys: tk) }
        let open = ranges.filter { !$0.isEmpty }
        guard let first = open.map(\.lowerBound).min(), let last = open.map(\.upperBound).max() else {
            // Every row of the block has every key blocked.
            for i in rows {
                let row = plane + i * tk
                for j in 0..<tk { row[j] = 0 }
                buffers.statuses[head * tq + i] = .allBlocked
            }
            return 0..<0
        }
        // Aligned to the softmax lanes (see RowSoftmax).
        let keys = (first / RowSoftmax.width * RowSoftmax.width)..<last
        BLAS.sgemm(m: rows.count, n: keys.count, k: k,
                   a: buffers.q + (head * tq + rows.lowerBound) * k, lda: k,
                   b: buffers.keys + (g * tk + keys.lowerBound) * k, ldb: k, transB: true,
                   c: plane + rows.lowerBound * tk + keys.lowerBound, ldc: tk)  // [B, keys]
        let maskPlane = mask.rank == 3 ? buffers.mask + head * tq * tk : buffers.mask
        let tensorMask = MaskSpec.hasTensorMask(config.masks)
        let slope = PositionalEncoding.alibiSlope(head: head, heads: config.heads)
        for (offset, i) in rows.enumerated() {
            let row = plane + i * tk
            let open = ranges[offset].clamped(to: keys)
            prepare(row, open: open, keys: keys, query: i, slope: slope)
            if tensorMask {
                let maskRow = maskPlane + i * tk
                for j in open where maskRow[j] == 0 { row[j] = -.infinity }
            }
            buffers.statuses[head * tq + i] = RowSoftmax.apply(row, count: tk, active: keys)
        }
        return keys
    }

    /// One row of stages 6 and 7 over `keys`: x = s·scale/temperature
    /// (− m_h·|i − j| with ALiBi) inside `open`, −inf outside it.
    // The same operations in the same order as stages 6 and 7 of `step`, so
    // the same bits: (s·scale)/temperature, then minus slope·|i − j|.
    private func prepare(_ row: UnsafeMutablePointer<Float>, open: Range<Int>, keys: Range<Int>,
                         query i: Int, slope: Float) {
        for j in keys.lowerBound..<open.lowerBound { row[j] = -.infinity }
        for j in open.upperBound..<keys.upperBound { row[j] = -.infinity }
        RowKernels.scale(row, open, by: config.effectiveScale, dividedBy: config.temperature)
        if config.posenc == .alibi {
            for j in open { row[j] -= slope * Float(abs(i - j)) }
        }
    }

    /// Z for one block: P[h, rows]·V[g] over the keys holding weight.
    private func output(head: Int, rows: Range<Int>, searchKeys: Range<Int>, _ valuesFinite: Bool,
                        _ buffers: Buffers) {
        guard !config.ablated.contains(head) else { return }
        let (k, g) = (config.dHead, config.kvHead(forQueryHead: head))
        AttentionEngine.headOutputBlock(p: buffers.p + head * tq * tk, values: buffers.values + g * tk * k,
                                        z: buffers.z + head * tq * k, rows: rows, keys: tk, width: k,
                                        searchKeys: searchKeys, valuesFinite: valuesFinite)
    }
}
