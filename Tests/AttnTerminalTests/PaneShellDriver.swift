import AttnLang
import AttnTestSupport
import Testing
@testable import AttnTerminal

/// A pane shell over a fresh session, run on a `ScriptedScreen`: the key-sequence tests' rig.
///
/// `setup` runs first as an rc file would (its output in the log unless `quietSetup`); `before` gets the shell (to queue a
/// replay); then the shell runs the screen's script to its end. Readline is process-wide, so the suites using this are serialized
///.
struct PaneShellDriver {
    let shell: PaneShell
    let session: Session
    let log: ScrollbackLog
    let screen: ScriptedScreen

    /// Runs `script` at `width` × `height` after `setup`; the finished run.
    @discardableResult
    init(setup: String, width: Int = 100, height: Int = 30, options: RenderOptions = .monochrome,
         quietSetup: Bool = false, script: [ScriptedScreen.Step], before: (PaneShell) -> Void = { _ in }) {
        let log = ScrollbackLog()
        let logging = Switch(on: !quietSetup)
        let session = Session(output: { if logging.on { log.append($0) } }, errors: { log.append($0) })
        session.appliesLimitProcessWide = false
        let shell = PaneShell(session: session, log: log, historyPath: nil, options: options)
        if !setup.isEmpty { session.runScript(setup, fileName: "setup.attn", keepGoing: false) }
        logging.on = true
        before(shell)
        let screen = ScriptedScreen(width: width, height: height, script: script)
        _ = shell.run(on: screen)
        self.shell = shell
        self.session = session
        self.log = log
        self.screen = screen
    }
}

/// Whether the session's output goes to the log.
final class Switch {
    var on: Bool
    init(on: Bool) { self.on = on }
}

/// The goldens of the key-sequence tests: `Golden/controller/NAME.txt`.
enum ControllerGolden {
    static let folder = GoldenFolder(GoldenFile.folder.url.appendingPathComponent("controller"))

    /// Compares `actual` with `Golden/controller/NAME.txt` (or records it).
    static func check(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        folder.check(actual, named: name + ".txt", sourceLocation: sourceLocation)
    }
}
