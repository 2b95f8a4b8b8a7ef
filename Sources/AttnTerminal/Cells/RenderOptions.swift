/// How much the terminal can draw: 256 colours, Unicode without colour, or ASCII only.
public enum ColorMode: Sendable, Hashable {
    /// xterm 256 colours plus Unicode shading and box drawing.
    case color256
    /// No colour (`NO_COLOR`): Unicode shading `░▒▓█` and box drawing.
    case monochrome
    /// `--ascii`: only ASCII, shading ` .:-=+*#%@`, borders `+-|`.
    case ascii
}

/// Everything about the terminal and the user's choices that changes drawing but not content.
public struct RenderOptions: Sendable, Hashable {
    public var colorMode: ColorMode
    /// The sequential palette for weights (`palette viridis|gray`); only used with `.color256`.
    public var palette: HeatmapPalette

    public init(colorMode: ColorMode = .color256, palette: HeatmapPalette = .viridis) {
        self.colorMode = colorMode
        self.palette = palette
    }

    public static let color256 = RenderOptions(colorMode: .color256)
    public static let monochrome = RenderOptions(colorMode: .monochrome)
    public static let ascii = RenderOptions(colorMode: .ascii)

    /// The characters this mode may draw with.
    public var glyphs: GlyphSet { colorMode == .ascii ? .ascii : .unicode }
    public var usesColor: Bool { colorMode == .color256 }
}
