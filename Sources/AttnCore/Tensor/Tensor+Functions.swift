#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

extension Tensor {
    /// Softmax along `dim` (default the last axis):
    /// p[j] = exp(x[j] - m) / Σ_k exp(x[k] - m), with m = max_k x[k].
    ///
    /// Each lane along `dim` goes through `RowSoftmax`, the kernel of stage
    /// 8, with its policy: a lane holding a NaN is NaN, a lane of all -inf is
    /// zeros, +inf entries share the weight equally. So `softmax(attn.masked)`
    /// equals `attn.P` bit for bit.
    public static func softmax(_ x: Tensor, dim: Int = -1) throws -> Tensor {
        try softmaxCountingNaN(x, dim: dim).weights
    }

    /// `softmax`, and how many lanes held a NaN (and so are all NaN), for a
    /// caller that warns about them.
    public static func softmaxCountingNaN(_ x: Tensor, dim: Int = -1) throws -> (weights: Tensor, nanLanes: Int) {
        guard x.rank > 0 else { throw TensorError("softmax needs a tensor of rank 1 or more, got a scalar") }
        let axis = try normalizeAxis(dim, rank: x.rank)
        let lanes = AxisLanes(shape: x.shape, axis: axis)
        try MemoryLimit.check(shape: x.shape)
        var out = x.scalars
        var nanLanes = 0
        let step = lanes.inner
        if step == 1 {
            // Lanes are contiguous rows: the kernel works on them in place.
            out.withUnsafeMutableBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }  // no elements: nothing to do
                for lane in 0..<lanes.laneCount {
                    let row = base + lanes.start(ofLane: lane)
                    if RowSoftmax.apply(row, count: lanes.extent, active: 0..<lanes.extent) == .undefined { nanLanes += 1 }
                }
            }
        } else {
            // A strided lane is gathered into one row, normalised, and put back.
            var row = [Float](repeating: 0, count: lanes.extent)
            for lane in 0..<lanes.laneCount {
                let start = lanes.start(ofLane: lane)
                for j in 0..<lanes.extent { row[j] = out[start + j * step] }
                if RowSoftmax.apply(&row) == .undefined { nanLanes += 1 }
                for j in 0..<lanes.extent { out[start + j * step] = row[j] }
            }
        }
        return (Tensor(unchecked: x.shape, scalars: out), nanLanes)
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
