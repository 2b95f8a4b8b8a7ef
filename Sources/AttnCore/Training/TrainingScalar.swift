import Foundation

/// A floating-point type the trainable attention pass runs in: `Float` for
/// training, `Double` for the twin that gradient checks difference.
///
/// The pass is written once, generic over this protocol, so the double
/// precision twin is the very same arithmetic as the float one.
public protocol TrainingScalar: BinaryFloatingPoint, Sendable {
    /// e^x.
    static func exponential(_ x: Self) -> Self
    /// ln x.
    static func logarithm(_ x: Self) -> Self
}

extension Float: TrainingScalar {
    public static func exponential(_ x: Float) -> Float { exp(x) }
    public static func logarithm(_ x: Float) -> Float { log(x) }
}

extension Double: TrainingScalar {
    public static func exponential(_ x: Double) -> Double { exp(x) }
    public static func logarithm(_ x: Double) -> Double { log(x) }
}
