import AttnLang
import Testing
@testable import AttnTerminal

/// Every key of the key help, pressed in each layout through `PaneShell.run(on:)` on a scripted
/// screen: the screens after each key are compared with `Golden/controller/keys-LAYOUT.txt`.
@Suite(.serialized) struct PaneKeyGoldenTests {
    /// A two-head layer on six tokens, run to P, with a log longer than its pane.
    static let setup = """
        mha attn d_model=8 heads=2 seed=7
        tokens the cat sat on the mat
        step 8
        ls
        """

    /// Esc, then each pane key of the key help, each followed by a snapshot named after it.
    static let paneKeys: [(String, TerminalKey)] = [
        ("Esc focuses the panes", .escape),
        ("Down", .down), ("j", .byte(UInt8(ascii: "j"))), ("Right", .right), ("l", .byte(UInt8(ascii: "l"))),
        ("Up", .up), ("k", .byte(UInt8(ascii: "k"))), ("Left", .left), ("h", .byte(UInt8(ascii: "h"))),
        ("Tab", .byte(9)), ("Shift-Tab", .backTab),
        ("+", .byte(UInt8(ascii: "+"))), ("-", .byte(UInt8(ascii: "-"))), ("- again", .byte(UInt8(ascii: "-"))),
        ("0", .byte(UInt8(ascii: "0"))),
        ("b", .byte(UInt8(ascii: "b"))), ("s", .byte(UInt8(ascii: "s"))),
        ("?", .byte(UInt8(ascii: "?"))), ("any key closes the help", .byte(UInt8(ascii: "x"))),
        ("PgUp", .pageUp), ("PgDn", .pageDown),
        ("i back to the prompt", .byte(UInt8(ascii: "i"))),
        ("Esc", .escape), ("Enter back to the prompt", .byte(13)),
        ("Esc again", .escape), ("Esc back to the prompt", .escape),
        ("F1", .function(1)), ("any key closes F1's help", .byte(UInt8(ascii: "x"))),
        ("PgUp at the prompt", .pageUp), ("PgDn at the prompt", .pageDown),
    ]

    static func script(_ keys: [(String, TerminalKey)]) -> [ScriptedScreen.Step] {
        [.snapshot("start")] + keys.flatMap { [ScriptedScreen.Step.key($0.1), .snapshot($0.0)] }
    }

    @Test(arguments: [GridLayout.grid, .focus, .present])
    func everyKeyOfTheKeyHelp(_ layout: GridLayout) throws {
        let run = PaneShellDriver(setup: Self.setup + "\nlayout \(layout)", script: Self.script(Self.paneKeys))
        let screens = run.screen
        #expect(screens.snapshots.count == Self.paneKeys.count + 1)
        ControllerGolden.check(screens.transcript, named: "keys-\(layout)")
        // What the goldens show, checked by meaning too.
        #expect(run.shell.focus == .prompt)
        let help = try #require(screens.text("?"))
        #expect(help.contains("F1 or ?"))
        #expect(!(screens.text("any key closes the help") ?? "").contains("F1 or ?"))
        #expect(screens.text("b") != screens.text("-"), "b runs back")
        #expect(run.log.lines.contains("attn> back") && run.log.lines.contains("attn> step"))
    }
}
