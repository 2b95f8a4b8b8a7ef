/// A rectangle of cells: what a pane renderer produces and a screen backend copies out.
///
/// Rows are stored one after another (`cells[y * width + x]`). Every write is
/// clipped to the grid, so a renderer never has to check bounds itself and a
/// too-long label can never spill into the next row or crash.
public struct CellGrid: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// All cells, row after row.
    public internal(set) var cells: [Cell]
    /// Where the terminal's own cursor belongs (the prompt's insertion point), if anywhere.
    public var cursor: (x: Int, y: Int)? {
        get { cursorStorage.map { (x: $0.x, y: $0.y) } }
        set { cursorStorage = newValue.map { CursorPoint(x: $0.x, y: $0.y) } }
    }
    private var cursorStorage: CursorPoint?

    private struct CursorPoint: Sendable, Equatable {
        var x: Int
        var y: Int
    }

    /// A grid of blank cells; negative sizes are treated as zero.
    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = [Cell](repeating: fill, count: self.width * self.height)
    }

    /// The rows of cells, top to bottom.
    public var rows: [ArraySlice<Cell>] {
        (0..<height).map { cells[($0 * width)..<($0 * width + width)] }
    }

    /// The cell at column `x`, row `y`; reading outside gives a blank cell,
    /// writing outside does nothing.
    public subscript(x: Int, y: Int) -> Cell {
        get { contains(x: x, y: y) ? cells[y * width + x] : .blank }
        set { if contains(x: x, y: y) { cells[y * width + x] = newValue } }
    }

    public func contains(x: Int, y: Int) -> Bool {
        x >= 0 && y >= 0 && x < width && y < height
    }

    /// Sets one cell's character and style (clipped).
    @inlinable
    public mutating func put(_ character: Character, x: Int, y: Int, style: CellStyle = .plain) {
        self[x, y] = Cell(character, style: style)
    }

    /// Writes `text` from (x, y) to the right, one column per character, and
    /// returns the column after the last character written (or that would
    /// have been written: clipping does not change the advance).
    @discardableResult
    public mutating func write(_ text: some StringProtocol, x: Int, y: Int, style: CellStyle = .plain) -> Int {
        var column = x
        for character in text {
            if column >= width { return column + 1 }
            put(CellGrid.displayable(character), x: column, y: y, style: style)
            column += 1
        }
        return column
    }

    /// Fills a rectangle with one character and style (clipped).
    public mutating func fill(_ rect: Rect, with character: Character = " ", style: CellStyle = .plain) {
        let clipped = rect.intersection(Rect(x: 0, y: 0, width: width, height: height))
        guard !clipped.isEmpty else { return }
        let cell = Cell(character, style: style)
        for row in clipped.y..<clipped.maxY {
            for column in clipped.x..<clipped.maxX { cells[row * width + column] = cell }
        }
    }

    /// Copies `other` into this grid with its top-left corner at (x, y) (clipped).
    public mutating func paste(_ other: CellGrid, x: Int, y: Int) {
        for row in 0..<other.height {
            let targetY = y + row
            guard targetY >= 0, targetY < height else { continue }
            for column in 0..<other.width {
                let targetX = x + column
                guard targetX >= 0, targetX < width else { continue }
                cells[targetY * width + targetX] = other.cells[row * other.width + column]
            }
        }
        if let inner = other.cursor { cursor = (x: inner.x + x, y: inner.y + y) }
    }

    /// The character as it may be stored in a cell: one column wide.
    ///
    /// East Asian wide and fullwidth characters (and most emoji) take two
    /// terminal columns; rather than track half-cells, they become `?`.
    /// Control characters (tabs, escapes) would move the terminal's cursor,
    /// so they become `?` too.
    public static func displayable(_ character: Character) -> Character {
        if character.isASCII {
            guard let value = character.asciiValue, value >= 0x20, value != 0x7F else { return "?" }
            return character
        }
        guard let scalar = character.unicodeScalars.first else { return "?" }
        if scalar.properties.generalCategory == .control || isWide(scalar.value) { return "?" }
        return character
    }

    /// Whether a code point is drawn two columns wide (East Asian Wide or Fullwidth, emoji).
    static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
             0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1,
             0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA,
             0x26F2...0x26F3, 0x26F5, 0x26FA, 0x26FD, 0x2705, 0x270A...0x270B, 0x2728, 0x274C,
             0x274E, 0x2753...0x2755, 0x2757, 0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C,
             0x2B50, 0x2B55, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19,
             0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x18AFF,
             0x1B000...0x1B2FF, 0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F2FF,
             0x1F300...0x1F64F, 0x1F680...0x1F6FF, 0x1F7E0...0x1F7EB, 0x1F90C...0x1F9FF,
             0x1FA70...0x1FAFF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    public static func == (lhs: CellGrid, rhs: CellGrid) -> Bool {
        lhs.width == rhs.width && lhs.height == rhs.height && lhs.cells == rhs.cells
            && lhs.cursorStorage == rhs.cursorStorage
    }
}
