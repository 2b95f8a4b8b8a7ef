import AttnCore
import AttnTestSupport
import Testing
@testable import AttnLang

/// Seeded random statements built from the language's own pieces: whatever
/// they are, running them must end in a value or a diagnostic, never a crash.
@Test func randomStatementsNeverCrash() {
    let pieces = ["x", "y", "attn.P", "=", "(", ")", "[", "]", ",", ":", ";", "+", "-", "*", "/", "@", "**",
                  "<", "==", ".T", "1", "-1", "0", "2.5", "1e38", "1e999", "inf", "nan", "softmax(", "randn(",
                  "zeros(", "sum(", "dim=", "seed=", "keepdim=", "show ", "del ", "load ", "save ", "seed ",
                  "precision ", "limit mem=", "help ", "echo ", "\\", "#", "\"", " ", "\n", "x[", "9e15", "-9e15",
                  "reshape(", "transpose(", "arange(", "where(", "eye(", "full(", "~", "!", "é"]
    var rng = RandomSource(seed: 2026)
    let transcript = Transcript()
    let session = transcript.session()
    session.runScript("x = [[1, 2], [3, 4]]\ny = ones(2, 3)\nattn.P = eye(2)", fileName: "setup", keepGoing: false)
    MemoryLimit.$scoped.withValue(1 << 20) {
        for line in 0..<3000 {
            let length = Int(rng.nextUInt64() % 12) + 1
            let text = (0..<length).map { _ in pieces[Int(rng.nextUInt64() % UInt64(pieces.count))] }.joined()
            session.runLine(text, lineNumber: line + 1)
            _ = session.completions(line: text, cursor: Int(rng.nextUInt64() % UInt64(text.count + 2)))
            _ = session.needsContinuation(text)
        }
    }
    // Every failure was reported in the contract's form.
    for error in transcript.errors {
        #expect(error.hasPrefix("<stdin>:") || error.hasPrefix("setup:"))
        #expect(error.contains(": error: ") || error.contains(": warning: "))
    }
    #expect(!transcript.errors.isEmpty)
}

@Test func randomBytesNeverCrash() {
    var rng = RandomSource(seed: 7)
    let session = Transcript().session()
    for _ in 0..<200 {
        let bytes = (0..<Int(rng.nextUInt64() % 64)).map { _ in UInt8(truncatingIfNeeded: rng.nextUInt64()) }
        session.runScript(bytes: bytes, fileName: "noise.bin", keepGoing: true)
    }
}
