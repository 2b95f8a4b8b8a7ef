import AttnTestSupport
import Foundation
import Testing

/// Hostile input never crashes the binary: it ends with status 0 or 1, by itself, in time (docs/reference.md §10).
@Suite struct BinaryRobustnessTests {
    /// Pieces of the language, so random inputs reach past the lexer into parser and interpreter.
    static let fragments = [
        "x", "attn.P", " = ", "[", "]", "(", ")", ",", ";", "\n", "\\\n", "#", "@", "**", "*", "-",
        "+", "/", ".T", ":", "1", "-0.5", "1e999", "inf", "nan", "99999999999999999999", "softmax(",
        "randn(", "zeros(", "reshape(", "dim=", "seed=", "show ", "ls", "del ", "load ", "save ",
        "limit mem=", "precision ", "echo ", "help ", "\"", "~", "x[", "0:", "::", "-1", "==", "<",
    ]

    /// Input number `index` of the corpus: raw bytes, language fragments, or a mix.
    static func corpusInput(_ index: Int) -> [UInt8] {
        var random = SplitMix64(state: UInt64(index) &* 7919 &+ 17)
        let pieces = 1 + random.below(60)
        var bytes: [UInt8] = []
        for _ in 0..<pieces {
            switch (index % 3, random.below(4)) {
            case (0, _), (2, 0):
                bytes += (0..<(1 + random.below(8))).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            default:
                bytes += Array(fragments[random.below(fragments.count)].utf8)
            }
        }
        return bytes
    }

    @Test(arguments: 0..<200)
    func randomInputNeverCrashes(index: Int) throws {
        let input = Self.corpusInput(index)
        let arguments = index % 2 == 0 ? [] : ["--keep-going"]
        let run = try ProcessRun.attnsh(arguments, input: input, timeout: 30)
        #expect(run.endedCleanly, "input \(index) \(input): status \(run.status), signaled \(run.signaled), timed out \(run.timedOut)\n\(run.stderr)")
    }

    static let validScript = """
        x = [[1, 2], [3, 4.5]]
        y = softmax(x @ x.T / sqrt(2), dim=-1)
        z = x[0, :] + randn(2, seed=3); w = reshape(arange(6), 2, 3)
        show y precision=3
        x[1, 0:2] = [7, \\
          8]

        """

    @Test func everyPrefixOfAValidScriptEndsCleanly() throws {
        let characters = Array(Self.validScript)
        // One process per prefix: each truncation is a script of its own.
        for length in 0...characters.count {
            let run = try ProcessRun.attnsh(["--keep-going"], input: String(characters[..<length]), timeout: 30)
            #expect(run.endedCleanly, "prefix of \(length) characters: status \(run.status)\n\(run.stderr)")
        }
    }

    @Test func theValidScriptItselfSucceeds() throws {
        let run = try ProcessRun.attnsh(input: Self.validScript)
        #expect(run.status == 0, "stderr: \(run.stderr)")
    }

    @Test(arguments: ["(", "["])
    func tenThousandNestedBracketsAreAnError(opening: String) throws {
        let closing = opening == "(" ? ")" : "]"
        let input = "x = " + String(repeating: opening, count: 10_000) + "1" + String(repeating: closing, count: 10_000) + "\n"
        let run = try ProcessRun.attnsh(input: input, timeout: 30)
        #expect(run.status == 1 && !run.signaled && !run.timedOut, "status \(run.status)")
        #expect(run.stderr.contains("<stdin>:1:") && run.stderr.contains("error:"), "stderr: \(run.stderr.prefix(300))")
    }

    @Test func aBinaryFileIsAnError() throws {
        // The binary itself: NUL bytes, invalid UTF-8, megabytes long.
        let run = try ProcessRun.attnsh([BuiltBinary.path], timeout: 30)
        #expect(run.status == 1 && !run.signaled && !run.timedOut)
        #expect(run.stderr.hasPrefix(BuiltBinary.path + ":"), "stderr: \(run.stderr.prefix(300))")
        #expect(run.stderr.contains("error:"))
    }

    @Test func invalidUTF8IsALocatedError() throws {
        let input: [UInt8] = Array("x = 1\n".utf8) + [0x79, 0x20, 0x3D, 0x20, 0xFF, 0xFE, 0x0A]
        let run = try ProcessRun.attnsh(input: input)
        #expect(run.status == 1 && !run.signaled)
        #expect(run.stderr.hasPrefix("<stdin>:2:"), "stderr: \(run.stderr)")
    }

    @Test func aHugeAllocationIsRefusedNotFatal() throws {
        let run = try ProcessRun.attnsh(input: "x = zeros(100000, 100000, 100000)\n")
        #expect(run.status == 1 && !run.signaled, "status \(run.status)")
        #expect(run.stderr.contains("error:"))
    }
}
