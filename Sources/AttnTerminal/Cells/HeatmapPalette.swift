/// Colour ramps for heatmaps: a sequential one for weights and the diverging one for signed values.
///
/// Colours are xterm-256 indices. The sequential ramps are sampled at
/// t = 0, 1/9, ..., 1 and snapped to the nearest colour of the 6×6×6 cube:
/// - viridis (colour-blind safe, dark purple → blue → teal → green → yellow):
///   #440154 #482878 #3E4989 #31688E #26828E #1F9E89 #35B779 #6ECE58 #B5DE2B #FDE725;
/// - gray, for printing: light (low) to dark (high).
/// The diverging ramp is blue–white–red (RdBu-like), symmetric around 0.
public struct HeatmapPalette: Sendable, Hashable {
    /// The palette's name as the `palette` command spells it.
    public let name: String
    /// Colours for t = 0 ... 1, evenly spaced.
    public let ramp: [UInt8]
    /// For each ramp colour, a text colour that stays readable on it.
    public let textColors: [UInt8]

    public init(name: String, ramp: [UInt8], textColors: [UInt8]) {
        self.name = name
        self.ramp = ramp.isEmpty ? [244] : ramp
        self.textColors = textColors.count == self.ramp.count
            ? textColors : [UInt8](repeating: 231, count: self.ramp.count)
    }

    private static let white: UInt8 = 231
    private static let black: UInt8 = 16

    public static let viridis = HeatmapPalette(
        name: "viridis",
        ramp: [53, 54, 61, 24, 30, 36, 71, 77, 148, 220],
        textColors: [white, white, white, white, white, black, black, black, black, black])

    public static let gray = HeatmapPalette(
        name: "gray",
        ramp: [255, 253, 251, 249, 247, 245, 243, 241, 238, 235],
        textColors: [black, black, black, black, black, black, white, white, white, white])

    /// Blue (most negative) through white (0) to red (most positive), odd length so 0 has its own colour.
    public static let diverging: [UInt8] = [25, 67, 110, 153, 231, 224, 217, 167, 124]
    /// Text colours readable on each diverging colour.
    static let divergingText: [UInt8] = [white, white, black, black, black, black, black, white, white]

    /// The palettes the `palette` command knows, by name.
    public static let named: [String: HeatmapPalette] = ["viridis": .viridis, "gray": .gray]

    /// The ramp step for t in [0, 1] (clamped; NaN counts as 0): floor(t · n), the top step closed.
    public static func level(_ t: Float, steps: Int) -> Int {
        guard steps > 1, t > 0 else { return 0 }
        if t >= 1 { return steps - 1 }
        return min(steps - 1, Int(t * Float(steps)))
    }

    /// The cell style of a weight in [0, 1]: ramp background, readable text colour.
    public func style(for t: Float) -> CellStyle {
        let index = HeatmapPalette.level(t, steps: ramp.count)
        return CellStyle(foreground: .indexed(textColors[index]), background: .indexed(ramp[index]))
    }

    /// The diverging step for a signed value: v / limit mapped from [-1, 1] onto the ramp.
    public static func divergingLevel(_ value: Float, limit: Float, steps: Int) -> Int {
        guard steps > 1, limit > 0, !value.isNaN else { return steps / 2 }
        let t = (value / limit + 1) / 2  // [-limit, limit] -> [0, 1]
        // Round to nearest so that exactly 0 lands on the middle (white) step.
        let index = Int((max(0, min(1, t)) * Float(steps - 1)).rounded())
        return max(0, min(steps - 1, index))
    }

    /// The foreground style of a signed value in the diverging palette.
    public static func divergingStyle(_ value: Float, limit: Float) -> CellStyle {
        let index = divergingLevel(value, limit: limit, steps: diverging.count)
        return CellStyle(foreground: .indexed(diverging[index]))
    }

    /// The background style of a signed value in the diverging palette, with readable text.
    public static func divergingBackground(_ value: Float, limit: Float) -> CellStyle {
        let index = divergingLevel(value, limit: limit, steps: diverging.count)
        return CellStyle(foreground: .indexed(divergingText[index]), background: .indexed(diverging[index]))
    }
}
