/// One key and its weight, for the inspector's "top keys" line.
public struct KeyWeight: Sendable, Equatable {
    public var label: String
    public var weight: Float

    public init(label: String, weight: Float) {
        self.label = label
        self.weight = weight
    }
}

/// What the inspector says about the cell under the cursor: plain values the caller computes.
///
/// Values that are not computed yet (the trace stopped before their stage) are nil
/// and shown as a dash.
public struct InspectorModel: Sendable, Equatable {
    public var head: Int
    public var queryLabel: String
    public var queryPosition: Int
    public var keyLabel: String
    public var keyPosition: Int
    /// q·k, stage 5.
    public var rawScore: Float?
    /// The scale applied in stage 6 (1/√K by default).
    public var scale: Float?
    /// K, to write the default scale as `×1/√K`; nil writes the number.
    public var headDim: Int?
    /// Stage 6.
    public var scaledScore: Float?
    /// Stage 8.
    public var weight: Float?
    /// Whether the mask blocks this key for this query.
    public var isMasked: Bool
    /// The row's largest weights, largest first.
    public var topKeys: [KeyWeight]

    public init(head: Int, queryLabel: String, queryPosition: Int, keyLabel: String, keyPosition: Int,
                rawScore: Float? = nil, scale: Float? = nil, headDim: Int? = nil, scaledScore: Float? = nil,
                weight: Float? = nil, isMasked: Bool = false, topKeys: [KeyWeight] = []) {
        self.head = head
        self.queryLabel = queryLabel
        self.queryPosition = queryPosition
        self.keyLabel = keyLabel
        self.keyPosition = keyPosition
        self.rawScore = rawScore
        self.scale = scale
        self.headDim = headDim
        self.scaledScore = scaledScore
        self.weight = weight
        self.isMasked = isMasked
        self.topKeys = topKeys
    }
}
