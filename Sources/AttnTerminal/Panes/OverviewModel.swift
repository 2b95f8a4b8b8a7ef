import AttnCore

/// The thumbnail under the overview's cursor: a layer and one of its heads.
public struct OverviewCursor: Sendable, Hashable {
    public var layer: Int
    public var head: Int

    public init(layer: Int = 0, head: Int = 0) {
        self.layer = layer
        self.head = head
    }
}

/// Everything the overview shows: the attention weights of every layer × head of a
/// model for one sentence, as plain values prepared by the caller.
///
/// `attention[l]` is P of layer l, [H, T, T] (rows are queries); every layer must
/// have the same H and T, or the overview draws only the layers that match the first.
/// `patterns[l][h]` is the strongest positional pattern of head h in layer l
/// (`PositionPattern.classify`); missing entries are shown as unknown.
public struct OverviewModel: Sendable, Equatable {
    /// The pane's title, e.g. `model · 6 layers × 12 heads · 9 tokens`.
    public var title: String
    /// Per layer, P [H, T, T].
    public var attention: [Tensor]
    /// The word pieces (the T tokens).
    public var tokens: [String]
    /// Per layer, per head, the strongest pattern.
    public var patterns: [[PositionPattern]]
    public var cursor: OverviewCursor

    public init(title: String = "", attention: [Tensor], tokens: [String] = [],
                patterns: [[PositionPattern]] = [], cursor: OverviewCursor = OverviewCursor()) {
        self.title = title
        self.attention = attention
        self.tokens = tokens
        self.patterns = patterns
        self.cursor = cursor
    }

    /// The shape [H, T, T] of the first layer, when it is one.
    private var firstShape: [Int]? {
        guard let first = attention.first, first.rank == 3, first.shape[1] == first.shape[2],
              !first.shape.contains(0) else { return nil }
        return first.shape
    }

    /// The layers drawn: the leading ones whose P has the first layer's shape.
    public var layerCount: Int {
        guard let shape = firstShape else { return 0 }
        return attention.prefix(while: { $0.shape == shape }).count
    }

    /// Heads per layer H (0 when there is nothing to draw).
    public var headCount: Int { layerCount > 0 ? firstShape?[0] ?? 0 : 0 }

    /// Tokens T (0 when there is nothing to draw).
    public var tokenCount: Int { layerCount > 0 ? firstShape?[1] ?? 0 : 0 }

    /// The cursor moved into the layers and heads.
    public func clamped(_ cursor: OverviewCursor) -> OverviewCursor {
        func clamp(_ value: Int, _ count: Int) -> Int { min(max(value, 0), max(count - 1, 0)) }
        return OverviewCursor(layer: clamp(cursor.layer, layerCount), head: clamp(cursor.head, headCount))
    }

    /// The strongest pattern of (layer, head), if known.
    public func pattern(layer: Int, head: Int) -> PositionPattern? {
        guard patterns.indices.contains(layer), patterns[layer].indices.contains(head) else { return nil }
        return patterns[layer][head]
    }
}
