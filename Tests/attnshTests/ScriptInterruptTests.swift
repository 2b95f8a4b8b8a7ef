import Foundation
import Testing
import AttnTestSupport

/// A SIGINT that lands between two quick statements of a script is not lost: the next statement
/// is cancelled (its error names its line) and the run ends with status 130 at once, not after
/// the rest of the script.
@Suite struct ScriptInterruptTests {
    /// 200,000 one-line statements: seconds of work, each statement far shorter than a millisecond,
    /// so almost every SIGINT arrives between two of them.
    static let quickScript = "x = ones(2, 2)\nsave x started.npy\n"
        + String(repeating: "a = 1\nb = a + 1\n", count: 100_000)
        + "echo NOT_REACHED\n"

    @Test(arguments: 1...3)
    func aSignalBetweenStatementsStopsTheScript(_ round: Int) throws {
        let folder = try ScratchFolder()
        try folder.write(Self.quickScript, to: "quick.attn")
        let child = try BackgroundRun(["quick.attn"], folder: folder)
        let started = folder.url.appendingPathComponent("started.npy").path
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: started) && Date() < deadline { usleep(5_000) }
        #expect(FileManager.default.fileExists(atPath: started), "the script never started; stderr: \(child.stderr)")
        usleep(UInt32(50_000 * round))
        let sent = Date()
        child.send(SIGINT)
        let status = child.wait(timeout: 60)
        let took = Date().timeIntervalSince(sent)
        #expect(status == 130, "status \(String(describing: status)); stderr: \(child.stderr)")
        #expect(!child.endedBySignal, "SIGINT killed the process instead of cancelling the statement")
        #expect(child.stderr.contains("quick.attn:") && child.stderr.contains("cancelled (Ctrl-C)"),
                "the cancelled statement is not named; stderr: \(child.stderr)")
        #expect(!child.stdout.contains("NOT_REACHED"), "the script went on after Ctrl-C")
        // Generous for a loaded machine; the script's remaining statements take several seconds.
        #expect(took < 2, "ended \(took) s after the signal")
    }
}
