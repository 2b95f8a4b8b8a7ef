// ncurses' globals (stdscr, LINES, ...) are C state; they are used from the main thread only.
@preconcurrency import CCurses
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// The full-screen terminal backend over ncurses: copies cell grids to the screen and reads keys.
///
/// This is the only file that touches curses. It owns the terminal between `init` and `close`:
/// it saves the terminal's modes first and puts them back on `close`, at exit, and on SIGTERM,
/// SIGHUP, SIGINT, SIGQUIT and the fatal signals (a crash must not leave a class staring at a
/// raw-mode terminal). Colours are xterm-256 indices; each (foreground, background) pair gets a
/// curses colour pair the first time it is drawn.
public final class CursesScreen: TerminalScreen {
    /// How long a lone Esc waits for the rest of an escape sequence, in milliseconds (as vim and cgdb).
    public static let escapeDelay: Int32 = 25

    /// Whether the terminal can show 256 colours.
    public let hasColors: Bool
    /// The last grid drawn, to redraw only cells that changed.
    private var shown: CellGrid?
    private var pairs: [PairKey: Int32] = [:]
    private var isOpen = true

    private struct PairKey: Hashable {
        var foreground: Int32
        var background: Int32
    }

    /// Whether curses can drive the terminal that TERM names: it has a terminfo entry and can
    /// move the cursor (`dumb` cannot). Asked before `init`, because `initscr` ends the process
    /// with its own message when the terminal is unknown.
    public static func canOpen() -> Bool {
        var failure: Int32 = 0
        guard setupterm(nil, STDOUT_FILENO, &failure) == OK else { return false }
        // The description was loaded only to be looked at; `initscr` loads its own.
        defer { del_curterm(set_curterm(nil)) }
        guard let move = tigetstr("cup"), Int(bitPattern: move) != -1 else { return false }
        return true
    }

    /// Takes over the terminal (alternate screen, raw keys, no echo); nil when curses cannot start.
    public init?() {
        TerminalRestore.saveModes()
        setlocale(LC_ALL, "")
        // Size from the terminal itself, over LINES/COLUMNS left in the environment
        // (they would pin the screen to its start-up size and break resizing).
        use_tioctl(true)
        guard initscr() != nil else {
            TerminalRestore.restoreModes()
            return nil
        }
        raw()
        noecho()
        nonl()
        keypad(attnsh_stdscr(), true)
        set_escdelay(Self.escapeDelay)
        var colors = false
        if has_colors() {
            start_color()
            use_default_colors()
            colors = attnsh_colors() >= 256
        }
        hasColors = colors
        TerminalRestore.setExitSequence(Self.capability("sgr0") + Self.capability("cnorm") + Self.capability("rmcup"))
        TerminalRestore.install()
    }

    /// Runs `work` with Ctrl-C a signal again (cbreak instead of raw keys) that cancels it.
    // In raw mode Ctrl-C is byte 3, read only between statements; a long statement would never
    // see it. cbreak keeps keys unechoed and unbuffered but lets the terminal turn Ctrl-C into
    // SIGINT, which `InterruptCancels` turns into a cancellation request; raw comes back after.
    public func runInterruptible(_ work: () -> Void) {
        let previous = InterruptCancels.install()
        noraw()
        cbreak()
        defer {
            raw()
            InterruptCancels.restore(previous)
        }
        work()
    }

    /// The terminal's size in columns and rows.
    public var size: (width: Int, height: Int) {
        (Int(attnsh_cols()), Int(attnsh_lines()))
    }

    /// Copies `grid` to the screen (only the cells that changed since the last draw) and places
    /// the terminal's cursor at `grid.cursor`, hiding it when there is none.
    public func draw(_ grid: CellGrid) {
        guard isOpen else { return }
        let full = shown.map { $0.width != grid.width || $0.height != grid.height } ?? true
        if full {
            werase(attnsh_stdscr())
            clearok(attnsh_stdscr(), true)
        }
        for y in 0..<grid.height {
            for x in 0..<grid.width {
                let cell = grid.cells[y * grid.width + x]
                if !full, let shown, shown.cells[y * grid.width + x] == cell { continue }
                put(cell, x: x, y: y)
            }
        }
        if let cursor = grid.cursor, grid.contains(x: cursor.x, y: cursor.y) {
            curs_set(1)
            wmove(attnsh_stdscr(), Int32(cursor.y), Int32(cursor.x))
        } else {
            curs_set(0)
        }
        wrefresh(attnsh_stdscr())
        shown = grid
    }

    /// Forgets what is on the screen, so the next draw repaints every cell (after a resize).
    public func invalidate() {
        shown = nil
    }

    private func put(_ cell: Cell, x: Int, y: Int) {
        var attributes = attnsh_a_normal()
        if cell.bold { attributes |= attnsh_a_bold() }
        if cell.reverse { attributes |= attnsh_a_reverse() }
        if cell.underline { attributes |= attnsh_a_underline() }
        let pair = hasColors ? pairNumber(cell.style) : 0
        var text: [wchar_t] = cell.character.unicodeScalars.prefix(4).map { wchar_t(bitPattern: $0.value) }
        text.append(0)
        var drawn = cchar_t()
        _ = text.withUnsafeBufferPointer { attnsh_setcchar(&drawn, $0.baseAddress, attributes, pair) }
        // Writing the bottom-right cell reports an error (the cursor cannot move past it) but draws it.
        _ = mvwadd_wch(attnsh_stdscr(), Int32(y), Int32(x), &drawn)
    }

    /// The colour pair for a style's colours, made on first use; 0 (default colours) once pairs run out.
    private func pairNumber(_ style: CellStyle) -> Int32 {
        func index(_ color: CellColor) -> Int32 {
            switch color {
            case .default: return -1
            case .indexed(let value): return Int32(value)
            }
        }
        let key = PairKey(foreground: index(style.foreground), background: index(style.background))
        if key.foreground == -1 && key.background == -1 { return 0 }
        if let pair = pairs[key] { return pair }
        let next = Int32(pairs.count + 1)
        guard next < attnsh_color_pairs() else { return 0 }
        guard init_extended_pair(next, key.foreground, key.background) != ERR else { return 0 }
        pairs[key] = next
        return next
    }

    /// Waits for the next key. A lone Esc is reported after `escapeDelay` ms without a following key.
    public func readKey() -> TerminalKey {
        var failures = 0
        while true {
            let code = wgetch(attnsh_stdscr())
            if code == ERR {
                // Interrupted reads retry; repeated failures mean the terminal is gone (hang-up).
                failures += 1
                if failures >= 3 { return .endOfInput }
                continue
            }
            if code == 0x1B { return escapeOrAlt() }
            return Self.key(code)
        }
    }

    /// Waits at most `timeoutMilliseconds` for the next key; nil when none came in time.
    public func readKey(timeoutMilliseconds: Int) -> TerminalKey? {
        wtimeout(attnsh_stdscr(), Int32(clamping: max(0, timeoutMilliseconds)))
        let code = wgetch(attnsh_stdscr())
        wtimeout(attnsh_stdscr(), -1)
        // ERR is the timeout (or an interrupted read: the caller's timer runs out either way).
        guard code != ERR else { return nil }
        if code == 0x1B { return escapeOrAlt() }
        return Self.key(code)
    }

    /// After Esc: the key curses has already queued behind it makes an Alt-key; none makes a lone Esc.
    private func escapeOrAlt() -> TerminalKey {
        nodelay(attnsh_stdscr(), true)
        let next = wgetch(attnsh_stdscr())
        nodelay(attnsh_stdscr(), false)
        guard next != ERR else { return .escape }
        if next >= 0, next < 256 { return .alt(UInt8(next)) }
        return Self.key(next)
    }

    /// The next byte if one is already waiting (the rest of a UTF-8 character), else nil.
    public func pendingByte() -> UInt8? {
        wtimeout(attnsh_stdscr(), Self.escapeDelay)
        defer { wtimeout(attnsh_stdscr(), -1) }
        let code = wgetch(attnsh_stdscr())
        guard code >= 0, code < 256 else {
            if code != ERR { ungetch(code) }
            return nil
        }
        return UInt8(code)
    }

    private static func key(_ code: Int32) -> TerminalKey {
        switch code {
        case 0..<256: return .byte(UInt8(code))
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case KEY_BACKSPACE: return .backspace
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_BTAB: return .backTab
        case KEY_RESIZE: return .resize
        case KEY_ENTER: return .byte(13)
        case attnsh_key_f(1)...attnsh_key_f(12): return .function(Int(code - attnsh_key_f(0)))
        default: return .other
        }
    }

    /// Gives the terminal back as it was before `init`.
    public func close() {
        guard isOpen else { return }
        isOpen = false
        endwin()
        TerminalRestore.restoreModes()
        TerminalRestore.deactivate()
    }

    /// The bytes of a terminfo string capability (`rmcup`, `cnorm`, ...); empty when the terminal has none.
    private static func capability(_ name: String) -> [UInt8] {
        guard let value = tigetstr(name), Int(bitPattern: value) != -1 else { return [] }
        return Array(String(cString: value).utf8)
    }

    deinit { close() }
}
