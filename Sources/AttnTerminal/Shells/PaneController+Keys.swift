/// Keys: at the prompt they go to readline, in the panes they move the cursors and zoom (see
/// `KeyHelp`); F1 or `?` shows the key help, which any key closes.
extension PaneController {
    mutating func handleKey(_ key: TerminalKey) -> [PaneEffect] {
        switch key {
        case .resize:
            return [.invalidate]
        case .endOfInput:
            finished = true
            return [.quit]
        default:
            if !Self.keepsOutputExtended(key) { outputExtends = false }
            if showsHelp {
                showsHelp = false
                return []
            }
            if key == .function(1) {
                showsHelp = true
                return []
            }
            if key == Self.logKey {
                changeLog(.toggle)
                return []
            }
            return focus == .prompt ? promptKey(key) : paneKey(key)
        }
    }

    private mutating func promptKey(_ key: TerminalKey) -> [PaneEffect] {
        if replay != nil, let effects = replayKey(key) { return effects }
        switch key {
        case .escape:
            focus = .panes
        case .pageUp, .pageDown:
            scrollLog(up: key == .pageUp)
        case .byte(3):
            // Ctrl-C (a key in raw mode, not a signal): drop the line and any continued input.
            collected = []
            logScroll = 0
            return [.clearLine(prompt: session.prompt)]
        case .byte(let lead) where lead >= 0xC0:
            // The rest of a UTF-8 character follows at once; readline wants it whole.
            return [.feedCharacter(lead: lead)]
        default:
            let bytes = key.readlineBytes
            if !bytes.isEmpty { return [.feed(bytes)] }
        }
        return []
    }

    private mutating func paneKey(_ key: TerminalKey) -> [PaneEffect] {
        if session.extent.overview != nil, let effects = overviewKey(key) { return effects }
        let heads = session.extent.heads
        switch key {
        case .escape, .byte(UInt8(ascii: "i")), .byte(13), .byte(10), .byte(3):
            focus = .prompt
        case .up, .byte(UInt8(ascii: "k")): moveCursor { $0.row -= 1 }
        case .down, .byte(UInt8(ascii: "j")): moveCursor { $0.row += 1 }
        case .left, .byte(UInt8(ascii: "h")): moveCursor { $0.column -= 1 }
        case .right, .byte(UInt8(ascii: "l")): moveCursor { $0.column += 1 }
        case .byte(9): moveCursor { $0.head = heads > 0 ? ($0.head + 1) % heads : 0 }
        case .backTab: moveCursor { $0.head = heads > 0 ? ($0.head + heads - 1) % heads : 0 }
        case .byte(UInt8(ascii: "+")), .byte(UInt8(ascii: "=")):
            return stepZoom(by: 1)
        case .byte(UInt8(ascii: "-")):
            return stepZoom(by: -1)
        case .byte(UInt8(ascii: "0")):
            zoom = nil
        case .byte(UInt8(ascii: "s")):
            return run("step", for: .paneKey)
        case .byte(UInt8(ascii: "b")):
            return run("back", for: .paneKey)
        case .byte(UInt8(ascii: "?")):
            showsHelp = true
        case .byte(UInt8(ascii: "q")) where replay != nil, .alt(UInt8(ascii: "q")) where replay != nil:
            return leaveReplay()
        case .pageUp, .pageDown:
            scrollLog(up: key == .pageUp)
        default:
            break
        }
        return []
    }

    /// One zoom level in or out from the level on screen. From a chosen level that is this value's
    /// to work out; from fit, the level fit chose depends on the grid and the pane's size, which
    /// only rendering knows, so the shell works it out (`.stepZoom`) and reports `.zoomChosen`.
    private mutating func stepZoom(by step: Int) -> [PaneEffect] {
        guard let zoom else { return [.stepZoom(by: step)] }
        self.zoom = GridPaneModel.zoomLevel(zoom, steppedBy: step)
        return []
    }

    /// Keys on the model overview: arrows (hjkl) and Tab move between thumbnails, Enter opens the
    /// cursor's layer (`model layer L`) with the grid cursor on its head. Nil for other keys.
    private mutating func overviewKey(_ key: TerminalKey) -> [PaneEffect]? {
        guard let size = session.extent.overview else { return nil }
        switch key {
        case .up, .byte(UInt8(ascii: "k")): overviewCursor.layer = max(0, overviewCursor.layer - 1)
        case .down, .byte(UInt8(ascii: "j")): overviewCursor.layer = min(size.layers - 1, overviewCursor.layer + 1)
        case .left, .byte(UInt8(ascii: "h")): overviewCursor.head = max(0, overviewCursor.head - 1)
        case .right, .byte(UInt8(ascii: "l")): overviewCursor.head = min(size.heads - 1, overviewCursor.head + 1)
        case .byte(9): overviewCursor.head = size.heads > 0 ? (overviewCursor.head + 1) % size.heads : 0
        case .backTab: overviewCursor.head = size.heads > 0 ? (overviewCursor.head + size.heads - 1) % size.heads : 0
        case .byte(13), .byte(10):
            return run("model layer \(overviewCursor.layer)", for: .overviewOpen(head: overviewCursor.head))
        default:
            return nil
        }
        return []
    }

    /// Moves the grid cursor, kept inside the grid.
    private mutating func moveCursor(_ move: (inout GridCursor) -> Void) {
        move(&cursor)
        if session.extent.heads > 0 { cursor = session.extent.clamped(cursor) }
    }

    /// PgUp, PgDn: the log scrolls by its visible height less two lines (five without panes).
    mutating func scrollLog(up: Bool) {
        let page = logPage()
        logScroll = up ? min(logScroll + page, max(0, logLineCount - 1)) : max(0, logScroll - page)
    }
}
