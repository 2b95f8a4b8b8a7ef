import Testing

/// `attnsh bench` through the built binary.
@Suite struct BenchCommandTests {
    @Test func benchPrintsTheNumpyScriptsFigures() throws {
        let run = try ProcessRun.attnsh(["bench", "--seq", "16", "--d-model", "8", "--heads", "2", "--causal",
                                         "--repeat", "3", "--sgemm", "32"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let lines = run.outputLines
        // The figures line, then per-run usage and the sgemm rate at the pass's sizes.
        #expect(lines.count == 5)
        #expect(lines.first?.hasPrefix("plain sgemm 32x32x32: ") == true)
        #expect(lines.dropFirst().first == "attnsh forward  T=16 D=8 H=2 G=2 K=4 causal")
        #expect(lines.dropFirst(2).first?.hasPrefix("median ") == true && lines.dropFirst(2).first?.contains(" GFLOP/s  peak ") == true)
        #expect(lines.dropFirst(3).first?.hasPrefix("per run: system ") == true && lines.dropFirst(3).first?.contains(" minor faults ") == true)
        #expect(lines.last?.hasPrefix("sgemm at these sizes: projections ") == true && lines.last?.contains("% of it") == true)
    }

    @Test(arguments: [["--seq", "16", "--d-model", "8", "--heads", "3"], ["--seq", "0", "--d-model", "8", "--heads", "2"],
                      ["--d-model", "8", "--heads", "2"], ["--seq", "8", "--d-model", "8", "--heads", "2", "--kv-heads", "3"]])
    func badSettingsAreUsageErrors(arguments: [String]) throws {
        let run = try ProcessRun.attnsh(["bench"] + arguments)
        #expect(run.status == 64 && !run.signaled, "status \(run.status), stderr: \(run.stderr)")
        #expect(run.stderr.contains("Error"), "stderr: \(run.stderr)")
    }
}
