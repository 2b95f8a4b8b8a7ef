/// How grid values map to shading: weights on [0, 1], or the data's own range.
///
/// Attention weights (every value in [0, 1]) always use the fixed scale 0 … 1,
/// so the same shade means the same weight in every head and every stage.
/// Anything else (scores, a tensor from `view`) is stretched over its own
/// range; when that range crosses zero the colour mode uses the diverging
/// palette symmetric around 0, so white is exactly zero.
enum GridValueScale: Equatable {
    case unit
    case sequential(low: Float, high: Float)
    case signed(limit: Float)

    init(range: (min: Float, max: Float)?) {
        guard let range else {
            self = .unit
            return
        }
        if range.min >= 0 && range.max <= 1 {
            self = .unit
        } else if range.min < 0 && range.max > 0 {
            self = .signed(limit: max(-range.min, range.max))
        } else {
            self = .sequential(low: range.min, high: range.max)
        }
    }

    /// The value placed on [0, 1] for sequential shading.
    @inline(__always)
    func normalized(_ value: Float) -> Float {
        switch self {
        case .unit:
            return value
        case .sequential(let low, let high):
            return high > low ? (value - low) / (high - low) : 1
        case .signed(let limit):
            return limit > 0 ? (value / limit + 1) / 2 : 0.5
        }
    }

    /// The ends of the legend, as numbers.
    var bounds: (low: Float, high: Float) {
        switch self {
        case .unit: return (0, 1)
        case .sequential(let low, let high): return (low, high)
        case .signed(let limit): return (-limit, limit)
        }
    }

    var isSigned: Bool {
        if case .signed = self { return true }
        return false
    }
}
