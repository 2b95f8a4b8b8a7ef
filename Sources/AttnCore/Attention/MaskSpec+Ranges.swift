/// Masks as ranges of keys: every positional spec allows, for one query, a
/// single run of consecutive keys, so their AND is a run too.
///
/// The fast path uses the ranges to skip key blocks that are fully masked;
/// `combined(...)` uses them to fill the mask tensor, so both agree with
/// `allows(query:key:)` by construction (the tests hold all three equal).
extension MaskSpec {
    /// The keys j in 0..<tk that this spec allows query i to see:
    /// `causal` 0...i, `window W` i−W...i+W, `pad N` 0..<N, `block` the
    /// segment of i (empty past the last segment); `none` and tensor specs
    /// allow every key here.
    public func allowedKeys(query i: Int, keys tk: Int) -> Range<Int> {
        switch self {
        case .none, .tensor: return 0..<tk
        case .causal: return 0..<Swift.min(i + 1, tk)
        case .window(let width):
            // i and W are below Int.max; i + W + 1 is only formed when W < tk.
            let lower = Swift.min(Swift.max(0, i - width), tk)
            let upper = width >= tk ? tk : Swift.min(i + width + 1, tk)
            return lower..<Swift.max(lower, upper)
        case .pad(let count): return 0..<Swift.min(count, tk)
        case .block(let segments):
            var start = 0
            for length in segments {
                // Saturating: segment lengths come from the user.
                let (sum, overflow) = start.addingReportingOverflow(length)
                let end = overflow ? Int.max : sum
                if i < end {
                    let lower = Swift.min(start, tk)
                    return lower..<Swift.max(lower, Swift.min(end, tk))
                }
                start = end
            }
            return 0..<0
        }
    }

    /// The AND of `specs` for query i: the keys every spec allows (tensor
    /// masks not applied).
    public static func allowedKeys(_ specs: [MaskSpec], query i: Int, keys tk: Int) -> Range<Int> {
        var lower = 0
        var upper = tk
        for spec in specs {
            let range = spec.allowedKeys(query: i, keys: tk)
            lower = Swift.max(lower, range.lowerBound)
            upper = Swift.min(upper, range.upperBound)
        }
        return lower..<Swift.max(lower, upper)
    }

    /// Whether any spec is a tensor mask, which can block keys inside the ranges.
    public static func hasTensorMask(_ specs: [MaskSpec]) -> Bool {
        specs.contains { if case .tensor = $0 { true } else { false } }
    }
}
