/// The characters used for borders, marks and punctuation in one drawing mode.
///
/// Keeping them in one table means ASCII mode cannot leak a stray `…` or `─`:
/// every renderer asks here instead of writing literals.
public struct GlyphSet: Sendable, Hashable {
    public var horizontal: Character
    public var vertical: Character
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character
    public var teeLeft: Character
    public var teeRight: Character
    public var teeDown: Character
    public var teeUp: Character
    /// Marks a shortened label: `…` or `~`.
    public var ellipsis: Character
    /// Drawn in a cell that the mask blocks.
    public var masked: Character
    /// Weight shading from low to high (monochrome and ASCII modes).
    public var shades: [Character]
    /// Bars from low to high for signed values (output pane).
    public var bars: [Character]
    /// Separates phrases on one line: ` · ` or ` | `.
    public var separator: String
    public var arrow: String
    public var minus: String
    public var rangeDots: String
    public var multiply: String

    public static let unicode = GlyphSet(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└",
        bottomRight: "┘", teeLeft: "├", teeRight: "┤", teeDown: "┬", teeUp: "┴",
        ellipsis: "…", masked: "·", shades: ["░", "▒", "▓", "█"],
        bars: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
        separator: " · ", arrow: "→", minus: "−", rangeDots: " … ", multiply: "×")

    public static let ascii = GlyphSet(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+",
        bottomRight: "+", teeLeft: "+", teeRight: "+", teeDown: "+", teeUp: "+",
        ellipsis: "~", masked: "x", shades: [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"],
        bars: ["=", "-", " ", "+", "#"],
        separator: " | ", arrow: "->", minus: "-", rangeDots: " .. ", multiply: "x")
}
