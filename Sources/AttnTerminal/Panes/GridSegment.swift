/// What one run of grid cells holds, for the aggregates: its least and greatest finite allowed
/// values, whether an allowed cell was NaN or +inf (invalid) or −inf (blocked), and whether any
/// cell was blocked by the mask or by −inf (a block that mixes blocked and allowed cells is marked).
///
/// `scan` reads eight cells at a time: the pass over P at T=4096, H=16 reads 2^28 of them, so
/// this loop is most of what a new zoom level or a new run costs the panes.
struct GridSegment: Equatable {
    var low = Float.infinity
    var high = -Float.infinity
    var sawInvalid = false
    var sawMinusInfinity = false
    var sawBlocked = false

    mutating func merge(_ other: GridSegment) {
        low = min(low, other.low)
        high = max(high, other.high)
        sawInvalid = sawInvalid || other.sawInvalid
        sawMinusInfinity = sawMinusInfinity || other.sawMinusInfinity
        sawBlocked = sawBlocked || other.sawBlocked
    }

    typealias Lanes = SIMD8<Float>

    /// The segment of `count` cells at `values`; a cell whose `mask` entry is 0 is skipped.
    // Masks and `replace` rather than pointwiseMin/Max, which the compiler leaves as a call per
    // chunk (as in `softmaxScan`); non-finite and blocked lanes never take part.
    @inline(__always)
    static func scan(_ values: UnsafePointer<Float>, mask: UnsafePointer<Float>?, count: Int) -> GridSegment {
        var lows = Lanes(repeating: .infinity), highs = Lanes(repeating: -.infinity)
        var invalid = SIMDMask<SIMD8<Int32>>(repeating: false), minusInfinity = invalid, anyBlocked = invalid
        var i = 0
        while i + Lanes.scalarCount <= count {
            let v = UnsafeRawPointer(values + i).loadUnaligned(as: Lanes.self)
            var finite = (v .> -Float.infinity) .& (v .< Float.infinity)
            var bad = (v .!= v) .| (v .== Float.infinity)
            var blocked = v .== -Float.infinity
            anyBlocked = anyBlocked .| blocked
            if let mask {
                let allowed = UnsafeRawPointer(mask + i).loadUnaligned(as: Lanes.self) .!= 0
                finite = finite .& allowed
                bad = bad .& allowed
                blocked = blocked .& allowed
                anyBlocked = anyBlocked .| .!allowed
            }
            lows.replace(with: v, where: finite .& (v .< lows))
            highs.replace(with: v, where: finite .& (v .> highs))
            invalid = invalid .| bad
            minusInfinity = minusInfinity .| blocked
            i += Lanes.scalarCount
        }
        var segment = GridSegment(low: lows.min(), high: highs.max(), sawInvalid: any(invalid),
                                  sawMinusInfinity: any(minusInfinity), sawBlocked: any(anyBlocked))
        while i < count {
            if mask?[i] == 0 { segment.sawBlocked = true }
            if mask?[i] != 0 {
                let value = values[i]
                if value.isFinite {
                    segment.low = min(segment.low, value)
                    segment.high = max(segment.high, value)
                } else if value == -.infinity {
                    segment.sawMinusInfinity = true
                    segment.sawBlocked = true
                } else {
                    segment.sawInvalid = true
                }
            }
            i += 1
        }
        return segment
    }
}
