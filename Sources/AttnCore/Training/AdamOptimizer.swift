import Foundation

/// Adam (Kingma and Ba) over a list of flat parameter arrays.
///
/// For each parameter θ with gradient g at step t (from 1):
///
///     m ← β1·m + (1 − β1)·g        v ← β2·v + (1 − β2)·g²
///     m̂ = m / (1 − β1^t)          v̂ = v / (1 − β2^t)
///     θ ← θ − lr · m̂ / (sqrt(v̂) + ε)
public struct AdamOptimizer: Sendable {
    public var learningRate: Float
    public let beta1: Float
    public let beta2: Float
    public let epsilon: Float
    private var m: [[Float]] = []
    private var v: [[Float]] = []
    private var step = 0

    public init(learningRate: Float, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    /// One update of `parameters` by `gradients` (the same shapes).
    public mutating func update(_ parameters: inout [[Float]], gradients: [[Float]]) {
        if m.isEmpty {
            m = gradients.map { [Float](repeating: 0, count: $0.count) }
            v = m
        }
        step += 1
        // The bias corrections in Double: β2^t creeps towards 1 slowly and
        // 1 − β2^t would lose digits in Float over the first steps.
        let correction1 = Float(1 - pow(Double(beta1), Double(step)))
        let correction2 = Float(1 - pow(Double(beta2), Double(step)))
        for array in parameters.indices {
            for index in parameters[array].indices {
                let g = gradients[array][index]
                m[array][index] = beta1 * m[array][index] + (1 - beta1) * g
                v[array][index] = beta2 * v[array][index] + (1 - beta2) * g * g
                let mHat = m[array][index] / correction1
                let vHat = v[array][index] / correction2
                parameters[array][index] -= learningRate * mHat / (vHat.squareRoot() + epsilon)
            }
        }
    }
}
