/// One training sequence: its tokens and, per position, the wanted token.
public struct TrainingExample: Sendable, Equatable {
    public let tokens: [Int]
    public let targets: [Int?]

    public init(tokens: [Int], targets: [Int?]) {
        self.tokens = tokens
        self.targets = targets
    }

    /// Token labels: a, b, c, ... for tokens 0, 1, 2, ... (t26, t27, ... past z).
    public static func label(_ token: Int) -> String {
        token < 26 ? String(UnicodeScalar(UInt8(97 + token))) : "t\(token)"
    }
}
