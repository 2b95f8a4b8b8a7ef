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
/// and shown as a dash. `axes` says what the cell's row and column stand for: a query and a key
/// for scores … P (the fields from `rawScore` on), a token and a feature for X, Q, K, V, Z,
/// concat and out, an input and an output feature for a weight matrix, else a row and a column;
/// for all but the first the cell is `tensorName[index] = value`.
public struct InspectorModel: Sendable, Equatable {
    /// What a cell's row and column stand for.
    public enum Axes: Sendable, Equatable {
        /// Query × key (stages scores, scaled, masked, P, a mean of P, the mask).
        case queryKey
        /// Token × feature (X, Q, K, V, Z, concat, out).
        case tokenFeature
        /// Input feature × output feature (Wq, Wk, Wv, Wo).
        case inputOutput
        /// Any other tensor: row × column.
        case rowColumn
    }

    public var axes: Axes = .queryKey
    /// The tensor shown, e.g. `attn.Q` (for axes other than query × key).
    public var tensorName = ""
    /// The cell's index in `tensorName`.
    public var index: [Int] = []
    /// The cell's value (for axes other than query × key).
    public var value: Float?
    /// What the column means beyond its number, e.g. `head 1 · feature 3` for a column of Wq.
    public var columnMeaning: String?
    /// How the value is made, one line, e.g. `= X row "the" · attn.Wq column 7`.
    public var derivation: String?
    /// The ALiBi bias −m_h·|i − j| that stage 6 adds, when posenc=alibi.
    public var alibiBias: Float?
    /// Whether the stored score, scaled score or weight is not what its formula gives (an edit).
    public var scoreEdited = false
    public var scaledEdited = false
    public var weightEdited = false

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
