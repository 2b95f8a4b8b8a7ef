import AttnCore
import AttnTestSupport
import Testing
@testable import AttnLang

/// Which statements choose the model overview for the pane UI (the `view` setting `overview`)
/// and which leave it; plain mode keeps the text table.
@Suite("model overview in the panes, on all-MiniLM-L6-v2",
       .enabled(if: InstalledModel.isAvailable, InstalledModel.missingReason))
struct ModelOverviewStateTests {
    /// A session in the pane interface with the model loaded, after `script`.
    static func panesSession(_ script: String) -> (Session, Transcript, Bool) {
        let transcript = Transcript()
        let session = transcript.session()
        var state = session.state
        state.settings[CommandSpec.ScreenSetting.interface] = "panes"
        session.replaceState(state)
        let ok = session.runScript("model load \"\(InstalledModel.directory ?? "")\"\n" + script,
                                   fileName: "overview.attn", keepGoing: false)
        return (session, transcript, ok)
    }

    static func view(_ session: Session) -> String? { session.state.settings[CommandSpec.ScreenSetting.view] }

    @Test func modelRunShowsTheOverviewAndModelLayerLeavesIt() {
        let (session, transcript, ok) = Self.panesSession("model run the cat sat on the mat.")
        #expect(ok, "\(transcript.errors)")
        #expect(Self.view(session) == "overview")
        session.runLine("model layer 3", lineNumber: 3)
        #expect(Self.view(session) == nil)
        #expect(session.state.currentLayer == "bert3")
        session.runLine("model overview", lineNumber: 4)
        #expect(Self.view(session) == "overview")
        let said = transcript.output.joined(separator: "\n")
        #expect(said.contains("overview: 6 layers × 12 heads"))
        #expect(!said.contains("strongest pattern of each head"), "the panes show the thumbnails, not the table")
        session.runLine("view X", lineNumber: 5)
        #expect(Self.view(session) == "X")
        session.runLine("view overview", lineNumber: 6)
        #expect(Self.view(session) == "overview")
    }

    @Test func plainModeKeepsTheTextTable() {
        let transcript = Transcript()
        let session = transcript.session()
        let ok = session.runScript("model load \"\(InstalledModel.directory ?? "")\"\nmodel run a dog.\nmodel overview\nview overview",
                                   fileName: "plain.attn", keepGoing: false)
        #expect(ok, "\(transcript.errors)")
        #expect(Self.view(session) == nil, "plain mode never chooses what the panes show")
        let tables = transcript.output.filter { $0.hasPrefix("strongest pattern of each head") }
        #expect(tables.count == 2)
    }

    @Test func viewOverviewNeedsASentence() {
        let (session, transcript, _) = Self.panesSession("")
        session.runLine("view overview", lineNumber: 2)
        #expect(transcript.errors.joined().contains("`model run TEXT` first"))
        #expect(Self.view(session) == nil)
    }
}
