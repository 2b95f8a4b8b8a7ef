#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// A reduction over all elements or along one axis.
public enum ReduceOp: String, Sendable, CaseIterable {
    case sum, mean, max, min, argmax, argmin, norm
}

/// How a tensor splits into lanes along one axis: `outer` blocks, each of
/// `extent` steps of `inner` elements. Lane (o, i) starts at
/// o · extent · inner + i and advances by `inner`.
struct AxisLanes {
    let outer: Int
    let extent: Int
    let inner: Int

    init(shape: [Int], axis: Int) {
        outer = shape[..<axis].reduce(1, *)
        extent = shape[axis]
        inner = shape[(axis + 1)...].reduce(1, *)
    }

    /// All elements as a single lane.
    init(count: Int) {
        outer = 1
        extent = count
        inner = 1
    }

    var laneCount: Int { outer * inner }

    /// The start offset of lane number `lane` (0..<laneCount, row-major over (o, i)).
    func start(ofLane lane: Int) -> Int {
        let o = lane / inner, i = lane % inner
        return o * extent * inner + i
    }
}

extension Tensor {
    /// Reduces over all elements (`dim` nil, a rank-0 result) or along one
    /// axis (negative allowed), which is removed unless `keepDims`.
    ///
    /// - sum Σ x, mean Σ x / n (accumulated in Double), norm √(Σ x²) (L2);
    /// - max, min; argmax, argmin as float indices, the first on ties;
    /// - NaN propagates through sum, mean, max and min as in numpy, and
    ///   argmax/argmin point at the first NaN;
    /// - max, min, argmax, argmin and mean of an empty axis are errors (the
    ///   mean of nothing would be a silent NaN); the sum of an empty axis
    ///   is 0, as numpy.
    public func reduce(_ op: ReduceOp, dim: Int? = nil, keepDims: Bool = false) throws -> Tensor {
        let lanes: AxisLanes
        var resultShape: [Int]
        if let dim {
            let axis = try Tensor.normalizeAxis(dim, rank: rank)
            if rank == 0 {
                lanes = AxisLanes(count: 1)
                resultShape = []
            } else {
                lanes = AxisLanes(shape: shape, axis: axis)
                resultShape = shape
                if keepDims { resultShape[axis] = 1 } else { resultShape.remove(at: axis) }
            }
        } else {
            lanes = AxisLanes(count: count)
            resultShape = keepDims ? [Int](repeating: 1, count: rank) : []
        }
        if lanes.extent == 0 && lanes.laneCount > 0 && [.max, .min, .argmax, .argmin, .mean].contains(op) {
            let place = dim.map { "axis \($0) of shape \(Tensor.describe(shape))" } ?? "a tensor of shape \(Tensor.describe(shape))"
            throw TensorError("\(op.rawValue) of an empty axis: \(place) has no elements")
        }
        var out = [Float](repeating: 0, count: lanes.laneCount)
        let x = scalars
        for lane in 0..<lanes.laneCount {
            let start = lanes.start(ofLane: lane)
            let step = lanes.inner
            out[lane] = Tensor.reduceLane(op, extent: lanes.extent) { x[start + $0 * step] }
        }
        return Tensor(unchecked: resultShape, scalars: out)
    }

    /// One lane's reduction; `value(j)` reads its j-th element. The extent
    /// is non-zero for max, min, argmax, argmin (checked by the caller).
    private static func reduceLane(_ op: ReduceOp, extent: Int, _ value: (Int) -> Float) -> Float {
        switch op {
        case .sum, .mean, .norm:
            var sum = 0.0
            for j in 0..<extent {
                let v = Double(value(j))
                sum += op == .norm ? v * v : v
            }
            switch op {
            case .mean: return Float(sum / Double(extent))
            case .norm: return Float(sum.squareRoot())
            default: return Float(sum)
            }
        case .max, .min:
            var best = value(0)
            for j in 0..<extent {
                let v = value(j)
                // Once NaN, stay NaN: comparisons with NaN are all false.
                if v.isNaN { return v }
                if op == .max ? v > best : v < best { best = v }
            }
            return best
        case .argmax, .argmin:
            var bestIndex = 0
            var best = value(0)
            for j in 0..<extent {
                let v = value(j)
                if v.isNaN { return Float(j) }
                // Strict comparison keeps the first index on ties.
                if op == .argmax ? v > best : v < best {
                    best = v
                    bestIndex = j
                }
            }
            return Float(bestIndex)
        }
    }
}
