/// A sequential colour ramp: colours at evenly spaced anchors, linearly
/// interpolated in sRGB between them.
///
/// `viridis` uses five anchors of the viridis map (dark purple → blue →
/// teal → green → yellow): perceptually ordered, readable in grey, and
/// colour-blind safe.
public struct ColorRamp: Sendable {
    /// Anchor colours as (red, green, blue) in 0...255, from t = 0 to t = 1.
    public let anchors: [(Double, Double, Double)]

    public init(anchors: [(Double, Double, Double)]) {
        self.anchors = anchors
    }

    public static let viridis = ColorRamp(anchors: [
        (68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37),
    ])

    /// The colour of cells that hold no finite value (masked, NaN).
    public static let notFinite = "#d0d0d0"

    /// The colour at `t` (clamped to [0, 1]; NaN counts as 0) as `#rrggbb`.
    public func hex(_ t: Float) -> String {
        let (r, g, b) = color(t)
        return "#" + [r, g, b].map { component in
            let text = String(component, radix: 16)
            return text.count == 1 ? "0" + text : text
        }.joined()
    }

    /// The colour at `t` as 0...255 components.
    public func color(_ t: Float) -> (Int, Int, Int) {
        guard anchors.count > 1 else {
            let only = anchors.first ?? (0, 0, 0)
            return (Int(only.0), Int(only.1), Int(only.2))
        }
        let clamped = t.isNaN ? 0 : Double(min(1, max(0, t)))
        let position = clamped * Double(anchors.count - 1)
        let index = min(Int(position), anchors.count - 2)
        let fraction = position - Double(index)
        let (a, b) = (anchors[index], anchors[index + 1])
        func mix(_ x: Double, _ y: Double) -> Int { Int((x + (y - x) * fraction).rounded()) }
        return (mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
    }
}
