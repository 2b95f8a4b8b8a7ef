import AttnCore
import AttnLang

/// Checking the inspector's numbers against their formulas, so that an edited cell says so.
///
/// A user may assign to any stage tensor (`attn.scaled[0, 1, 2] = 5`) and step on: the later
/// stages then use the edited value. The inspector recomputes each stored number from the
/// stage before it, one element (or one row) at a time:
///   score  = Σ_c Q[h, i, c]·K[g, j, c]                        (stage 5, g = h / (H/G))
///   scaled = score·scale/temperature − m_h·|i − j|            (stage 6; ALiBi only)
///   weight = softmax(masked[h, i, :])[j]                      (stage 8; not with dropout)
/// and marks the ones that differ by more than float32 rounding. A stage that `run` derives on
/// demand was not stored, so it cannot have been edited and is not checked.
extension SessionScreen {
    static func markEdits(_ model: inout InspectorModel, layer: LayerState, state: SessionState) {
        let config = layer.config
        let (h, i, j) = (model.head, model.queryPosition, model.keyPosition)
        func stored(_ stage: AttentionStage) -> Tensor? {
            guard layer.computed >= stage.number,
                  let entry = state.workspace.entry(stage.tensorName(layer: layer.name)),
                  !entry.isDerived else { return nil }
            return entry.tensor
        }
        if let raw = model.rawScore, stored(.scores) != nil, let q = stored(.q), let keys = stored(.k),
           q.rank == 3, keys.rank == 3, q.shape[2] == keys.shape[2] {
            let g = config.kvHead(forQueryHead: h)
            let (tq, tk, width) = (q.shape[1], keys.shape[1], q.shape[2])
            if h < q.shape[0], i < tq, g < keys.shape[0], j < tk {
                var sum: Float = 0
                for c in 0..<width { sum += q.scalars[(h * tq + i) * width + c] * keys.scalars[(g * tk + j) * width + c] }
                model.scoreEdited = differs(sum, raw)
            }
        }
        if let raw = model.rawScore, let scaled = model.scaledScore, stored(.scaled) != nil {
            let expected = raw * config.effectiveScale / config.temperature + (model.alibiBias ?? 0)
            model.scaledEdited = differs(expected, scaled)
        }
        if config.dropout == 0, let weight = model.weight, stored(.p) != nil, let masked = stored(.masked),
           masked.rank == 3, h < masked.shape[0], i < masked.shape[1], j < masked.shape[2] {
            let tk = masked.shape[2]
            let start = (h * masked.shape[1] + i) * tk
            let row = Array(masked.scalars[start..<(start + tk)])  // [Tk]
            if let expected = try? Tensor.softmax(Tensor(row)).scalars[j] {
                model.weightEdited = differs(expected, weight)
            }
        }
    }

    /// Whether a stored value differs from the one its formula gives by more than rounding.
    static func differs(_ computed: Float, _ stored: Float) -> Bool {
        if computed == stored || (computed.isNaN && stored.isNaN) { return false }
        // BLAS and a plain loop round float32 sums differently by a few ulps.
        let tolerance = 1e-4 * max(1, abs(computed))
        return !(computed.isFinite && stored.isFinite && abs(computed - stored) <= tolerance)
    }
}
