import Foundation
import Testing
import AttnTestSupport

/// A script cannot send escape sequences to the terminal through `echo`, labels or the source
/// line an error repeats: every control character reaches stdout and stderr visibly.
@Suite struct ControlCharacterTests {
    @Test func escapeSequencesInAScriptAreWrittenVisibly() throws {
        let script = "echo \u{1B}]0;PWNED\u{07}x\nmha d_model=4 heads=1\necho \u{1B}[2J cleared\nnosuch\u{1B}\n"
        let run = try ProcessRun.attnsh(["--norc", "--keep-going"], input: Array(script.utf8))
        for (name, text) in [("stdout", run.stdout), ("stderr", run.stderr)] {
            let controls = text.unicodeScalars.filter { $0.value < 0x20 && $0 != "\n" && $0 != "\t" }
            #expect(controls.isEmpty, "\(name) holds control characters: \(controls.map(\.value))")
        }
        #expect(run.stdout.contains("^[]0"), "stdout: \(run.stdout)")
        #expect(run.stdout.contains("^[[2J cleared"), "stdout: \(run.stdout)")
        #expect(run.stderr.contains("^G"), "stderr: \(run.stderr)")
    }
}
