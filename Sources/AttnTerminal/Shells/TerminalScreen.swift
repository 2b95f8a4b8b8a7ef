/// A full-screen terminal the pane shell draws on and reads keys from (curses, or a stand-in in tests).
public protocol TerminalScreen: AnyObject {
    /// Columns and rows.
    var size: (width: Int, height: Int) { get }
    /// Whether cells may use the 256 xterm colours.
    var hasColors: Bool { get }
    /// Shows `grid` (the same size as `size`) and places the cursor at `grid.cursor`.
    func draw(_ grid: CellGrid)
    /// Repaint everything on the next draw.
    func invalidate()
    /// Waits for the next key.
    func readKey() -> TerminalKey
    /// Waits at most `timeoutMilliseconds` for the next key; nil when none came in time (a
    /// replay's timer runs out).
    func readKey(timeoutMilliseconds: Int) -> TerminalKey?
    /// The next byte when one is already waiting (the rest of a UTF-8 character), else nil.
    func pendingByte() -> UInt8?
    /// Gives the terminal back.
    func close()
    /// Runs `work` (a statement) so that Ctrl-C cancels it (`Cancellation.process`).
    func runInterruptible(_ work: () -> Void)
}

extension TerminalScreen {
    /// Runs `work` (a statement) with Ctrl-C delivered as SIGINT that cancels it; a stand-in
    /// screen just runs it.
    public func runInterruptible(_ work: () -> Void) {
        work()
    }
}
