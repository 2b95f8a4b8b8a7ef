/// A float32 array of rank 0 to 4, stored contiguously in row-major order.
///
/// Glossary used in shape comments across attnsh:
/// T = tokens, Tq / Tk = query / key tokens, D = d_model, H = heads,
/// G = key/value heads, K = d_head.
///
/// `Tensor` is a value type: copies share storage until one is written
/// (Swift arrays are copy-on-write), so a failed statement that worked on a
/// copy leaves the original untouched.
public struct Tensor: Sendable, Equatable {
    /// The largest rank attnsh accepts (docs/reference.md §2.3).
    public static let maxRank = 4

    /// Extent of each axis, outermost first. Empty for a scalar.
    public private(set) var shape: [Int]
    /// The elements in row-major order; `scalars.count == shape.product`.
    public var scalars: [Float]

    /// Makes a tensor from a shape and its row-major elements, checking that
    /// they agree, the rank, and the memory limit.
    public init(shape: [Int], scalars: [Float]) throws {
        let count = try Tensor.elementCount(of: shape)
        guard count == scalars.count else {
            throw TensorError("\(scalars.count) values do not fill shape \(Tensor.describe(shape)) (needs \(count))")
        }
        try MemoryLimit.check(shape: shape)
        self.shape = shape
        self.scalars = scalars
    }

    /// Makes a tensor of `shape` with every element `value`, after checking
    /// the rank and the memory limit.
    public init(shape: [Int], repeating value: Float) throws {
        let count = try Tensor.elementCount(of: shape)
        try MemoryLimit.check(shape: shape)
        self.shape = shape
        self.scalars = [Float](repeating: value, count: count)
    }

    /// A rank-0 tensor holding one value.
    public init(_ value: Float) {
        self.shape = []
        self.scalars = [value]
    }

    /// A rank-1 tensor of the given values.
    public init(_ values: [Float]) {
        self.shape = [values.count]
        self.scalars = values
    }

    /// Makes a tensor without checks; the caller guarantees
    /// `scalars.count == product(shape)` and `shape.count <= maxRank`.
    public init(unchecked shape: [Int], scalars: [Float]) {
        assert(shape.reduce(1, *) == scalars.count && shape.count <= Tensor.maxRank)
        self.shape = shape
        self.scalars = scalars
    }

    public var rank: Int { shape.count }
    public var count: Int { scalars.count }
    public var isScalar: Bool { shape.isEmpty }

    /// Row-major strides, in elements: strides[i] = product(shape[i+1...]).
    public var strides: [Int] { Tensor.strides(for: shape) }

    /// The single value of a tensor with one element (any rank).
    public var scalarValue: Float? { scalars.count == 1 ? scalars[0] : nil }

    /// The element at a full multi-index (no bounds normalisation: callers
    /// pass indices already in range).
    public subscript(_ index: [Int]) -> Float {
        get { scalars[Tensor.offset(of: index, strides: strides)] }
        set { scalars[Tensor.offset(of: index, strides: strides)] = newValue }
    }

    /// Replaces the shape, keeping the elements; the counts must agree.
    public mutating func reshapeInPlace(_ newShape: [Int]) throws {
        let count = try Tensor.elementCount(of: newShape)
        guard count == scalars.count else {
            throw TensorError("cannot reshape \(Tensor.describe(shape)) (\(scalars.count) values) to \(Tensor.describe(newShape)) (\(count) values)")
        }
        // Reshaping shares the elements, so only an empty shape's span is checked.
        if count == 0 { try MemoryLimit.check(shape: newShape) }
        shape = newShape
    }
}

extension Tensor {
    /// Row-major strides for `shape`.
    public static func strides(for shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var running = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[axis] = running
            running *= shape[axis]
        }
        return strides
    }

    /// The flat offset of a multi-index.
    public static func offset(of index: [Int], strides: [Int]) -> Int {
        var offset = 0
        for axis in 0..<index.count { offset += index[axis] * strides[axis] }
        return offset
    }

    /// The number of elements of `shape`, rejecting negative extents, ranks
    /// above four, and products that overflow.
    public static func elementCount(of shape: [Int]) throws -> Int {
        guard shape.count <= maxRank else {
            throw TensorError("rank \(shape.count) is above the maximum of \(maxRank) (shape \(describe(shape)))")
        }
        var count = 1
        for extent in shape {
            guard extent >= 0 else { throw TensorError("negative extent \(extent) in shape \(describe(shape))") }
            let (product, overflow) = count.multipliedReportingOverflow(by: extent)
            guard !overflow else { throw TensorError("shape \(describe(shape)) has too many elements") }
            count = product
        }
        return count
    }

    /// A shape as users see it: `[2, 3]`, or `[]` for a scalar.
    public static func describe(_ shape: [Int]) -> String {
        "[" + shape.map(String.init).joined(separator: ", ") + "]"
    }

    /// Normalises a possibly negative axis against `rank`, numpy style.
    public static func normalizeAxis(_ axis: Int, rank: Int) throws -> Int {
        let normalized = axis < 0 ? axis + rank : axis
        guard normalized >= 0 && normalized < max(rank, 1) else {
            throw TensorError("dim \(axis) is out of range for a tensor of rank \(rank)")
        }
        return normalized
    }
}
