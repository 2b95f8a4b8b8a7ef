import Foundation
import Testing
@testable import AttnTerminal

/// The render benchmark of issue 4 (8 heads of 64×64 into cells), not a timed test: it prints
/// the median and checks only that rendering produced a figure. Run it in a release build:
/// `ATTNSH_BENCH_RENDER=1 swift test -c release --filter RenderBenchmarkTests`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["ATTNSH_BENCH_RENDER"] != nil))
struct RenderBenchmarkTests {
    @Test func eightHeadsOf64x64() {
        for options in [RenderOptions.color256, .monochrome] {
            var runs = (0..<9).map { _ in GridPaneRenderer.benchmarkRender(iterations: 20, options: options) }
            runs.sort()
            let median = runs[runs.count / 2]
            print("render benchmark (\(options.colorMode)): 8 heads of 64×64 into 160×30 cells, median of 9 runs of 20: \(String(format: "%.3f", median)) ms")
            #expect(median > 0 && median.isFinite)
        }
    }
}
