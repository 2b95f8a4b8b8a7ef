import AttnCore

/// A model of several layers defined in the session (`model new`, `train
/// layers=`): its shape and its last run. The weights live in the workspace,
/// where the user can show and edit them:
///
///     NAME.E [V, D]                      the token embedding
///     NAMEl.Wq ... NAMEl.bo              layer l's attention (an ordinary layer `NAMEl`)
///     NAMEl.W1 [D, N] NAMEl.b1 [N]
///     NAMEl.W2 [N, D] NAMEl.b2 [D]       layer l's MLP, when N > 0
///     NAME.U [D, O], NAME.u [O]          the unembedding (O = V, or V² for `pair`)
///
/// Each layer's settings (mask, positions, ablation) are those of its
/// `LayerState`, so `set`, `mask` and `ablate` on `NAMEl` change that layer.
public struct StackModelState: Sendable {
    public var name: String
    /// L.
    public var depth: Int
    /// N, each layer's MLP width (0: attention only).
    public var mlpWidth: Int
    /// V.
    public var vocabulary: Int
    /// O, the unembedding's classes: V, or V² after `train task=pair`.
    public var outputs: Int
    /// The tokens of the last `model run` (nil when it ran on vectors).
    public var tokens: [Int]?
    /// Row labels of the last run.
    public var labels: [String] = []
    /// x_l, the input of layer l, for l = 0 ..< L, then the final stream (last run).
    public var streams: [Tensor] = []
    /// The logits [T, V] of the last run.
    public var logits: Tensor?
    /// P of every layer in the last run on tokens, [H, T, T] each (what `model overview`
    /// shows); empty after a run on vectors.
    public var attention: [Tensor] = []
    /// The task this model was last trained on, if any (the probe of `model heads`).
    public var trainedLength: Int?

    public init(name: String, depth: Int, mlpWidth: Int, vocabulary: Int) {
        self.name = name
        self.depth = depth
        self.mlpWidth = mlpWidth
        self.vocabulary = vocabulary
        outputs = vocabulary
    }

    /// The name of layer l: `toy0`, `toy1`, ... (as `bert0` for the pretrained encoder).
    public func layerName(_ index: Int) -> String { "\(name)\(index)" }

    /// Every layer's name, first to last.
    public var layerNames: [String] { (0..<depth).map(layerName) }

    /// The workspace names of the tensors outside the attention layers.
    public var extraTensorNames: [String] {
        var names = ["\(name).E", "\(name).U", "\(name).u"]
        if mlpWidth > 0 {
            for layer in layerNames { names += MLPWeights<Float>.suffixes.map { "\(layer).\($0)" } }
        }
        return names
    }

    /// The label of output class `c`: a token, or the pair `x,y` when O = V².
    public func outputLabel(_ c: Int) -> String {
        outputs == vocabulary ? TrainingExample.label(c)
            : TrainingExample.label(c / vocabulary) + "," + TrainingExample.label(c % vocabulary)
    }

    /// The index of layer `name` in this model, if it is one of its layers.
    public func index(of layer: String) -> Int? { layerNames.firstIndex(of: layer) }
}
