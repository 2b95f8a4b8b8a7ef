#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

extension Tensor {
    /// Softmax along `dim` (default the last axis):
    /// p[j] = exp(x[j] - m) / Σ_k exp(x[k] - m), with m = max_k x[k].
    ///
    /// Subtracting the lane maximum m leaves the result unchanged
    /// mathematically but keeps exp() from overflowing (the largest term is
    /// exp(0) = 1, so the sum is at least 1).
    ///
    /// Trap: a lane whose entries are all -inf (every key masked) has no
    /// finite maximum; x - m would be -inf - (-inf) = NaN. Such a lane is
    /// defined as all zeros (docs/reference.md §3.6), so no NaN appears. A NaN in
    /// the input still gives NaN in its lane, as numpy does.
    public static func softmax(_ x: Tensor, dim: Int = -1) throws -> Tensor {
        guard x.rank > 0 else { throw TensorError("softmax needs a tensor of rank 1 or more, got a scalar") }
        let axis = try normalizeAxis(dim, rank: x.rank)
        let lanes = AxisLanes(shape: x.shape, axis: axis)
        try MemoryLimit.check(shape: x.shape)
        var out = [Float](repeating: 0, count: x.count)
        let input = x.scalars
        let step = lanes.inner
        for lane in 0..<lanes.laneCount {
            let start = lanes.start(ofLane: lane)
            var maximum = -Float.infinity
            var sawNaN = false
            for j in 0..<lanes.extent {
                let v = input[start + j * step]
                if v.isNaN { sawNaN = true }
                maximum = Swift.max(maximum, v)
            }
            if sawNaN {
                for j in 0..<lanes.extent { out[start + j * step] = .nan }
                continue
            }
            // All -inf: no finite max; the lane stays zero (see the doc comment).
            if maximum == -.infinity { continue }
            var sum = 0.0
            for j in 0..<lanes.extent {
                let e = expf(input[start + j * step] - maximum)
                out[start + j * step] = e
                sum += Double(e)
            }
            let scale = Float(1 / sum)
            for j in 0..<lanes.extent { out[start + j * step] *= scale }
        }
        return Tensor(unchecked: x.shape, scalars: out)
    }

    /// Shannon entropy in nats along `dim`: H = -Σ_j p[j] · ln p[j], the axis
    /// removed. Terms with p = 0 count as 0 (the limit of p ln p as p → 0),
    /// so masked keys with zero weight add nothing instead of 0 · -inf = NaN.
    public static func entropy(_ p: Tensor, dim: Int = -1) throws -> Tensor {
        guard p.rank > 0 else { throw TensorError("entropy needs a tensor of rank 1 or more, got a scalar") }
        let axis = try normalizeAxis(dim, rank: p.rank)
        let lanes = AxisLanes(shape: p.shape, axis: axis)
        var shape = p.shape
        shape.remove(at: axis)
        var out = [Float](repeating: 0, count: lanes.laneCount)
        let input = p.scalars
        for lane in 0..<lanes.laneCount {
            let start = lanes.start(ofLane: lane)
            var sum = 0.0
            for j in 0..<lanes.extent {
                let v = Double(input[start + j * lanes.inner])
                if v != 0 { sum -= v * log(v) }
            }
            out[lane] = Float(sum)
        }
        return Tensor(unchecked: shape, scalars: out)
    }

    /// Whether `other` has the same shape and every pair of elements is
    /// within |x - y| ≤ atol + rtol · |y| (numpy `allclose`). Two NaNs count
    /// as equal, and infinities must match exactly.
    public func isClose(to other: Tensor, rtol: Float = 1e-5, atol: Float = 1e-6) -> Bool {
        guard shape == other.shape else { return false }
        for (x, y) in zip(scalars, other.scalars) {
            if x.isNaN || y.isNaN {
                if x.isNaN != y.isNaN { return false }
                continue
            }
            if x.isInfinite || y.isInfinite {
                if x != y { return false }
                continue
            }
            if Swift.abs(x - y) > atol + rtol * Swift.abs(y) { return false }
        }
        return true
    }
}
