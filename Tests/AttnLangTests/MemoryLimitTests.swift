import AttnCore
import AttnTestSupport
import Foundation
import Testing
@testable import AttnLang

/// A session holding tensors made under a generous limit, then held to
/// `limit mem=1M` (262144 float32 values): `big` is [600, 600] (1.4 MiB),
/// `mid` is [300, 300] (352 KiB), `column`/`row` are [1000, 1] and [1, 1000],
/// `long` is [600, 8], `small` [8, 8], and layer `attn` has d_model=8.
private func limitedSession(_ transcript: Transcript) -> Session {
    let session = transcript.session()
    let setup = """
        big = ones(600, 600)
        mid = ones(300, 300)
        column = ones(1000, 1)
        row = ones(1, 1000)
        long = ones(600, 8)
        small = ones(8, 8)
        mha attn d_model=8 heads=1 seed=1
        limit mem=1M
        """
    MemoryLimit.$scoped.withValue(256 << 20) {
        let succeeded = session.runScript(setup, fileName: "setup", keepGoing: false)
        #expect(succeeded, "setup failed: \(transcript.errors)")
    }
    return session
}

/// Every kind of allocation a statement can cause, each sized past 1 MiB.
private let overLimit: [(statement: String, needs: String)] = [
    ("a = zeros(1000, 1000)", "needs 3.8 MiB"),
    ("a = full(2, 1000, 1000)", "needs 3.8 MiB"),
    ("a = eye(1000)", "needs 3.8 MiB"),
    ("a = arange(1000000)", "needs 3.8 MiB"),
    ("a = arange(0, 1000000, 1)", "needs 3.8 MiB"),
    ("a = linspace(0, 1, 1000000)", "needs 3.8 MiB"),
    ("a = randn(1000, 1000, seed=1)", "needs 3.8 MiB"),
    ("a = rand(1000, 1000, seed=1)", "needs 3.8 MiB"),
    ("a = xavier(1000, 1000, seed=1)", "needs 3.8 MiB"),
    ("a = causal(1000)", "needs 3.8 MiB"),
    ("a = sinusoidal(1000, 1000)", "needs 3.8 MiB"),
    ("a = column + row", "needs 3.8 MiB"),          // broadcast result [1000, 1000]
    ("a = where(column, column, row)", "needs 3.8 MiB"),
    ("a = column @ row", "needs 3.8 MiB"),          // matmul [1000, 1000]
    ("a = concat(mid, mid, mid)", "needs 1.0 MiB"),  // [900, 300]: 270000 values
    ("a = stack(mid, mid, mid)", "needs 1.0 MiB"),
    ("a = [mid, mid, mid]", "needs 1.0 MiB"),       // list literal of tensors
    ("a = -big", "needs 1.4 MiB"),                  // made before the limit was lowered
    ("a = big.T", "needs 1.4 MiB"),
    ("a = transpose(big, 0, 1)", "needs 1.4 MiB"),
    ("a = exp(big)", "needs 1.4 MiB"),
    ("a = softmax(big)", "needs 1.4 MiB"),
    ("a = big[:, :]", "needs 1.4 MiB"),
    ("big[0, 0] = 5", "needs 1.4 MiB"),             // index assignment copies the tensor
    ("a = zeros(16777216, 65536, 0)", "empty shape [16777216, 65536, 0] spans 1099511627776 positions"),
    ("a = reshape(zeros(0), 16777216, 65536, 0)", "empty shape [16777216, 65536, 0] spans"),
    ("a = zeros(1000000, 1000000, 0)", "empty shape [1000000, 1000000, 0] spans"),
    ("a = reshape(zeros(4, 0), 1000000, 1000000, 0)", "spans 1000000000000 positions"),
]

@Test(arguments: overLimit)
func statementsPastTheLimitFailWithTheSizeNeeded(_ statement: String, _ needs: String) {
    let transcript = Transcript()
    let session = limitedSession(transcript)
    let before = session.state.workspace
    #expect(!session.runLine(statement, lineNumber: 1))
    let message = transcript.errors.joined(separator: "\n")
    #expect(message.contains("memory limit exceeded"), "\(statement): \(message)")
    #expect(message.contains(needs), "\(statement): \(message)")
    #expect(message.contains("limit is 1.0 MiB") || message.contains("a limit of 1.0 MiB"), "\(statement): \(message)")
    let unchanged = session.state.workspace == before  // a Bool: the workspace is too big to print
    #expect(unchanged, "\(statement) changed the workspace")
}

@Test func aListOfNumbersLongerThanTheLimitFails() {
    let transcript = Transcript()
    let session = transcript.session()
    #expect(session.runLine("limit mem=1K", lineNumber: 1))
    let numbers = (0..<300).map(String.init).joined(separator: ", ")  // 300 values, 1200 bytes
    #expect(!session.runLine("a = [\(numbers)]", lineNumber: 2))
    #expect(transcript.errors.joined().contains("memory limit exceeded: needs 1.2 KiB, limit is 1.0 KiB"))
    #expect(session.runLine("a = [\((0..<200).map(String.init).joined(separator: ", "))]", lineNumber: 3))
}

@Test func tokensPastTheLimitFail() {
    let transcript = Transcript()
    let session = transcript.session()
    #expect(session.runScript("mha attn d_model=64 heads=1 seed=1\nlimit mem=64K", fileName: "setup", keepGoing: false))
    let words = (0..<300).map { "w\($0)" }.joined(separator: " ")  // X [300, 64]: 75 KiB
    #expect(!session.runLine("tokens \(words)", lineNumber: 1))
    #expect(transcript.errors.joined().contains("memory limit exceeded: needs 75.0 KiB, limit is 64.0 KiB"))
    #expect(session.runLine("tokens \((0..<200).map { "w\($0)" }.joined(separator: " "))", lineNumber: 2))
}

@Test func stageTensorsPastTheLimitFail() {
    let transcript = Transcript()
    let session = limitedSession(transcript)
    let before = session.state.workspace
    // scores [1, 600, 600] is 1.4 MiB; the projections [1, 600, 8] fit.
    #expect(!session.runLine("run long", lineNumber: 1))
    #expect(transcript.errors.joined().contains("memory limit exceeded: needs 1.4 MiB"))
    let unchanged = session.state.workspace == before
    #expect(unchanged)
    #expect(session.runLine("run small", lineNumber: 2))
}

@Test func loadPastTheLimitFails() throws {
    let folder = NSTemporaryDirectory() + "/attnsh-limit-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let transcript = Transcript()
    let session = limitedSession(transcript)
    for format in ["npy", "csv"] {
        let path = "\(folder)/big.\(format)"
        #expect(session.runLine("save big \"\(path)\"", lineNumber: 1))
        #expect(!session.runLine("load copy \"\(path)\"", lineNumber: 2))
        #expect(transcript.errors.last?.contains("memory limit") == true, "\(format): \(transcript.errors)")
        #expect(session.state.workspace["copy"] == nil)
    }
}
