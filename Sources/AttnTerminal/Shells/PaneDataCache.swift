import AttnCore
import Dispatch
import Synchronization

/// What the panes derive from whole tensors, kept from one redraw to the next: the grid's
/// aggregates (its range and block views), the mean over heads of P, the range of Z.
///
/// The pane controller holds one and passes it to `SessionScreen.model(..., cache:)` at every
/// redraw; a redraw whose tensors are the ones of the last redraw (a cursor key, `echo`, `ls`,
/// a statement on another layer) reuses what was derived, so it reads only the cells it draws.
/// A tensor is recognised by its storage, not by its values: the cache holds the tensor it
/// derived from, so that storage cannot be freed and reused while the entry lives, and a
/// tensor that was changed has new storage (copy on write). Copies of the controller share
/// one cache (a reference), which is safe because an entry only ever stands for its tensor.
public final class PaneDataCache: Sendable {
    private struct Entries: Sendable {
        var grid: (tensor: Tensor, mask: Tensor?, aggregates: GridAggregates)?
        var mean: (weights: Tensor, mean: Tensor)?
        var output: (tensor: Tensor, range: ClosedRange<Float>?)?
    }

    private let entries = Mutex(Entries())
    private let builds = Atomic<Int>(0)

    public init() {}

    /// How many times the grid's aggregates were made afresh (a test reads it).
    public var aggregateBuilds: Int { builds.load(ordering: .relaxed) }

    /// How many passes over a whole grid tensor the current aggregates have made (a test reads it).
    public var gridPasses: Int { entries.withLock { $0.grid?.aggregates.passCount ?? 0 } }

    /// Whether two arrays are the same storage (so the same values).
    static func sameStorage(_ a: [Float], _ b: [Float]) -> Bool {
        a.count == b.count && a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { x.baseAddress == $0.baseAddress } }
    }

    static func same(_ a: Tensor?, _ b: Tensor?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case let (x?, y?): return x.shape == y.shape && sameStorage(x.scalars, y.scalars)
        default: return false
        }
    }

    /// `model` with the aggregates of its tensor and mask: the ones kept from before when they are
    /// the same tensors, else new ones (computed when first read), which are kept instead.
    func attachAggregates(to model: inout GridPaneModel) {
        let tensor = model.tensor, mask = model.mask
        if let known = entries.withLock({ entries -> GridAggregates? in
            guard let grid = entries.grid, PaneDataCache.same(grid.tensor, tensor),
                  PaneDataCache.same(grid.mask, mask) else { return nil }
            return grid.aggregates
        }) {
            model.shared.aggregates = known
            return
        }
        let made = GridValues(model).aggregates
        builds.add(1, ordering: .relaxed)
        model.shared.aggregates = made
        let old = entries.withLock { entries in
            defer { entries.grid = (tensor, mask, made) }
            return entries.grid
        }
        // The old entry may hold the last reference to a 1 GiB P no longer in the workspace:
        // unmapping it takes the kernel tens of ms, so it is dropped on a worker thread.
        if let old { DispatchQueue.global(qos: .utility).async { withExtendedLifetime(old) {} } }
    }

    /// The mean over heads of `weights`, made by `make` once per tensor.
    func mean(of weights: Tensor, make: () -> Tensor?) -> Tensor? {
        if let known = entries.withLock({ entries -> Tensor? in
            guard let mean = entries.mean, PaneDataCache.same(mean.weights, weights) else { return nil }
            return mean.mean
        }) { return known }
        guard let made = make() else { return nil }
        entries.withLock { $0.mean = (weights, made) }
        return made
    }

    /// The range of the finite values of `tensor` (the output pane's colour scale), once per tensor.
    func finiteRange(of tensor: Tensor) -> ClosedRange<Float>? {
        if let known = entries.withLock({ entries -> ClosedRange<Float>?? in
            guard let output = entries.output, PaneDataCache.same(output.tensor, tensor) else { return nil }
            return .some(output.range)
        }) { return known }
        let range = OutputPaneModel.finiteRange(of: tensor)
        entries.withLock { $0.output = (tensor, range) }
        return range
    }
}
