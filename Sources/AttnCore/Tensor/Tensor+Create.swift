#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// Tensors made from a shape and a rule, as the language's creation
/// functions (`zeros`, `eye`, `linspace`, `randn`, ...) need them. Every
/// shape is checked against the rank and the memory limit before allocation.
extension Tensor {
    /// All zeros.
    public static func zeros(_ shape: [Int]) throws -> Tensor {
        try Tensor(shape: shape, repeating: 0)
    }

    /// All ones.
    public static func ones(_ shape: [Int]) throws -> Tensor {
        try Tensor(shape: shape, repeating: 1)
    }

    /// Every element `value`.
    public static func full(_ value: Float, _ shape: [Int]) throws -> Tensor {
        try Tensor(shape: shape, repeating: value)
    }

    /// The [n, n] identity matrix.
    public static func eye(_ n: Int) throws -> Tensor {
        var result = try Tensor(shape: [n, n], repeating: 0)
        for i in 0..<n { result.scalars[i * n + i] = 1 }
        return result
    }

    /// [0, 1, ..., n-1] (empty for n ≤ 0, as numpy).
    public static func arange(_ n: Int) throws -> Tensor {
        var result = try Tensor(shape: [Swift.max(n, 0)], repeating: 0)
        for i in 0..<result.count { result.scalars[i] = Float(i) }
        return result
    }

    /// start, start + step, ... while short of stop (numpy `arange`): the
    /// count is ceil((stop - start) / step), at least 0; values are computed
    /// in Double as start + i · step and then rounded to Float.
    public static func arange(start: Float, stop: Float, step: Float) throws -> Tensor {
        guard step != 0 else { throw TensorError("arange step cannot be zero") }
        let span = (Double(stop) - Double(start)) / Double(step)
        guard span.isFinite else {
            throw TensorError("arange(\(start), \(stop), \(step)) does not have a finite number of values")
        }
        let steps = Swift.max(span.rounded(.up), 0)
        guard steps < Double(Int.max / MemoryLayout<Float>.size) else {
            throw TensorError("arange(\(start), \(stop), \(step)) has too many values")
        }
        var result = try Tensor(shape: [Int(steps)], repeating: 0)
        for i in 0..<result.count {
            result.scalars[i] = Float(Double(start) + Double(i) * Double(step))
        }
        return result
    }

    /// n evenly spaced values from a to b inclusive (numpy `linspace`):
    /// x[i] = a + i · (b - a) / (n - 1), with x[n-1] = b exactly; n = 1 gives [a].
    public static func linspace(_ a: Float, _ b: Float, _ n: Int) throws -> Tensor {
        guard n >= 0 else { throw TensorError("linspace needs a number of values of 0 or more, got \(n)") }
        var result = try Tensor(shape: [n], repeating: 0)
        guard n > 0 else { return result }
        let step = n > 1 ? (Double(b) - Double(a)) / Double(n - 1) : 0
        for i in 0..<n { result.scalars[i] = Float(Double(a) + Double(i) * step) }
        if n > 1 { result.scalars[n - 1] = b }
        return result
    }

    /// The [n, n] causal mask: 1 where key j ≤ query i, else 0.
    public static func causal(_ n: Int) throws -> Tensor {
        var result = try Tensor(shape: [n, n], repeating: 0)
        for i in 0..<n {
            for j in 0...i { result.scalars[i * n + j] = 1 }
        }
        return result
    }

    /// The sinusoidal position table, [T, d] (docs/reference.md §3.4):
    /// PE[p, 2i] = sin(p / 10000^(2i/d)), PE[p, 2i+1] = cos(p / 10000^(2i/d)).
    // Computed in Double: p / 10000^(2i/d) grows with p, and float32 sin of a
    // large argument loses most of its digits.
    public static func sinusoidal(_ t: Int, _ d: Int) throws -> Tensor {
        var result = try Tensor(shape: [t, d], repeating: 0)
        for p in 0..<t {
            for column in 0..<d {
                let pair = Double(column - column % 2)   // 2i
                let angle = Double(p) / pow(10000.0, pair / Double(d))
                result.scalars[p * d + column] = Float(column % 2 == 0 ? sin(angle) : cos(angle))
            }
        }
        return result
    }

    /// Standard normal values, drawn in row-major order by `rng.nextNormal()`.
    public static func randn(_ shape: [Int], using rng: inout RandomSource) throws -> Tensor {
        var result = try Tensor(shape: shape, repeating: 0)
        for i in 0..<result.count { result.scalars[i] = rng.nextNormal() }
        return result
    }

    /// Uniform values in [0, 1), drawn in row-major order by `rng.nextUniform()`.
    public static func rand(_ shape: [Int], using rng: inout RandomSource) throws -> Tensor {
        var result = try Tensor(shape: shape, repeating: 0)
        for i in 0..<result.count { result.scalars[i] = rng.nextUniform() }
        return result
    }

    /// Glorot (Xavier) uniform [rows, cols]: U(-a, a) with a = √(6 / (rows + cols)),
    /// each element (2u - 1) · a for u = `rng.nextUniform()`, in row-major order.
    public static func xavier(_ rows: Int, _ cols: Int, using rng: inout RandomSource) throws -> Tensor {
        var result = try Tensor(shape: [rows, cols], repeating: 0)
        guard result.count > 0 else { return result }
        // Summed in Double: the extents are user numbers and Int could overflow.
        let bound = (6 / (Double(rows) + Double(cols))).squareRoot()
        for i in 0..<result.count {
            result.scalars[i] = Float((2 * Double(rng.nextUniform()) - 1) * bound)
        }
        return result
    }
}
