import AttnTerminal
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

extension Launcher {
    /// How the interactive shell draws: panes or plain, and with which characters and colours.
    struct Display: Equatable {
        /// True for the full-screen panes, false for the plain readline shell.
        var usesPanes: Bool
        /// ASCII only, in the panes and in printed charts (training sparklines).
        var drawsASCII: Bool
        var colorMode: ColorMode
        /// Why the shell fell back to the plain shell, for stderr; nil when it did not.
        var warning: String?
    }

    /// The display for this terminal and these options, decided before curses starts.
    ///
    /// The panes need a terminal curses knows (TERM names a terminfo entry that can move the
    /// cursor): otherwise the plain shell, with a warning, instead of ncurses ending the
    /// process. Unicode needs a UTF-8 locale (LC_ALL, LC_CTYPE or LANG): otherwise curses
    /// drops the minus signs and borders, so the drawing is ASCII, as with `--ascii`.
    func chooseDisplay() -> Display {
        var display = Display(usesPanes: !options.plain, drawsASCII: options.ascii || !Self.localeIsUTF8,
                              colorMode: .color256, warning: nil)
        if display.usesPanes && !CursesScreen.canOpen() {
            display.usesPanes = false
            let term = environment["TERM"] ?? ""
            display.warning = term.isEmpty
                ? "TERM is not set; using the plain shell"
                : "the panes cannot draw on TERM=\(term); using the plain shell"
        }
        display.colorMode = display.drawsASCII ? .ascii : Self.forbidsColor(environment) ? .monochrome : .color256
        return display
    }

    /// True when `NO_COLOR` is set to a non-empty value (no-color.org): nothing is coloured.
    static func forbidsColor(_ environment: [String: String]) -> Bool {
        !(environment["NO_COLOR"] ?? "").isEmpty
    }

    /// Whether errors written to stderr are coloured red: stderr is a terminal that has colours
    /// (TERM set, not `dumb`) and `NO_COLOR` does not forbid it. A file or a pipe never gets
    /// escape codes.
    static func colorsErrors(environment: [String: String]) -> Bool {
        guard isatty(STDERR_FILENO) == 1, !forbidsColor(environment) else { return false }
        let term = environment["TERM"] ?? ""
        return !term.isEmpty && term != "dumb"
    }

    /// True when the locale the environment asks for encodes characters as UTF-8.
    // Asks the C library rather than reading LANG: LC_ALL overrides LC_CTYPE overrides LANG, and
    // a locale that is not installed is no locale at all. The process's own locale is put back.
    static var localeIsUTF8: Bool {
        let current = setlocale(LC_CTYPE, nil).map { String(cString: $0) } ?? "C"
        defer { setlocale(LC_CTYPE, current) }
        guard setlocale(LC_CTYPE, "") != nil else { return false }
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        return codeset == "UTF-8"
    }
}
