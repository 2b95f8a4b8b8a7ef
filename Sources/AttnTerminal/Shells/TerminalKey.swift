/// One key press as the pane shell sees it, decoded by the screen backend.
///
/// Typed text arrives byte by byte (`.byte`), UTF-8 included; a lone Esc is
/// `.escape`, told apart from an Alt-key (Esc then the key at once) by a short
/// timeout, which arrives as `.alt`.
public enum TerminalKey: Sendable, Equatable {
    /// A byte of typed text or a control character (Ctrl-A is 1, Enter is 13 or 10).
    case byte(UInt8)
    /// Alt (Meta) with a key: Esc followed at once by that byte.
    case alt(UInt8)
    /// Esc pressed on its own.
    case escape
    case up, down, left, right
    case home, end, delete, backspace, insert
    case pageUp, pageDown
    /// Shift-Tab.
    case backTab
    /// F1 ... F12.
    case function(Int)
    /// The terminal changed size.
    case resize
    /// The terminal went away (hang-up) or input ended.
    case endOfInput
    /// A key the shell has no use for.
    case other

    /// The bytes a terminal sends for this key (xterm), as readline expects them; empty when none.
    public var readlineBytes: [UInt8] {
        let escape: UInt8 = 0x1B
        func csi(_ text: String) -> [UInt8] { [escape, UInt8(ascii: "[")] + Array(text.utf8) }
        switch self {
        case .byte(let byte): return [byte]
        case .alt(let byte): return [escape, byte]
        case .escape: return [escape]
        case .up: return csi("A")
        case .down: return csi("B")
        case .right: return csi("C")
        case .left: return csi("D")
        case .home: return csi("H")
        case .end: return csi("F")
        case .delete: return csi("3~")
        case .insert: return csi("2~")
        case .backspace: return [0x7F]
        case .backTab: return csi("Z")
        case .pageUp, .pageDown, .function, .resize, .endOfInput, .other: return []
        }
    }
}
