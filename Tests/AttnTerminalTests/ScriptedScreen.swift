@testable import AttnTerminal

/// A terminal stand-in for driving `PaneShell.run(on:)` without a terminal: it hands out a
/// script of keys and keeps the screens drawn, by name where the script asks for one.
///
/// The script runs in order: a key is read by the shell; `snapshot` keeps the screen last drawn
/// under its name; `resize` changes the size (the shell then reads `.resize`); `timeout` lets
/// a replay's timer run out. When the script is over the shell reads `.endOfInput` and leaves.
final class ScriptedScreen: TerminalScreen {
    /// One step of the script.
    enum Step {
        case key(TerminalKey)
        case snapshot(String)
        case resize(width: Int, height: Int)
        case timeout
    }

    private var script: [Step]
    private(set) var size: (width: Int, height: Int)
    let hasColors = false
    /// The last screen drawn.
    private(set) var last: CellGrid?
    /// The screens kept by `snapshot`, in script order.
    private(set) var snapshots: [(name: String, grid: CellGrid)] = []
    /// The text of every screen drawn, in order.
    private(set) var drawnTexts: [String] = []
    private(set) var invalidations = 0
    private(set) var closed = false

    init(width: Int = 100, height: Int = 30, script: [Step]) {
        self.size = (width, height)
        self.script = script
    }

    /// The steps that type `text` and, when `enter`, press Enter.
    static func typing(_ text: String, enter: Bool = true) -> [Step] {
        text.utf8.map { .key(.byte($0)) } + (enter ? [.key(.byte(13))] : [])
    }

    /// The snapshot named `name`'s text.
    func text(_ name: String) -> String? {
        snapshots.first { $0.name == name }?.grid.text
    }

    /// Every snapshot's text, each under a `=== NAME` line: one golden file's content.
    var transcript: String {
        snapshots.map { "=== \($0.name)\n" + $0.grid.text }.joined(separator: "\n")
    }

    func draw(_ grid: CellGrid) {
        last = grid
        drawnTexts.append(grid.text)
    }

    func invalidate() {
        invalidations += 1
    }

    func readKey() -> TerminalKey {
        readKey(timeoutMilliseconds: -1) ?? .other
    }

    func readKey(timeoutMilliseconds: Int) -> TerminalKey? {
        while !script.isEmpty {
            switch script.removeFirst() {
            case .key(let key):
                return key
            case .snapshot(let name):
                if let last { snapshots.append((name, last)) }
            case .resize(let width, let height):
                size = (width, height)
                return .resize
            case .timeout:
                if timeoutMilliseconds >= 0 { return nil }
            }
        }
        return .endOfInput
    }

    func pendingByte() -> UInt8? {
        guard case .key(.byte(let byte)) = script.first, byte & 0xC0 == 0x80 else { return nil }
        script.removeFirst()
        return byte
    }

    func close() {
        closed = true
    }
}
