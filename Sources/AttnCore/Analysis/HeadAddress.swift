/// One attention head of a model: its layer and its head number, written `L.H`.
public struct HeadAddress: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var layer: Int
    public var head: Int

    public init(layer: Int, head: Int) {
        self.layer = layer
        self.head = head
    }

    /// `1.0` → layer 1, head 0; nil unless the text is two non-negative numbers around a dot.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let layer = Int(parts[0]), let head = Int(parts[1]), layer >= 0, head >= 0 else {
            return nil
        }
        self.init(layer: layer, head: head)
    }

    public var description: String { "\(layer).\(head)" }

    public static func < (a: HeadAddress, b: HeadAddress) -> Bool {
        (a.layer, a.head) < (b.layer, b.head)
    }

    /// Every head of a model of `layers` × `heads`, layer by layer.
    public static func all(layers: Int, heads: Int) -> [HeadAddress] {
        (0..<layers).flatMap { layer in (0..<heads).map { HeadAddress(layer: layer, head: $0) } }
    }
}
