import AttnCore
import AttnLang

/// The inspector's model: the cursor's cell read back from the layer's trace tensors.
extension SessionScreen {
    /// What the inspector says about (head, query, key) of a layer's trace.
    ///
    /// raw score = scores[h, i, j] (stage 5), scaled = scaled[h, i, j] (stage 6),
    /// weight = P[h, i, j] (stage 8); stages not computed yet are nil (a dash).
    /// Top keys are the row's largest weights P[h, i, :], largest first.
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
        var model = InspectorModel(head: head, queryLabel: grid.queryLabel(row), queryPosition: row,
                                   keyLabel: grid.keyLabel(column), keyPosition: column,
                                   rawScore: value(.scores), scaledScore: value(.scaled), weight: value(.p),
                                   isMasked: !grid.isAllowed(head: head, row: row, column: column))
        if layer.config.scale == nil && layer.config.temperature == 1 && layer.config.posenc != .alibi {
            model.headDim = layer.config.dHead
        } else {
            model.scale = layer.config.effectiveScale / layer.config.temperature
        }
        if layer.computed >= AttentionStage.p.number,
           let weights = state.workspace[AttentionStage.p.tensorName(layer: layer.name)] {
            model.topKeys = topKeys(weights, head: head, row: row, grid: grid)
        }
        return model
    }

    /// For a tensor that is not an attention grid: the cell's value as the weight, no scores.
    static func valueInspector(grid: GridPaneModel) -> InspectorModel? {
        let cursor = grid.cursor
        guard grid.headCount > 0, grid.rowCount > 0, grid.columnCount > 0 else { return nil }
        let value = element(grid.tensor, head: cursor.head, row: cursor.row, column: cursor.column)
        return InspectorModel(head: cursor.head, queryLabel: grid.queryLabel(cursor.row), queryPosition: cursor.row,
                              keyLabel: grid.keyLabel(cursor.column), keyPosition: cursor.column,
                              weight: value,
                              isMasked: !grid.isAllowed(head: cursor.head, row: cursor.row, column: cursor.column))
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
