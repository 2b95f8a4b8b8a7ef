import AttnCore
import AttnLang

/// The inspector's model: the cursor's cell read back from the layer's trace tensors.
extension SessionScreen {
    /// What the inspector says about the cursor's cell of the grid, by what the grid shows: a
    /// stage of the current layer (query × key for scores … P, token × feature for X, Q, K, V, Z,
    /// concat and out), one of its weight matrices (input × output), `view mean` (query × key),
    /// or any other tensor (row × column).
    static func inspector(subject: PaneScreenState.Subject, layer: LayerState?, state: SessionState,
                          grid: GridPaneModel) -> InspectorModel? {
        var tensorName = ""
        var stage: AttentionStage?
        switch subject {
        case .layer:
            guard let layer, let shown = gridStage(of: layer) else { return valueInspector(grid: grid) }
            stage = shown
            tensorName = shown.tensorName(layer: layer.name)
        case .tensor(let name):
            tensorName = name
            if let layer, name.hasPrefix(layer.name + ".") {
                let suffix = String(name.dropFirst(layer.name.count + 1))
                stage = AttentionStage(name: suffix)
                if stage == nil, LayerWeights.matrixSuffixes.contains(suffix) {
                    return weightInspector(suffix: suffix, name: name, layer: layer, grid: grid)
                }
                if stage == nil, suffix == "mask" {
                    return queryKeyValue(grid: grid, name: name)
                }
            }
        case .mean:
            return queryKeyValue(grid: grid, name: "mean of P over heads")
        case .overview:
            return nil
        case .value(let viewed):
            return valueInspector(grid: grid, name: viewed.text)
        case .compare:
            // The compare view's grid is the difference B − A: its cells are plain values.
            return valueInspector(grid: grid, name: "difference")
        }
        guard let layer, let stage else { return valueInspector(grid: grid, name: tensorName) }
        switch stage {
        case .scores, .scaled, .masked, .p:
            guard grid.tensor.rank == 3 else { return valueInspector(grid: grid, name: tensorName) }
            return inspector(layer: layer, state: state, cursor: grid.cursor, grid: grid)
        case .x, .q, .k, .v, .z, .concat, .out:
            return featureInspector(stage: stage, name: tensorName, layer: layer, grid: grid)
        }
    }

    /// What the inspector says about (head, query, key) of a layer's trace.
    ///
    /// raw score = scores[h, i, j] (stage 5), scaled = scaled[h, i, j] (stage 6), bias = −m_h·|i − j|
    /// under ALiBi, weight = P[h, i, j] (stage 8); stages not computed yet are nil (a dash).
    /// Top keys are the row's largest weights P[h, i, :], largest first. Each stored value is
    /// checked against its formula (see `SessionScreen+Edits.swift`), so an edit shows.
    static func inspector(layer: LayerState, state: SessionState, cursor: GridCursor,
                          grid: GridPaneModel) -> InspectorModel? {
        guard grid.tensor.rank == 3 else { return valueInspector(grid: grid) }
        let (head, row, column) = (cursor.head, cursor.row, cursor.column)
        // One element each: a stage `run` derives on demand is not computed for it.
        func value(_ stage: AttentionStage) -> Float? {
            let name = stage.tensorName(layer: layer.name)
            guard layer.computed >= stage.number, let entry = state.workspace.entry(name) else { return nil }
            switch entry.shape.count {
            case 3: return entry.element(at: [head, row, column])
            case 2: return entry.element(at: [row, column])
            default: return nil
            }
        }
        let config = layer.config
        var model = InspectorModel(head: head, queryLabel: grid.queryLabel(row), queryPosition: row,
                                   keyLabel: grid.keyLabel(column), keyPosition: column,
                                   rawScore: value(.scores), scaledScore: value(.scaled), weight: value(.p),
                                   isMasked: !grid.isAllowed(head: head, row: row, column: column))
        if config.scale == nil && config.temperature == 1 && config.posenc != .alibi {
            model.headDim = config.dHead
        } else {
            model.scale = config.effectiveScale / config.temperature
        }
        if config.posenc == .alibi && head < config.heads {
            model.alibiBias = -PositionalEncoding.alibiSlope(head: head, heads: config.heads) * Float(abs(row - column))
        }
        markEdits(&model, layer: layer, state: state)
        if layer.computed >= AttentionStage.p.number,
           let weights = state.workspace[AttentionStage.p.tensorName(layer: layer.name)] {
            model.topKeys = topKeys(weights, head: head, row: row, grid: grid)
        }
        return model
    }

    /// A query × key tensor that is not a stage (the mask, `view mean`): its value at the cursor.
    static func queryKeyValue(grid: GridPaneModel, name: String) -> InspectorModel? {
        guard var model = valueInspector(grid: grid, name: name) else { return nil }
        model.axes = .queryKey
        return model
    }

    /// For a tensor that is not an attention grid: the cell's value, named by row and column.
    static func valueInspector(grid: GridPaneModel, name: String? = nil) -> InspectorModel? {
        let cursor = grid.cursor
        guard grid.headCount > 0, grid.rowCount > 0, grid.columnCount > 0 else { return nil }
        let value = element(grid.tensor, head: cursor.head, row: cursor.row, column: cursor.column)
        var model = InspectorModel(head: cursor.head, queryLabel: grid.queryLabel(cursor.row),
                                   queryPosition: cursor.row, keyLabel: grid.keyLabel(cursor.column),
                                   keyPosition: cursor.column, weight: value,
                                   isMasked: !grid.isAllowed(head: cursor.head, row: cursor.row, column: cursor.column))
        model.axes = .rowColumn
        model.tensorName = name ?? grid.stageName
        model.index = grid.tensor.rank == 3 ? [cursor.head, cursor.row, cursor.column] : [cursor.row, cursor.column]
        model.value = value
        return model
    }

    /// tensor[head, row, column] for rank 3, tensor[row, column] for rank 2; nil outside.
    static func element(_ tensor: Tensor, head: Int, row: Int, column: Int) -> Float? {
        switch tensor.rank {
        case 3:
            let (h, t, k) = (tensor.shape[0], tensor.shape[1], tensor.shape[2])
            guard head >= 0, head < h, row >= 0, row < t, column >= 0, column < k else { return nil }
            return tensor.scalars[(head * t + row) * k + column]
        case 2:
            let (t, k) = (tensor.shape[0], tensor.shape[1])
            guard row >= 0, row < t, column >= 0, column < k else { return nil }
            return tensor.scalars[row * k + column]
        default:
            return nil
        }
    }

    /// The row's `topKeyCount` largest weights of P [H, Tq, Tk], largest first (ties: lower key first).
    static func topKeys(_ weights: Tensor, head: Int, row: Int, grid: GridPaneModel) -> [KeyWeight] {
        guard weights.rank == 3, head < weights.shape[0], row < weights.shape[1] else { return [] }
        let keys = weights.shape[2]
        let base = (head * weights.shape[1] + row) * keys
        // One pass keeping the best few (a row has up to thousands of keys; sorting it per
        // cursor key would cost more than the rest of the redraw).
        var best: [Int] = []
        func ranksBefore(_ a: Int, _ b: Int) -> Bool {
            let x = weights.scalars[base + a], y = weights.scalars[base + b]
            return x > y || (x == y && a < b)
        }
        for key in 0..<keys where !weights.scalars[base + key].isNaN {
            if best.count == topKeyCount, let last = best.last, !ranksBefore(key, last) { continue }
            let place = best.firstIndex { ranksBefore(key, $0) } ?? best.count
            best.insert(key, at: place)
            if best.count > topKeyCount { best.removeLast() }
        }
        return best.map { KeyWeight(label: grid.keyLabel($0), weight: weights.scalars[base + $0]) }
    }
}
