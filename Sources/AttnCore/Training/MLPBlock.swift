/// The weights of one feed-forward block of width N on a residual stream of width D.
///
///     h   = relu(x·W1 + b1)    [T, N]    W1 [D, N], b1 [N]
///     out = h·W2 + b2          [T, D]    W2 [N, D], b2 [D]
///
/// ReLU, not GELU: its gradient is exact (0 or 1) and cheap, and a toy model
/// learns its circuits as well with it.
public struct MLPWeights<S: TrainingScalar>: Sendable {
    /// N, the hidden width.
    public let width: Int
    /// D, the residual width.
    public let dModel: Int
    /// [D, N]
    public var w1: [S]
    /// [N]
    public var b1: [S]
    /// [N, D]
    public var w2: [S]
    /// [D]
    public var b2: [S]

    /// All zeros (the start of a gradient sum).
    public init(zerosFor dModel: Int, width: Int) {
        self.width = width
        self.dModel = dModel
        w1 = [S](repeating: 0, count: dModel * width)
        b1 = [S](repeating: 0, count: width)
        w2 = [S](repeating: 0, count: width * dModel)
        b2 = [S](repeating: 0, count: dModel)
    }

    /// The workspace suffixes of the parameters, in `arrays` order.
    public static var suffixes: [String] { ["W1", "b1", "W2", "b2"] }

    /// The parameters in `suffixes` order.
    public var arrays: [[S]] {
        get { [w1, b1, w2, b2] }
        set { (w1, b1, w2, b2) = (newValue[0], newValue[1], newValue[2], newValue[3]) }
    }

    /// The shapes of `arrays`, as tensors have them.
    public var shapes: [[Int]] { [[dModel, width], [width], [width, dModel], [dModel]] }
}

/// One forward pass of an `MLPWeights` block over T rows, keeping what the
/// backward pass needs.
///
/// Backward, for dL/dout [T, D]:
///
///     dW2 = hᵀ·dout, db2 = Σ_rows dout, dh = dout·W2ᵀ
///     dpre = dh ⊙ [pre > 0]
///     dW1 = xᵀ·dpre, db1 = Σ_rows dpre, dx = dpre·W1ᵀ
public struct MLPPass<S: TrainingScalar>: Sendable {
    /// The input. [T, D]
    public let x: [S]
    /// x·W1 + b1, before the ReLU. [T, N]
    public let pre: [S]
    /// relu(pre). [T, N]
    public let hidden: [S]
    /// The block's output (added to the stream by the caller). [T, D]
    public let out: [S]

    public init(input: [S], weights w: MLPWeights<S>, rows t: Int) {
        let (d, n) = (w.dModel, w.width)
        var pre = MatrixProduct.multiply(input, w.w1, m: t, inner: d, n: n)  // [T, N]
        MatrixProduct.addRow(w.b1, to: &pre, n: n)
        let hidden = pre.map { $0 > 0 ? $0 : 0 }  // [T, N]
        var out = MatrixProduct.multiply(hidden, w.w2, m: t, inner: n, n: d)  // [T, D]
        MatrixProduct.addRow(w.b2, to: &out, n: d)
        x = input
        self.pre = pre
        self.hidden = hidden
        self.out = out
    }

    /// The gradients of the block's parameters and of its input for dL/dout [T, D].
    public func backward(outputGradient dOut: [S], weights w: MLPWeights<S>) -> (weights: MLPWeights<S>, input: [S]) {
        let (d, n, t) = (w.dModel, w.width, x.count / max(w.dModel, 1))
        var grads = MLPWeights<S>(zerosFor: d, width: n)
        grads.w2 = MatrixProduct.multiplyTransposingA(hidden, dOut, m: n, inner: t, n: d)  // [N, D]
        grads.b2 = MatrixProduct.columnSums(dOut, n: d)
        var dPre = MatrixProduct.multiplyTransposingB(dOut, w.w2, m: t, inner: d, n: n)  // [T, N]
        for index in dPre.indices where pre[index] <= 0 { dPre[index] = 0 }
        grads.w1 = MatrixProduct.multiplyTransposingA(x, dPre, m: d, inner: t, n: n)  // [D, N]
        grads.b1 = MatrixProduct.columnSums(dPre, n: n)
        let dx = MatrixProduct.multiplyTransposingB(dPre, w.w1, m: t, inner: n, n: d)  // [T, D]
        return (grads, dx)
    }
}
