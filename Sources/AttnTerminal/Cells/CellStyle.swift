/// A terminal colour: the terminal's own default, or one of the 256 xterm colours.
public enum CellColor: Sendable, Hashable {
    case `default`
    case indexed(UInt8)
}

/// How one cell is drawn: colours and attributes, but not the character.
public struct CellStyle: Sendable, Hashable {
    public var foreground: CellColor
    public var background: CellColor
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(foreground: CellColor = .default, background: CellColor = .default,
                bold: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
    }

    /// The terminal's default look: default colours, no attributes.
    public static let plain = CellStyle()
    /// Bold on default colours (titles, headers).
    public static let strong = CellStyle(bold: true)
    /// Reverse video (cursor in monochrome modes).
    public static let inverted = CellStyle(reverse: true)

    /// A copy with `bold` set.
    public var emboldened: CellStyle {
        var copy = self
        copy.bold = true
        return copy
    }

    /// A copy with `reverse` set.
    public var reversed: CellStyle {
        var copy = self
        copy.reverse = true
        return copy
    }
}
