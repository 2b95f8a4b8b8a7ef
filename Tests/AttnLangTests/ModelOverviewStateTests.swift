import AttnCore
import AttnTestSupport
import Testing
@testable import AttnLang

/// Which effects the model statements report: `model run` offers the overview, `model layer`
/// opens a layer, `model overview` and `view overview` ask for it; the language prints no table
/// itself (the plain shell prints it for the effect).
@Suite("model overview effects, on all-MiniLM-L6-v2",
       .enabled(if: InstalledModel.isAvailable, InstalledModel.missingReason))
struct ModelOverviewStateTests {
    /// A session with a recording host and the model loaded, after `script`.
    static func modelSession(_ script: String) -> (Session, Transcript, RecordingHost, Bool) {
        let transcript = Transcript()
        let session = transcript.session()
        let host = RecordingHost()
        host.attach(to: session)
        let ok = session.runScript("model load \"\(InstalledModel.directory ?? "")\"\n" + script,
                                   fileName: "overview.attn", keepGoing: false)
        return (session, transcript, host, ok)
    }

    @Test func modelStatementsReportTheirEffectsInOrder() {
        let (session, transcript, host, ok) = Self.modelSession("model run the cat sat on the mat.")
        #expect(ok, "\(transcript.errors)")
        #expect(host.effects == [.modelSentence])
        session.runLine("model layer 3", lineNumber: 3)
        #expect(session.state.currentLayer == "bert3")
        session.runLine("model overview", lineNumber: 4)
        session.runLine("view X", lineNumber: 5)
        session.runLine("view overview", lineNumber: 6)
        #expect(host.effects == [.modelSentence, .modelLayerOpened, .modelOverview, .viewTensor("X"), .modelOverview])
        let said = transcript.output.joined(separator: "\n")
        #expect(!said.contains("strongest pattern of each head"), "the table is the plain shell's rendering")
    }

    @Test func viewOverviewNeedsASentence() {
        let (session, transcript, host, _) = Self.modelSession("")
        session.runLine("view overview", lineNumber: 2)
        #expect(transcript.errors.joined().contains("`model run TEXT` first"))
        #expect(host.effects.isEmpty)
    }
}
