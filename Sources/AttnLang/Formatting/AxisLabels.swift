import AttnCore

/// The labels of a tensor's axes: for each axis, a name for each position, or none.
///
/// A trace tensor's axes are labelled by what they are (docs/reference.md §2.6): heads
/// (`head 0`, `kv head 1`), query tokens, key tokens; feature axes have none and show their
/// indices. An index or slice of a labelled tensor keeps the labels of the axes it keeps, at the
/// positions it keeps: `attn.P[1:3, 2]` is [2, Tk] with the heads `head 1`, `head 2` and the key
/// tokens across.
public struct AxisLabels: Sendable, Equatable {
    /// One entry per axis: the label of each position, or nil for plain indices.
    public var axes: [[String]?]

    public init(_ axes: [[String]?]) {
        self.axes = axes
    }

    /// The labels of stage `stage`'s tensor of `shape`, for a trace with `config` and these
    /// token labels (empty when unknown).
    public static func stage(_ stage: AttentionStage, shape: [Int], config: LayerConfig,
                             queryLabels: [String], keyLabels: [String]) -> AxisLabels {
        let headWord = (stage == .k || stage == .v) && config.kvHeads != config.heads ? "kv head" : "head"
        let rows: [String], columns: [String]
        switch stage {
        case .k, .v: (rows, columns) = (keyLabels, [])
        case .scores, .scaled, .masked, .p: (rows, columns) = (queryLabels, keyLabels)
        default: (rows, columns) = (queryLabels, [])
        }
        return grid(shape: shape, leading: headWord, rows: rows, columns: columns)
    }

    /// The labels of a rank-2 or rank-3 tensor of `shape` whose last two axes are `rows` ×
    /// `columns` and whose leading axis, if any, counts `leading` (`head 0`, `head 1`, ...).
    public static func grid(shape: [Int], leading: String, rows: [String], columns: [String]) -> AxisLabels {
        func fitted(_ labels: [String], _ extent: Int) -> [String]? {
            labels.count == extent && !labels.isEmpty ? labels : nil
        }
        switch shape.count {
        case 2: return AxisLabels([fitted(rows, shape[0]), fitted(columns, shape[1])])
        case 3: return AxisLabels([(0..<shape[0]).map { "\(leading) \($0)" }, fitted(rows, shape[1]), fitted(columns, shape[2])])
        default: return AxisLabels(Array(repeating: nil, count: shape.count))
        }
    }

    /// The labels of workspace tensor `name` when it is a trace tensor: a computed stage (or the
    /// mask) of a layer or of a snapshot; nil for any other name.
    public static func traceTensor(_ name: String, shape: [Int], in state: SessionState) -> AxisLabels? {
        for layer in state.layers.values where layer.computed > 0 && name.hasPrefix(layer.name + ".") {
            let suffix = String(name.dropFirst(layer.name.count + 1))
            if let labels = traceLabels(suffix, shape: shape, computed: layer.computed, config: layer.config,
                                        queryLabels: layer.queryLabels, keyLabels: layer.keyLabels) {
                return labels
            }
        }
        for snapshot in state.snapshots.values where name.hasPrefix(snapshot.name + ".") {
            let suffix = String(name.dropFirst(snapshot.name.count + 1))
            if let labels = traceLabels(suffix, shape: shape, computed: snapshot.computed, config: snapshot.config,
                                        queryLabels: snapshot.queryLabels, keyLabels: snapshot.keyLabels) {
                return labels
            }
        }
        return nil
    }

    /// The labels of the trace tensor `suffix` (`P`, `mask`) of a trace computed to `computed`.
    private static func traceLabels(_ suffix: String, shape: [Int], computed: Int, config: LayerConfig,
                                    queryLabels: [String], keyLabels: [String]) -> AxisLabels? {
        if suffix == "mask" {
            return grid(shape: shape, leading: "head", rows: queryLabels, columns: keyLabels)
        }
        guard let stage = AttentionStage(name: suffix), stage.number <= computed else { return nil }
        return self.stage(stage, shape: shape, config: config, queryLabels: queryLabels, keyLabels: keyLabels)
    }

    /// The labels of `tensor[items]` for a tensor of `shape` labelled by `self`: the axes the
    /// index keeps, each at the positions it keeps.
    public func indexed(_ items: [TensorIndex], shape: [Int]) throws -> AxisLabels {
        let kept = try TensorIndex.keptPositions(items, shape: shape)
        var result: [[String]?] = []
        for (axis, positions) in kept.enumerated() {
            guard let positions else { continue }
            let labels = axis < axes.count ? axes[axis] : nil
            result.append(labels.map { labels in positions.map { $0 < labels.count ? labels[$0] : String($0) } })
        }
        return AxisLabels(result)
    }

    /// The labels down the side and across the top of a grid of this tensor: a rank-1 tensor is
    /// one row (its labels across), rank 2 rows × columns, rank 3 its last two axes. Empty
    /// arrays stand for indices.
    public var gridLabels: (rows: [String], columns: [String]) {
        switch axes.count {
        case 1: return ([], axes[0] ?? [])
        case 2: return (axes[0] ?? [], axes[1] ?? [])
        case 3: return (axes[1] ?? [], axes[2] ?? [])
        default: return ([], [])
        }
    }
}
