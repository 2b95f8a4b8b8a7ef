import AttnCore
import AttnLang

/// The benchmark's timed runs made as a user makes them: `run X` typed
/// again and again in one session, each replacing the trace before it.
///
/// Every run goes through the session (a copy of the state, the
/// interpreter's `run`, the workspace updated, the old trace let go), so the
/// figures include what a repeated `run` pays that a bare forward pass does
/// not: the previous trace held until the new one is complete, and the
/// stages stored in the workspace.
struct RepeatedRunBenchmark {
    let bench: AttentionBenchmark

    /// The figures of `bench.repeats` timed `run X` after two warm-ups (the
    /// second is the first to replace a trace: the steady state starts after it).
    func run() throws -> AttentionBenchmark.Result {
        let inputs = try bench.inputs()
        let config = inputs.config
        var failures: [String] = []
        let session = Session(output: { _ in }, errors: { failures.append($0) })
        var definition = "mha bench d_model=\(config.dModel) heads=\(config.heads)"
        if config.kvHeads != config.heads { definition += " kv_heads=\(config.kvHeads)" }
        guard session.runLine(definition, lineNumber: 1),
              !bench.causal || session.runLine("mask causal", lineNumber: 2) else {
            throw TensorError("the benchmark could not define its layer: \(failures.joined(separator: " "))")
        }
        var state = session.state
        state.workspace.set("X", inputs.input)
        for (name, weight) in inputs.weights { state.workspace.update(name, weight) }
        session.replaceState(state)
        return try bench.run(inputs, warmUps: 2) {
            guard session.runLine("run X", lineNumber: 3) else {
                throw TensorError("`run X` failed: \(failures.joined(separator: " "))")
            }
        }
    }
}
