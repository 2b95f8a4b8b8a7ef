import AttnCore

/// The named tensors of a session, in the order they were first defined.
///
/// A value type: copying it for a statement is cheap (tensors share storage
/// until written), and a failed statement simply drops its copy.
public struct Workspace: Sendable, Equatable {
    /// Where a tensor came from, shown by `ls`.
    public enum Origin: String, Sendable, Equatable {
        case user
        case layerWeight = "layer weight"
        case trace
    }

    /// One named tensor and its origin.
    public struct Entry: Sendable, Equatable {
        public var tensor: Tensor
        public var origin: Origin

        public init(tensor: Tensor, origin: Origin) {
            self.tensor = tensor
            self.origin = origin
        }
    }

    public private(set) var names: [String] = []
    private var entries: [String: Entry] = [:]

    public init() {}

    public var isEmpty: Bool { names.isEmpty }

    /// The entry called `name`, if any.
    public func entry(_ name: String) -> Entry? { entries[name] }

    /// The tensor called `name`, if any.
    public subscript(_ name: String) -> Tensor? { entries[name]?.tensor }

    /// Defines or replaces `name`; a new name goes last, a replaced one keeps its place.
    public mutating func set(_ name: String, _ tensor: Tensor, origin: Origin = .user) {
        if entries[name] == nil { names.append(name) }
        entries[name] = Entry(tensor: tensor, origin: origin)
    }

    /// Replaces the tensor of an existing name, keeping its origin.
    public mutating func update(_ name: String, _ tensor: Tensor) {
        set(name, tensor, origin: entries[name]?.origin ?? .user)
    }

    /// Removes `name`; returns false when it was not defined.
    @discardableResult
    public mutating func remove(_ name: String) -> Bool {
        guard entries.removeValue(forKey: name) != nil else { return false }
        names.removeAll { $0 == name }
        return true
    }

    /// Every entry, in order.
    public var entriesInOrder: [(name: String, entry: Entry)] {
        names.compactMap { name in entries[name].map { (name, $0) } }
    }
}
