/// One character position on the screen: the character and how it is drawn.
///
/// The character is always one terminal column wide: `CellGrid.write`
/// replaces East Asian wide characters and control characters with `?`.
public struct Cell: Sendable, Hashable {
    public var character: Character
    public var style: CellStyle

    public init(_ character: Character = " ", style: CellStyle = .plain) {
        self.character = character
        self.style = style
    }

    public var foreground: CellColor { style.foreground }
    public var background: CellColor { style.background }
    public var bold: Bool { style.bold }
    public var reverse: Bool { style.reverse }
    public var underline: Bool { style.underline }

    /// An empty cell on the default background.
    public static let blank = Cell()
}
