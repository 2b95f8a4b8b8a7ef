import Foundation
import Testing
import AttnTestSupport

/// Values and diagnostics sent to one file (`2>&1`) come in the order the statements made them:
/// stdout is flushed before every diagnostic.
@Suite struct OutputOrderTests {
    @Test func keepGoingKeepsValuesAndErrorsInStatementOrder() throws {
        let folder = try ScratchFolder()
        try folder.write("first = 1\nfirst\nbad = nosuch\necho middle\nbad2 = nope\necho last\n", to: "order.attn")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", #"exec "$0" --norc --keep-going order.attn > both.txt 2>&1"#, BuiltBinary.path]
        process.currentDirectoryURL = folder.url
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": folder.path, "LANG": "C.UTF-8"]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        let lines = try String(contentsOfFile: folder.file("both.txt"), encoding: .utf8).split(separator: "\n").map(String.init)
        let marks = lines.filter { $0 == "1.0" || $0 == "middle" || $0 == "last" || $0.contains(": error: ") }
        #expect(marks == ["1.0", "order.attn:3:7: error: `nosuch` is not defined", "middle",
                          "order.attn:5:8: error: `nope` is not defined", "last"], "\(lines)")
    }
}
