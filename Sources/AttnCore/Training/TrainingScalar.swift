import Foundation

/// A floating-point type the trainable attention pass runs in: `Float` for
/// training, `Double` for the twin that gradient checks difference.
///
/// The pass is written once, generic over this protocol, so the double
/// precision twin computes the very same formulas as the float one; its
/// softmax is `RowSoftmax`, with the one policy for special rows that every
/// other softmax in attnsh follows.
public protocol TrainingScalar: SoftmaxScalar {
    /// ln x.
    static func logarithm(_ x: Self) -> Self
}

extension Float: TrainingScalar {
    public static func logarithm(_ x: Float) -> Float { log(x) }
}

extension Double: TrainingScalar {
    public static func logarithm(_ x: Double) -> Double { log(x) }
}
