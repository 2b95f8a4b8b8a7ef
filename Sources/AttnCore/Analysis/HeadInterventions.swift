/// What replaces some heads' outputs Z inside a model's whole forward pass:
/// ablated heads (`model ablate`) and patched heads (`model patch`).
///
/// For head h of layer l with output Z[h] [T, K]:
///
///     zero   Z[h] = 0
///     mean   Z[h][i, :] = (1/T) Σ_i' Z[h][i', :]     (its mean over positions)
///     patch  Z[h] = the same head's Z in another sentence's run (same T)
///
/// A head both patched and ablated is ablated (ablation is applied last).
public struct HeadInterventions: Sendable, Equatable {
    /// How an ablated head's output is replaced.
    public enum Mode: String, Sendable, CaseIterable {
        case zero, mean
    }

    public var ablated: Set<HeadAddress>
    public var mode: Mode
    /// Z [T, K] to put in place of each patched head's output.
    public var patches: [HeadAddress: Tensor]

    public init(ablated: Set<HeadAddress> = [], mode: Mode = .zero, patches: [HeadAddress: Tensor] = [:]) {
        self.ablated = ablated
        self.mode = mode
        self.patches = patches
    }

    /// No head is changed.
    public static let none = HeadInterventions()

    /// Whether nothing is changed.
    public var isEmpty: Bool { ablated.isEmpty && patches.isEmpty }

    /// The first layer whose output any intervention changes (nil when none does).
    public var firstLayer: Int? { (ablated.map(\.layer) + patches.keys.map(\.layer)).min() }

    /// Whether layer `layer` has a changed head.
    public func touches(layer: Int) -> Bool {
        ablated.contains { $0.layer == layer } || patches.keys.contains { $0.layer == layer }
    }

    /// These interventions with `heads` ablated too.
    public func ablating(_ heads: some Sequence<HeadAddress>) -> HeadInterventions {
        var copy = self
        copy.ablated.formUnion(heads)
        return copy
    }

    /// Applies the interventions of layer `layer` to its head outputs Z [H, T, K], in place.
    public func apply(layer: Int, to z: inout Tensor) throws {
        guard z.rank == 3 else { throw TensorError("head outputs must be [H, T, K], got \(Tensor.describe(z.shape))") }
        let (h, t, k) = (z.shape[0], z.shape[1], z.shape[2])
        for (address, patch) in patches where address.layer == layer {
            guard address.head < h else { throw TensorError("layer \(layer) has heads 0..\(h - 1), not \(address.head)") }
            guard patch.shape == [t, k] else {
                throw TensorError("the patch for head \(address) is \(Tensor.describe(patch.shape)), but this run needs [\(t), \(k)]")
            }
            for index in 0..<(t * k) { z.scalars[address.head * t * k + index] = patch.scalars[index] }
        }
        for address in ablated where address.layer == layer {
            guard address.head < h else { throw TensorError("layer \(layer) has heads 0..\(h - 1), not \(address.head)") }
            let base = address.head * t * k
            switch mode {
            case .zero:
                for index in 0..<(t * k) { z.scalars[base + index] = 0 }
            case .mean:
                for c in 0..<k {
                    var sum = 0.0
                    for i in 0..<t { sum += Double(z.scalars[base + i * k + c]) }
                    let mean = Float(sum / Double(t))
                    for i in 0..<t { z.scalars[base + i * k + c] = mean }
                }
            }
        }
    }

    /// `3.1 4.0 (mean)`, or `none`.
    public var description: String {
        guard !isEmpty else { return "none" }
        var parts: [String] = []
        if !ablated.isEmpty { parts.append("ablated " + ablated.sorted().map(\.description).joined(separator: " ") + " (\(mode.rawValue))") }
        if !patches.isEmpty { parts.append("patched " + patches.keys.sorted().map(\.description).joined(separator: " ")) }
        return parts.joined(separator: "; ")
    }
}
