import AttnCore
import AttnTestSupport
import Foundation
import Testing
@testable import AttnLang

@Test func failedStatementsChangeNothing() {
    let transcript = Transcript()
    let session = transcript.session()
    session.runScript("x = [1, 2, 3]\ny = eye(2)\nseed 4\nprecision 3", fileName: "t", keepGoing: false)
    let before = session.state
    let failing = [
        "x = x + [1, 2]",              // evaluation fails before assigning
        "x[0:2] = [7, 8, 9]",           // index assignment fails in the middle of the statement
        "del y zz",                     // removes y, then fails on zz
        "y = randn(3) + [1, 2]",        // draws from the generator, then fails
        "x[0] = randn(2, -1)",
        "precision 99",
        "seed -1",
    ]
    for line in failing {
        #expect(!session.runLine(line, lineNumber: 1), "\(line) should fail")
    }
    #expect(session.state.workspace == before.workspace)
    #expect(session.state.generator == before.generator)
    #expect(session.state.precision == before.precision)
    #expect(transcript.errors.count == failing.count)
}

@Test func aFailingRandnDoesNotAdvanceTheGenerator() {
    let transcript = Transcript()
    let session = transcript.session()
    #expect(!session.runLine("a = randn(3) + [1, 2]", lineNumber: 1))
    #expect(session.runLine("b = randn(3)", lineNumber: 2))
    var fresh = RandomSource(seed: 0)
    let expected = (0..<3).map { _ in fresh.nextNormal() }
    #expect(session.state.workspace["b"]?.scalars == expected)
}

@Test func scriptsStopAtTheFirstErrorUnlessKeepGoing() {
    for keepGoing in [false, true] {
        let transcript = Transcript()
        let session = transcript.session()
        let ok = session.runScript("x = 1\ny = q\nz = 2\nw = ]", fileName: "s.attn", keepGoing: keepGoing)
        #expect(!ok)
        #expect((session.state.workspace["z"] != nil) == keepGoing)
        #expect(transcript.errorHeaders.count == (keepGoing ? 2 : 1))
        #expect(transcript.errorHeaders.first == "s.attn:2:5: error: `q` is not defined; did you mean `x`?")
    }
}

@Test func runLineRendersDiagnosticsWithItsLineNumber() {
    let transcript = Transcript()
    let session = transcript.session()
    session.runLine("x = 1", lineNumber: 6)
    #expect(!session.runLine("y = x + somethingelse", lineNumber: 7))
    #expect(transcript.errors.last?.hasPrefix("<stdin>:7:9: error: `somethingelse` is not defined\n") == true)
    transcript.errors.removeAll()
    #expect(!session.runLine("y = x + qq", lineNumber: 7))
    #expect(transcript.errors == ["<stdin>:7:9: error: `qq` is not defined; did you mean `x`?\ny = x + qq\n        ^~"])
    #expect(session.prompt == "attnsh> ")
}

@Test func continuedInteractiveInputKeepsLinePositions() {
    let transcript = Transcript()
    let session = transcript.session()
    #expect(!session.runLine("y = 1 + \\\n  nope", lineNumber: 3))
    #expect(transcript.errors == ["<stdin>:4:3: error: `nope` is not defined\n  nope\n  ^~~~"])
}

@Test(arguments: [
    ("x = 1 + \\", true),
    ("x = 1 + \\   ", true),
    ("x = 1 + \\  # more to come", true),
    ("x = 1 + 2", false),
    ("echo \"a \\\"", false),
    ("y = 2 \\\nz = 3", false),
    ("", false),
])
func continuationIsDetected(text: String, expected: Bool) {
    #expect(Transcript().session().needsContinuation(text) == expected)
}

@Test func nulBytesAndInvalidUTF8AreLocatedErrors() {
    let transcript = Transcript()
    let session = transcript.session()
    #expect(!session.runScript(bytes: Array("x = 1\ny = é\u{0}\n".utf8), fileName: "bin.attn", keepGoing: true))
    #expect(!session.runScript(bytes: Array("x = 1\n".utf8) + [0x7A, 0xFF, 0x0A], fileName: "bad.attn", keepGoing: true))
    #expect(transcript.errorHeaders == [
        "bin.attn:2:6: error: the file contains a NUL byte (is it a binary file?)",
        "bad.attn:2:2: error: invalid UTF-8 in the file (is it a binary file?)",
    ])
    // Nothing ran: the whole file is rejected before the first statement.
    #expect(session.state.workspace["x"] == nil)
    #expect(session.runScript(bytes: Array("x = 1\n".utf8), fileName: "ok.attn", keepGoing: false))
    #expect(session.state.workspace["x"]?.scalars == [1])
}

@Test func limitDoesNotTouchProcessStateInTests() {
    let transcript = Transcript()
    let session = transcript.session()
    let before = MemoryLimit.bytes
    #expect(session.runLine("limit mem=1M", lineNumber: 1))
    #expect(session.state.memoryLimit == 1 << 20)
    #expect(MemoryLimit.bytes == before)
    #expect(!session.runLine("x = zeros(1000, 1000)", lineNumber: 2))
    #expect(session.runLine("x = zeros(100, 100)", lineNumber: 3))
}

@Test func saveAndLoadRoundTripThroughNpyAndCsv() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("attnsh-lang-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let transcript = Transcript()
    let session = transcript.session()
    let ok = session.runScript("""
        x = [[1.5, -2], [1e-3, inf]]
        save x "\(folder.path)/x.npy"
        save x \(folder.path)/x.csv
        load a \(folder.path)/x.npy
        load b "\(folder.path)/x.csv"
        """, fileName: "io.attn", keepGoing: false)
    #expect(ok, "\(transcript.errors)")
    let x = session.state.workspace["x"]
    #expect(session.state.workspace["a"] == x)
    #expect(session.state.workspace["b"] == x)
    #expect(!session.runLine("save x \(folder.path)/x.txt", lineNumber: 1))
    #expect(transcript.errorHeaders.last?.contains("use a .npy or .csv file name") == true)
    #expect(!session.runLine("load y \(folder.path)/missing.npy", lineNumber: 2))
    #expect(transcript.errorHeaders.last?.contains("missing.npy") == true)
    #expect(session.state.workspace["y"] == nil)
}

@Test func loadingIntoALayerWeightChecksItsShape() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("attnsh-lang-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let transcript = Transcript()
    let session = transcript.session()
    session.runLine("v = ones(3)\nsave v \(folder.path)/v.npy", lineNumber: 1)
    var state = session.state
    state.workspace.set("attn.Wq", try Tensor.zeros([2, 2]), origin: .layerWeight)
    session.replaceState(state)
    #expect(!session.runLine("load attn.Wq \(folder.path)/v.npy", lineNumber: 3))
    #expect(transcript.errorHeaders.last?.contains("layer weight of shape [2, 2]") == true)
}

@Test func tildeExpandsToHome() {
    let home = ProcessInfo.processInfo.environment["HOME"] ?? ""
    #expect(CommandSpec.expandTilde("~/a.npy") == home + "/a.npy")
    #expect(CommandSpec.expandTilde("a~b.npy") == "a~b.npy")
}

@Test func helpCoversEveryCommandAndFunction() {
    for spec in CommandSpec.all {
        #expect(HelpText.topic(spec.name)?.hasPrefix(spec.syntax) == true)
        #expect(HelpText.overview.contains(spec.syntax))
    }
    for function in FunctionSpec.all {
        // A name that is also a command (`entropy`) lists the command first.
        let isCommand = CommandSpec.named(function.name) != nil
        #expect(HelpText.topic(function.name).map { isCommand ? $0.contains(function.signature) : $0.hasPrefix(function.signature) } == true)
        #expect(HelpText.overview.contains(function.name))
    }
    #expect(HelpText.topic("language")?.contains(".T") == true)
    #expect(HelpText.topic("nonsense") == nil)
}

@Test func everyFunctionExampleRuns() {
    let transcript = Transcript()
    let session = transcript.session()
    for function in FunctionSpec.all {
        #expect(session.runLine(function.example, lineNumber: 1), "\(function.name): \(transcript.errors.last ?? "")")
    }
}

@Test func succeededStatementsAreReportedWithTheirText() {
    let transcript = Transcript()
    let session = transcript.session()
    var seen: [String] = []
    session.onStatementSucceeded = { seen.append($0.text) }
    session.runScript("x = 1 ; y = q\nshow x  # note", fileName: "r", keepGoing: true)
    #expect(seen == ["x = 1", "show x"])
}
