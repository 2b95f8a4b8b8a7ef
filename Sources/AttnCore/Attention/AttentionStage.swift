/// One of the eleven stages of the attention forward pass (docs/reference.md §3.2), in order.
///
/// Each stage is stored as the workspace tensor `NAME.<name>`; `step` computes
/// them one at a time, reading earlier stages back from the workspace.
/// Shapes use X [Tq, D], Y [Tk, D], H query heads, G kv heads, K = d_head.
public enum AttentionStage: Int, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    /// X [Tq, D]: the input, plus the sinusoidal table when posenc=sinusoidal.
    case x = 1
    /// Q [H, Tq, K]: X·Wq + bq split into heads (RoPE when posenc=rope).
    case q
    /// K [G, Tk, K]: Y·Wk + bk split into kv heads (RoPE when posenc=rope).
    case k
    /// V [G, Tk, K]: Y·Wv + bv split into kv heads.
    case v
    /// scores [H, Tq, Tk]: Q[h]·K[g]ᵀ with g = h / (H/G).
    case scores
    /// scaled [H, Tq, Tk]: scores·scale/temperature, plus ALiBi when posenc=alibi.
    case scaled
    /// masked [H, Tq, Tk]: scaled with −inf where the mask blocks.
    case masked
    /// P [H, Tq, Tk]: softmax of masked over keys (then dropout).
    case p
    /// Z [H, Tq, K]: P[h]·V[g]; ablated heads are zero.
    case z
    /// concat [Tq, H·K]: the heads of Z side by side.
    case concat
    /// out [Tq, D]: concat·Wo + bo.
    case out

    /// The stage's number, 1 to 11.
    public var number: Int { rawValue }

    /// The tensor-name suffix, exactly as docs/reference.md §3.2 spells it: `NAME.<name>`.
    public var name: String {
        switch self {
        case .x: "X"
        case .q: "Q"
        case .k: "K"
        case .v: "V"
        case .scores: "scores"
        case .scaled: "scaled"
        case .masked: "masked"
        case .p: "P"
        case .z: "Z"
        case .concat: "concat"
        case .out: "out"
        }
    }

    public var description: String { name }

    /// The stage whose `name` is `name` (case-sensitive, as tensor names are).
    public init?(name: String) {
        guard let stage = AttentionStage.allCases.first(where: { $0.name == name }) else { return nil }
        self = stage
    }

    /// The stage's number as a stage (1 = X ... 11 = out).
    public init?(number: Int) { self.init(rawValue: number) }

    /// The workspace name of this stage's tensor for a layer: `attn.P`.
    public func tensorName(layer: String) -> String { layer + "." + name }

    /// A one-line formula for titles and `step` output.
    public var formula: String {
        switch self {
        case .x: "X = input (+ positional table)"
        case .q: "Q = split(X·Wq + bq)"
        case .k: "K = split(Y·Wk + bk)"
        case .v: "V = split(Y·Wv + bv)"
        case .scores: "scores = Q·Kᵀ"
        case .scaled: "scaled = scores·scale/temperature"
        case .masked: "masked = scaled, −inf where blocked"
        case .p: "P = softmax(masked)"
        case .z: "Z = P·V"
        case .concat: "concat = [Z0 Z1 ...]"
        case .out: "out = concat·Wo + bo"
        }
    }

    /// The shape of this stage's tensor for `config`, Tq queries and Tk keys.
    public func shape(_ config: LayerConfig, tq: Int, tk: Int) -> [Int] {
        let (d, h, g, k) = (config.dModel, config.heads, config.kvHeads, config.dHead)
        switch self {
        case .x: return [tq, d]
        case .q: return [h, tq, k]
        case .k, .v: return [g, tk, k]
        case .scores, .scaled, .masked, .p: return [h, tq, tk]
        case .z: return [h, tq, k]
        case .concat: return [tq, h * k]
        case .out: return [tq, d]
        }
    }

    /// The stage after this one, nil after `out`.
    public var next: AttentionStage? { AttentionStage(rawValue: rawValue + 1) }

    public static func < (a: AttentionStage, b: AttentionStage) -> Bool { a.rawValue < b.rawValue }
}
