/// Text made safe to show on a terminal: control characters written visibly instead of sent.
///
/// What a script or a file supplies (`echo` narration, token labels, paths, the source line a
/// diagnostic repeats) reaches the user's terminal. An escape sequence in it could set the
/// window title, move the cursor, rewrite what is on screen or, on some terminals, answer back
/// as typed input. So every C0 control character except newline and tab, DEL, and every C1
/// control (U+0080–U+009F) is shown in caret notation (`^[` for ESC, `^G` for BEL, `^M` for a
/// carriage return, `^?` for DEL) or as `<U+009B>`. attnsh itself sends no escape sequences
/// through this path (colours and cursor moves are the curses screen's), so nothing is lost.
public enum TerminalText {
    /// `text` with its control characters made visible; `text` itself when it has none.
    public static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            guard isControl(scalar) else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch scalar.value {
            case 0x7F:
                result += "^?"
            case 0..<0x20:
                result += "^" + String(UnicodeScalar(UInt8(scalar.value + 0x40)))
            default:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
            }
        }
        return result
    }

    /// True for the characters `visible` rewrites.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: return false
        case 0..<0x20, 0x7F, 0x80...0x9F: return true
        default: return false
        }
    }
}
