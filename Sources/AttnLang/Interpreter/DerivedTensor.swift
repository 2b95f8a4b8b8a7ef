import AttnCore
import Synchronization

/// A tensor that is computed from a recipe the first time someone reads it,
/// then kept: how `run` stores the stages it does not hold (scores, scaled,
/// masked, each [H, Tq, Tk]; 1 GiB apiece at T=4096, H=16).
///
/// A reference type shared by every copy of the workspace, so a stage
/// computed once is computed for all of them. Reads are serialised: two
/// readers never compute the same tensor twice. A reader that wants one
/// element (the pane inspector) asks `element(at:)`, which uses the
/// computed tensor when there is one and otherwise the element recipe, so
/// one cell costs one dot product instead of the whole stage.
public final class DerivedTensor: Sendable {
    /// The shape the recipe gives, known without computing it (for `ls`).
    public let shape: [Int]
    private let recipe: @Sendable () throws -> Tensor
    private let elementRecipe: (@Sendable ([Int]) -> Float?)?
    private let cache = Mutex<Tensor?>(nil)

    /// A tensor of `shape` made by `recipe`; `element`, when given, computes the element at an
    /// index on its own (nil outside the shape).
    public init(shape: [Int], recipe: @escaping @Sendable () throws -> Tensor,
                element: (@Sendable ([Int]) -> Float?)? = nil) {
        self.shape = shape
        self.recipe = recipe
        self.elementRecipe = element
    }

    /// The element at `index` (one index per axis): read from the tensor when it has been
    /// computed, else from the element recipe, else by computing the tensor; nil outside the shape.
    public func element(at index: [Int]) throws -> Float? {
        guard index.count == shape.count, zip(index, shape).allSatisfy({ $0 >= 0 && $0 < $1 }) else { return nil }
        if let cached = cache.withLock({ $0 }) { return cached.shape == shape ? cached[index] : nil }
        if let elementRecipe { return elementRecipe(index) }
        let tensor = try value()
        return tensor.shape == shape ? tensor[index] : nil
    }

    /// An entry already computed (`computed`), which `release` may drop and
    /// a later read computes again from `recipe`, giving the same tensor.
    public init(computed: Tensor, recipe: @escaping @Sendable () throws -> Tensor) {
        self.shape = computed.shape
        self.recipe = recipe
        self.elementRecipe = nil
        cache.withLock { $0 = computed }
    }

    /// Drops the computed tensor; the next read computes it again.
    ///
    /// A `run` that replaces a trace releases the old P this way before it
    /// computes the new one, so the old buffer can be written again
    /// (`BufferPool`) while every copy of the old workspace (the session's,
    /// kept to undo a failing statement) still reads the same values.
    public func release() {
        var dropped = cache.withLock { cached in
            defer { cached = nil }
            return cached
        }
        dropped = nil
    }

    /// The tensor, computed now if it has not been yet.
    // The memory limit is lifted for the recipe: the run that made this entry
    // already checked the limit for a tensor of this shape (stage 8 has the
    // same one), and a later, lower `limit mem=` must not make an existing
    // name unreadable.
    public func value() throws -> Tensor {
        try cache.withLock { cached in
            if let cached { return cached }
            let tensor = try MemoryLimit.$scoped.withValue(Int.max) { try recipe() }
            cached = tensor
            return tensor
        }
    }

    /// Whether the tensor has been computed.
    public var isComputed: Bool { cache.withLock { $0 != nil } }
}
