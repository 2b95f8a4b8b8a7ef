import AttnLang

/// The log a class can read: the caption (the last narration, pinned above the prompt), the log
/// grown over the panes (F2, `log grow`, `log back`) and a long output shown over the inspector
/// and output panes until the next key (docs/reference.md §6.5).
extension PaneController {
    /// The key that grows the log over the panes and back.
    public static let logKey = TerminalKey.function(2)

    /// A statement is handed to the shell: what it narrates starts a new caption.
    mutating func beginTurn() {
        turn += 1
    }

    /// A line of narration (`echo`): the caption from now on. An `echo` right after another `echo`
    /// joins its caption, so a paragraph written as several `echo` lines is shown whole; after any
    /// other statement (or comment lines) it starts a new caption. Inside a script run at once (`-i FILE`, `source`) each `echo` replaces the last.
    mutating func narrate(_ text: String) {
        if captionTurn == turn - 1, captionIsEcho, let last = caption.indices.last {
            // One paragraph: the lines run on, wrapped as one.
            caption[last] += " " + text
        } else {
            caption = [text]
        }
        captionTurn = turn
        captionIsEcho = true
    }

    /// A replay's comment line: added to the caption when the same statement (or the same stretch
    /// of comments) narrated before it, else the caption from now on.
    mutating func narrateComment(_ text: String) {
        if captionTurn != turn {
            caption = []
            captionTurn = turn
        }
        caption.append(text)
        captionIsEcho = false
    }

    /// A line the replay narrated: a comment line is narration (shown without its `#`) and goes to
    /// the log as it was written; the replay's closing note only to the log.
    mutating func narrated(_ text: String) -> [PaneEffect] {
        let trimmed = text.drop { $0 == " " }
        if trimmed.hasPrefix("#") {
            let words = trimmed.dropFirst().drop { $0 == "#" }
            narrateComment(String(words.hasPrefix(" ") ? words.dropFirst() : words))
        }
        return [.logLine(text, kind: .narration)]
    }

    /// `log grow`, `log back`, `log` (switches).
    mutating func changeLog(_ change: PresentationEffect.LogPaneChange) {
        switch change {
        case .grow: logGrown = true
        case .back: logGrown = false
        case .toggle: logGrown.toggle()
        }
        logScroll = 0
    }

    /// The rows PgUp and PgDn move the log by: its visible rows less two (five without panes).
    func logPage() -> Int {
        if logGrown { return max(1, size.height - 4) }
        guard case .panes(let panes) = ScreenLayout.compute(width: size.width, height: size.height,
                                                            layout: shown.layout) else { return 5 }
        return max(1, (shown.layout == .present ? size.height / 2 : panes.log.height) - 2)
    }

    /// Keys that leave a long output over the panes: the ones that only look (scrolling, help).
    static func keepsOutputExtended(_ key: TerminalKey) -> Bool {
        switch key {
        case .pageUp, .pageDown, .resize, .function(1): return true
        default: return false
        }
    }
}
