#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// An elementwise operator of two tensors, applied with numpy broadcasting.
public enum BinaryOp: String, Sendable, CaseIterable {
    case add, sub, mul, div, pow, lt, le, gt, ge, eq, ne

    /// The operator as written in the language: `+`, `**`, `<=`, ...
    public var symbol: String {
        switch self {
        case .add: "+"
        case .sub: "-"
        case .mul: "*"
        case .div: "/"
        case .pow: "**"
        case .lt: "<"
        case .le: "<="
        case .gt: ">"
        case .ge: ">="
        case .eq: "=="
        case .ne: "!="
        }
    }

    /// Applies the operator to two floats. Division by zero and `pow` follow
    /// IEEE 754 (inf / nan), as numpy float32 does; comparisons give 1 or 0
    /// (every comparison with NaN is false except `!=`).
    @inline(__always)
    public func apply(_ x: Float, _ y: Float) -> Float {
        switch self {
        case .add: x + y
        case .sub: x - y
        case .mul: x * y
        case .div: x / y
        case .pow: powf(x, y)
        case .lt: x < y ? 1 : 0
        case .le: x <= y ? 1 : 0
        case .gt: x > y ? 1 : 0
        case .ge: x >= y ? 1 : 0
        case .eq: x == y ? 1 : 0
        case .ne: x != y ? 1 : 0
        }
    }
}

/// An elementwise function of one tensor.
public enum UnaryOp: String, Sendable, CaseIterable {
    case neg, exp, log, sqrt, abs, tanh, relu, gelu

    /// Applies the function to one float.
    ///
    /// gelu is the exact form: gelu(x) = 0.5 · x · (1 + erf(x / √2)).
    /// relu(x) = max(x, 0), keeping NaN as numpy's `maximum` does.
    @inline(__always)
    public func apply(_ x: Float) -> Float {
        switch self {
        case .neg: -x
        case .exp: expf(x)
        case .log: logf(x)
        case .sqrt: x.squareRoot()
        case .abs: Swift.abs(x)
        case .tanh: tanhf(x)
        case .relu: x > 0 || x.isNaN ? x : 0
        case .gelu:
            // Computed in Double: erf near its saturation and the product with
            // a large x lose less precision there, then round once.
            Float(0.5 * Double(x) * (1 + erf(Double(x) / 2.0.squareRoot())))
        }
    }
}

extension Tensor {
    /// The numpy broadcast of two shapes: trailing axes are aligned, and an
    /// extent of 1 stretches to the other extent.
    /// `[2, 1, 3]` with `[4, 1]` gives `[2, 4, 3]`; `[2, 3]` with `[4]` fails.
    public static func broadcastShape(_ a: [Int], _ b: [Int], operation: String) throws -> [Int] {
        let rank = Swift.max(a.count, b.count)
        var result = [Int](repeating: 1, count: rank)
        for axis in 0..<rank {
            let x = axis < rank - a.count ? 1 : a[axis - (rank - a.count)]
            let y = axis < rank - b.count ? 1 : b[axis - (rank - b.count)]
            if x == y || y == 1 {
                result[axis] = x
            } else if x == 1 {
                result[axis] = y
            } else {
                throw TensorError.shapeMismatch(operation, a, b)
            }
        }
        return result
    }

    /// Strides that read a tensor of `shape` as if it had `target` shape:
    /// leading axes added and stretched axes get stride 0. The result has
    /// `target.count` entries; `shape` must broadcast to `target`.
    static func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
        let own = strides(for: shape)
        let lead = target.count - shape.count
        return (0..<target.count).map { axis in
            axis < lead || shape[axis - lead] == 1 ? 0 : own[axis - lead]
        }
    }

    /// Visits every element of `shape` in row-major order, passing its flat
    /// position and the matching offsets into operands read through
    /// `operandStrides` (one stride list of `shape.count` entries per operand).
    static func forEachBroadcast(
        _ shape: [Int], _ operandStrides: [[Int]],
        _ body: (_ position: Int, _ offsets: [Int]) -> Void
    ) {
        // Pad to rank 4 so that four plain loops cover every rank.
        let pad = maxRank - shape.count
        let extents = [Int](repeating: 1, count: pad) + shape
        let padded = operandStrides.map { [Int](repeating: 0, count: pad) + $0 }
        var offsets = [Int](repeating: 0, count: padded.count)
        var position = 0
        for i0 in 0..<extents[0] {
            for i1 in 0..<extents[1] {
                for i2 in 0..<extents[2] {
                    for i3 in 0..<extents[3] {
                        for operand in 0..<padded.count {
                            let s = padded[operand]
                            offsets[operand] = i0 * s[0] + i1 * s[1] + i2 * s[2] + i3 * s[3]
                        }
                        body(position, offsets)
                        position += 1
                    }
                }
            }
        }
    }

    /// This tensor broadcast to `shape` and materialised; an error when the
    /// shapes are not compatible or `shape` is not the broadcast result.
    public func broadcast(to shape: [Int]) throws -> Tensor {
        let combined = try? Tensor.broadcastShape(self.shape, shape, operation: "broadcast")
        guard combined == shape else { throw TensorError("cannot broadcast \(Tensor.describe(self.shape)) to \(Tensor.describe(shape))") }
        if self.shape == shape { return self }
        let count = try Tensor.elementCount(of: shape)
        try MemoryLimit.check(shape: shape)
        var out = [Float](repeating: 0, count: count)
        let source = scalars
        Tensor.forEachBroadcast(shape, [Tensor.broadcastStrides(self.shape, to: shape)]) { position, offsets in
            out[position] = source[offsets[0]]
        }
        return Tensor(unchecked: shape, scalars: out)
    }

    /// `a op b` elementwise with numpy broadcasting. A shape error names the
    /// operator and both shapes.
    public static func binary(_ op: BinaryOp, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        let shape = try broadcastShape(a.shape, b.shape, operation: "`\(op.symbol)`")
        let count = try elementCount(of: shape)
        try MemoryLimit.check(shape: shape)
        let x = a.scalars, y = b.scalars
        // Common cases first: same shape, or one side a single value.
        if a.shape == b.shape {
            var out = [Float](repeating: 0, count: count)
            // In chunks of 2^20 elements (a few ms each), so Ctrl-C can stop a huge one.
            for chunk in stride(from: 0, to: count, by: 1 << 20) {
                try Cancellation.check()
                for i in chunk..<min(chunk + (1 << 20), count) { out[i] = op.apply(x[i], y[i]) }
            }
            return Tensor(unchecked: shape, scalars: out)
        }
        if b.count == 1 && shape == a.shape {
            let value = y[0]
            return Tensor(unchecked: shape, scalars: x.map { op.apply($0, value) })
        }
        if a.count == 1 && shape == b.shape {
            let value = x[0]
            return Tensor(unchecked: shape, scalars: y.map { op.apply(value, $0) })
        }
        var out = [Float](repeating: 0, count: count)
        let strideSets = [broadcastStrides(a.shape, to: shape), broadcastStrides(b.shape, to: shape)]
        forEachBroadcast(shape, strideSets) { position, offsets in
            out[position] = op.apply(x[offsets[0]], y[offsets[1]])
        }
        return Tensor(unchecked: shape, scalars: out)
    }

    /// `where(condition, a, b)`: a where the condition is non-zero, else b,
    /// all three broadcast together (NaN counts as non-zero, as in numpy).
    public static func select(_ condition: Tensor, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        guard let partial = try? broadcastShape(condition.shape, a.shape, operation: "where"),
              let shape = try? broadcastShape(partial, b.shape, operation: "where") else {
            throw TensorError("shape mismatch in `where`: condition \(describe(condition.shape)), values \(describe(a.shape)) and \(describe(b.shape))")
        }
        let count = try elementCount(of: shape)
        try MemoryLimit.check(shape: shape)
        var out = [Float](repeating: 0, count: count)
        let c = condition.scalars, x = a.scalars, y = b.scalars
        let strideSets = [condition, a, b].map { broadcastStrides($0.shape, to: shape) }
        forEachBroadcast(shape, strideSets) { position, offsets in
            out[position] = c[offsets[0]] != 0 ? x[offsets[1]] : y[offsets[2]]
        }
        return Tensor(unchecked: shape, scalars: out)
    }

    /// The function applied to every element; the shape is unchanged.
    public func map(_ op: UnaryOp) -> Tensor {
        Tensor(unchecked: shape, scalars: scalars.map { op.apply($0) })
    }
}
