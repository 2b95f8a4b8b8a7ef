/// One attention mask of a layer (docs/reference.md §3.3); a layer's masks combine by AND.
///
/// Key j is allowed for query i when:
/// - `causal`: j ≤ i
/// - `window(W)`: |i − j| ≤ W
/// - `pad(N)`: j < N (the first N keys are real tokens)
/// - `block([S1, S2, ...])`: i and j fall in the same segment, the segments
///   being consecutive runs of S1, S2, ... positions from 0. A position past
///   the end of the last segment is in no segment, so it is blocked for every
///   query and every query there is blocked (DECISION: not an error, so one
///   spec works for several lengths).
/// - `tensor(NAME)`: the workspace tensor NAME ([Tq, Tk] or [H, Tq, Tk]) is
///   non-zero at [i, j] (or [h, i, j]).
/// - `none`: always; written in a `mask` command it clears the specs before
///   it (the language parses the words: `MaskSyntax` in AttnLang).
public enum MaskSpec: Sendable, Equatable, CustomStringConvertible {
    case none
    case causal
    case window(Int)
    case pad(Int)
    case block([Int])
    case tensor(String)

    /// The spec as the `mask` command spells it.
    public var description: String {
        switch self {
        case .none: "none"
        case .causal: "causal"
        case .window(let width): "window \(width)"
        case .pad(let count): "pad \(count)"
        case .block(let segments): "block " + segments.map(String.init).joined(separator: ",")
        case .tensor(let name): name
        }
    }

    /// Whether this positional spec lets query i see key j; `tensor` specs
    /// answer true here and are applied by `combined(...)`.
    public func allows(query i: Int, key j: Int) -> Bool {
        switch self {
        case .none, .tensor: return true
        case .causal: return j <= i
        // i − j cannot overflow: both are positions below a tensor extent.
        case .window(let width): return abs(i - j) <= width
        case .pad(let count): return j < count
        case .block(let segments):
            guard let si = MaskSpec.segment(of: i, segments), let sj = MaskSpec.segment(of: j, segments) else {
                return false
            }
            return si == sj
        }
    }

    /// The index of the segment holding `position`, or nil past the last one.
    static func segment(of position: Int, _ segments: [Int]) -> Int? {
        var end = 0
        for (index, length) in segments.enumerated() {
            // Saturating: segment lengths come from the user.
            end = end.addingReportingOverflow(length).overflow ? Int.max : end + length
            if position < end { return index }
        }
        return nil
    }

    /// The AND of `specs` for Tq queries and Tk keys: 1 = allowed, 0 = blocked.
    ///
    /// Shape [Tq, Tk], or [H, Tq, Tk] when a tensor mask has a head axis.
    /// Tensor masks are read through `read`; a wrong shape is an error naming
    /// the tensor, its shape and the shapes that would fit.
    public static func combined(_ specs: [MaskSpec], heads: Int, queries tq: Int, keys tk: Int,
                                read: (String) throws -> Tensor) throws -> Tensor {
        var perHead = false
        var tensors: [(name: String, tensor: Tensor)] = []
        for case .tensor(let name) in specs {
            let tensor = try read(name)
            if tensor.shape == [tq, tk] {
            } else if tensor.shape == [heads, tq, tk] {
                perHead = true
            } else {
                throw TensorError("mask tensor \(name) has shape \(Tensor.describe(tensor.shape)) but the mask needs \(Tensor.describe([tq, tk])) or \(Tensor.describe([heads, tq, tk]))")
            }
            tensors.append((name, tensor))
        }
        if tensors.isEmpty, let cached = PositionalMaskCache.mask(specs, queries: tq, keys: tk) {
            return cached
        }
        let planes = perHead ? heads : 1
        var mask = try Tensor(shape: perHead ? [heads, tq, tk] : [tq, tk], repeating: 1)
        // Positional specs allow one run of keys per query (see
        // `allowedKeys`); tensor masks then block keys inside that run.
        let ranges = (0..<tq).map { allowedKeys(specs, query: $0, keys: tk) }
        mask.scalars.withUnsafeMutableBufferPointer { cells in
            for h in 0..<planes {
                for i in 0..<tq {
                    let rowStart = (h * tq + i) * tk
                    let open = ranges[i]
                    cells[rowStart..<(rowStart + open.lowerBound)].update(repeating: 0)
                    cells[(rowStart + open.upperBound)..<(rowStart + tk)].update(repeating: 0)
                    for (_, tensor) in tensors {
                        let offset = tensor.rank == 3 ? (h * tq + i) * tk : i * tk
                        for j in ranges[i] where tensor.scalars[offset + j] == 0 { cells[rowStart + j] = 0 }
                    }
                }
            }
        }
        if tensors.isEmpty { PositionalMaskCache.keep(mask, specs, queries: tq, keys: tk) }
        return mask
    }
}
