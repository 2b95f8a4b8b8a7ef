import Testing
@testable import AttnCore

/// The fast path on both sides of `AttentionFastPath.serialFlops`: on one
/// thread below it, over the cores above it, the same bits as `step` either way.
@Suite struct AttentionFastPathParallelTests {
    typealias Setting = AttentionFastPathTests.Setting

    /// Settings above the serial bound (2^26 FLOPs), so blocks run over the cores.
    static let settings: [Setting] = [
        Setting(label: "causal, parallel", heads: 4, kvHeads: 4, dHead: 32, tq: 700, masks: [.causal]),
        Setting(label: "window, grouped-query, ALiBi, parallel", heads: 4, kvHeads: 2, dHead: 32, tq: 640,
                masks: [.window(40)], posenc: .alibi),
        Setting(label: "tensor mask, temperature, parallel", heads: 4, kvHeads: 4, dHead: 32, tq: 600,
                masks: [.tensor("m")], tensorMask: [600, 600], temperature: 0.7),
    ]

    @Test(arguments: settings)
    func largePassesRunInParallelAndEqualTheElevenSteps(_ setting: Setting) throws {
        let layer = try AttentionFastPathTests.Case(setting)
        let tq = layer.input.shape[0]
        #expect(!AttentionFastPath.runsSerially(layer.config, tq: tq, tk: tq))
        let fast = try AttentionFastPath.forward(config: layer.config, read: layer.read, input: layer.input, kv: nil)
        let steps = try AttentionEngine.run(config: layer.config, read: layer.read, input: layer.input, kv: nil)
        for output in steps {
            let kept = try fast.stages[output.stage] ?? fast.derived.tensor(output.stage)
            #expect(kept == output.tensor, "\(output.stage) differs from step")
        }
        #expect(fast.warnings == steps.flatMap(\.warnings))
    }

    @Test func theBoundSplitsIssue18sSmallAndLargeCases() throws {
        let small = try LayerConfig.make(dModel: 128, heads: 4)
        let large = try LayerConfig.make(dModel: 512, heads: 8)
        #expect(AttentionFastPath.runsSerially(small, tq: 128, tk: 128))
        #expect(!AttentionFastPath.runsSerially(large, tq: 512, tk: 512))
        // The BLAS thread count the pass set for itself is given back.
        let before = BLAS.threadCount
        let layer = try AttentionFastPathTests.Case(AttentionFastPathTests.Setting(label: "small"))
        _ = try AttentionFastPath.forward(config: layer.config, read: layer.read, input: layer.input, kv: nil)
        #expect(BLAS.threadCount == before)
    }
}
