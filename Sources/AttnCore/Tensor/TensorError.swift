/// A failure of a tensor operation, worded for the user.
///
/// The language layer attaches the source range; the message itself names
/// what was wrong (both shapes and the operation for a shape mismatch).
public struct TensorError: Error, Equatable, CustomStringConvertible, Sendable {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }

    /// Two shapes that an operation cannot combine.
    public static func shapeMismatch(_ operation: String, _ lhs: [Int], _ rhs: [Int]) -> TensorError {
        TensorError("shape mismatch in \(operation): \(Tensor.describe(lhs)) and \(Tensor.describe(rhs))")
    }
}
