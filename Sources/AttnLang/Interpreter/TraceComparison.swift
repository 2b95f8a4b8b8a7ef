import AttnCore

/// Two traces' tensors of one stage and their difference, for `view A vs B` (docs/reference.md
/// §6.3): "what did my edit change?" in one look.
///
/// A and B each name a snapshot (`snapshot NAME`) or a layer (its current trace). The stage is
/// the one asked for, or else the stage a layer's grid shows: P when both traces reach stage 8,
/// otherwise the later stage both hold. The difference is B − A elementwise, and exactly 0
/// where the two are equal (so two −inf of a masked cell give 0, not NaN).
public struct TraceComparison: Sendable {
    /// What `view A vs B [stage=S]` asked for, kept by a screen that redraws it.
    public struct Request: Sendable, Equatable {
        /// A: the trace before (a snapshot or layer name).
        public var before: String
        /// B: the trace after.
        public var after: String
        /// The stage asked for with `stage=`; nil for the default.
        public var stage: AttentionStage?

        public init(before: String, after: String, stage: AttentionStage? = nil) {
            self.before = before
            self.after = after
            self.stage = stage
        }
    }

    /// Why a comparison cannot be made, and which part of the request is to blame.
    public struct Failure: Error, Equatable {
        public enum Part: Sendable { case before, after, stage }
        public var message: String
        public var part: Part
    }

    /// One side of the comparison: what its tensors are called and what it holds.
    struct Side {
        var prefix: String
        var computed: Int
        var config: LayerConfig
        var queryLabels: [String]
        var keyLabels: [String]
    }

    public let request: Request
    public let stage: AttentionStage
    /// A's and B's tensors of the stage, and B − A, all of one shape.
    public let before: Tensor
    public let after: Tensor
    public let difference: Tensor
    /// The traces' masks ([Tq, Tk] or [H, Tq, Tk], 1 = allowed) from stage 7 on, else nil.
    public let beforeMask: Tensor?
    public let afterMask: Tensor?
    /// B's labels of the stage's axes.
    public let labels: AxisLabels
    /// B's layer settings, one line (`attn · d_model 8 · heads 2 · d_head 4`).
    public let description: String

    /// The comparison `request` asks for in `state`.
    public init(_ request: Request, in state: SessionState) throws(Failure) {
        let a = try Self.side(request.before, in: state, part: .before)
        let b = try Self.side(request.after, in: state, part: .after)
        let stage = try Self.stage(request.stage, a: a, b: b, request: request)
        let (x, y) = (try Self.tensor(stage, of: a, in: state, part: .before),
                      try Self.tensor(stage, of: b, in: state, part: .after))
        guard x.shape == y.shape else {
            throw Failure(message: "\(stage.tensorName(layer: a.prefix)) is \(Tensor.describe(x.shape)) and \(stage.tensorName(layer: b.prefix)) is \(Tensor.describe(y.shape)); only tensors of one shape can be compared", part: .after)
        }
        self.request = request
        self.stage = stage
        before = x
        after = y
        // [same shape]: 0 where equal (also −inf against −inf), else B − A.
        difference = Tensor(unchecked: x.shape, scalars: zip(x.scalars, y.scalars).map { $0 == $1 ? 0 : $1 - $0 })
        beforeMask = stage >= .masked ? state.workspace[a.prefix + ".mask"] : nil
        afterMask = stage >= .masked ? state.workspace[b.prefix + ".mask"] : nil
        labels = AxisLabels.stage(stage, shape: y.shape, config: b.config, queryLabels: b.queryLabels,
                                  keyLabels: b.keyLabels)
        description = b.config.description
    }

    /// The trace `name` names: a snapshot first, else a layer.
    static func side(_ name: String, in state: SessionState, part: Failure.Part) throws(Failure) -> Side {
        if let snapshot = state.snapshots[name] {
            return Side(prefix: name, computed: snapshot.computed, config: snapshot.config,
                        queryLabels: snapshot.queryLabels, keyLabels: snapshot.keyLabels)
        }
        if let layer = state.layers[name] {
            guard layer.computed > 0 else {
                throw Failure(message: "layer `\(name)` has no trace yet; `run` or `step` it first", part: part)
            }
            return Side(prefix: name, computed: layer.computed, config: layer.config,
                        queryLabels: layer.queryLabels, keyLabels: layer.keyLabels)
        }
        let known = Array(state.snapshots.keys) + Array(state.layers.keys)
        throw Failure(message: "`\(name)` is neither a snapshot nor a layer; `snapshot NAME` keeps the current layer's trace\(EditDistance.hint(for: name, among: known))", part: part)
    }

    /// The stage asked for, or the default: P when both reach it, else the later stage both hold.
    static func stage(_ asked: AttentionStage?, a: Side, b: Side, request: Request) throws(Failure) -> AttentionStage {
        let common = min(a.computed, b.computed)
        guard let asked else {
            return common >= AttentionStage.p.number ? .p : AttentionStage(number: common) ?? .x
        }
        for (side, name) in [(a, request.before), (b, request.after)] where side.computed < asked.number {
            let held = AttentionStage(number: side.computed).map { "stages 1–\(side.computed) (up to \($0.name))" } ?? "no stages"
            throw Failure(message: "`\(name)` holds \(held), not stage \(asked.number) \(asked.name)", part: .stage)
        }
        return asked
    }

    /// One side's tensor of `stage`.
    static func tensor(_ stage: AttentionStage, of side: Side, in state: SessionState, part: Failure.Part) throws(Failure) -> Tensor {
        let name = stage.tensorName(layer: side.prefix)
        guard let tensor = state.workspace[name] else {
            throw Failure(message: "`\(name)` is no longer in the workspace", part: part)
        }
        return tensor
    }
}
