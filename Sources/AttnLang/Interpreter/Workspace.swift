import AttnCore

/// The named tensors of a session, in the order they were first defined.
///
/// A value type: copying it for a statement is cheap (tensors share storage
/// until written), and a failed statement simply drops its copy. An entry
/// either holds its tensor or derives it on first read (`DerivedTensor`);
/// reading through `workspace[name]` gives the tensor either way.
public struct Workspace: Sendable, Equatable {
    /// Where a tensor came from, shown by `ls`.
    public enum Origin: String, Sendable, Equatable {
        case user
        case layerWeight = "layer weight"
        case trace
        /// A stage kept by `snapshot NAME`.
        case snapshot
    }

    /// One named tensor and its origin.
    public struct Entry: Sendable, Equatable {
        private enum Content: Sendable {
            case stored(Tensor)
            case derived(DerivedTensor)
        }

        private var content: Content
        public var origin: Origin

        public init(tensor: Tensor, origin: Origin) {
            self.content = .stored(tensor)
            self.origin = origin
        }

        public init(derived: DerivedTensor, origin: Origin) {
            self.content = .derived(derived)
            self.origin = origin
        }

        /// The tensor; a derived one is computed on first read.
        // A derived tensor's recipe only fails when its inputs are broken,
        // which `run` rules out before it makes the entry; `try?` keeps this
        // property non-throwing, and a failure reads as a missing name.
        public var tensor: Tensor? {
            switch content {
            case .stored(let tensor): tensor
            case .derived(let derived): try? derived.value()
            }
        }

        /// The shape, without computing a derived tensor.
        public var shape: [Int] {
            switch content {
            case .stored(let tensor): tensor.shape
            case .derived(let derived): derived.shape
            }
        }

        /// The element at `index` (one index per axis), nil outside the shape; a derived tensor
        /// not yet computed gives it without being computed when its recipe can.
        public func element(at index: [Int]) -> Float? {
            switch content {
            case .stored(let tensor):
                guard index.count == tensor.rank,
                      zip(index, tensor.shape).allSatisfy({ $0 >= 0 && $0 < $1 }) else { return nil }
                return tensor[index]
            case .derived(let derived):
                return try? derived.element(at: index)
            }
        }

        /// Whether the tensor is derived on demand rather than held.
        public var isDerived: Bool {
            if case .derived = content { return true }
            return false
        }

        /// The recipe object of a derived entry, nil for a held tensor.
        public var derived: DerivedTensor? {
            if case .derived(let derived) = content { return derived }
            return nil
        }

        /// Whether the tensor is derived and has not been computed yet.
        public var isPending: Bool {
            if case .derived(let derived) = content { return !derived.isComputed }
            return false
        }

        public static func == (a: Entry, b: Entry) -> Bool {
            guard a.origin == b.origin else { return false }
            if case .derived(let x) = a.content, case .derived(let y) = b.content, x === y { return true }
            return a.shape == b.shape && a.tensor == b.tensor
        }
    }

    public private(set) var names: [String] = []
    private var entries: [String: Entry] = [:]

    public init() {}

    public var isEmpty: Bool { names.isEmpty }

    /// Whether `name` is defined (a derived entry is not computed).
    public func contains(_ name: String) -> Bool { entries[name] != nil }

    /// The entry called `name`, if any.
    public func entry(_ name: String) -> Entry? { entries[name] }

    /// The tensor called `name`, if any (a derived one is computed now).
    public subscript(_ name: String) -> Tensor? { entries[name]?.tensor }

    /// One element of the tensor called `name` (nil when there is no such name or the index is
    /// outside its shape); a derived tensor is not computed for it when its recipe can help it.
    public func element(_ name: String, at index: [Int]) -> Float? { entries[name]?.element(at: index) }

    /// Defines or replaces `name`; a new name goes last, a replaced one keeps its place.
    public mutating func set(_ name: String, _ tensor: Tensor, origin: Origin = .user) {
        define(name, Entry(tensor: tensor, origin: origin))
    }

    /// Defines or replaces `name` with a tensor computed when first read.
    public mutating func set(_ name: String, derived: DerivedTensor, origin: Origin = .trace) {
        define(name, Entry(derived: derived, origin: origin))
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

    private mutating func define(_ name: String, _ entry: Entry) {
        if entries[name] == nil { names.append(name) }
        entries[name] = entry
    }
}
