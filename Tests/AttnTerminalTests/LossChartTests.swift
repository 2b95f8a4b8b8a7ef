import Foundation
import Testing
@testable import AttnCore
@testable import AttnTerminal

/// The live loss pane: goldens of fixed loss series (not a real training run) and the rules the
/// chart must keep whatever the series.
@Suite struct LossChartTests {
    /// A falling loss with a ripple: 2.3·e^(−s/τ) + 0.05 + 0.04·sin(s), held-out accuracy every
    /// 10 steps rising as 1 − e^(−s/(2τ)), cut after `run` of `total` steps.
    static func curve(heads: Int, total: Int, run: Int, timeConstant: Double) -> LossChartModel.Curve {
        let losses = (1...run).map { step -> Float in
            Float(2.3 * exp(-Double(step) / timeConstant) + 0.05 + 0.04 * sin(Double(step)))
        }
        let accuracies = stride(from: 10, through: run, by: 10).map { step in
            LossChartModel.AccuracyPoint(step: step, accuracy: 1 - exp(-Double(step) / (timeConstant / 2)))
        }
        return LossChartModel.Curve(heads: heads, totalSteps: total, losses: losses, accuracies: accuracies)
    }

    static let single = LossChartModel(title: "train task=prev steps=300",
                                       curves: [curve(heads: 1, total: 300, run: 180, timeConstant: 30)])
    static let comparison = LossChartModel(title: "train task=induction heads=1,2,4", curves: [
        curve(heads: 1, total: 200, run: 200, timeConstant: 90),
        curve(heads: 2, total: 200, run: 200, timeConstant: 40),
        curve(heads: 4, total: 200, run: 70, timeConstant: 25),
    ])

    struct Case: CustomTestStringConvertible, Sendable {
        let example: String
        let width: Int
        let height: Int
        let mode: ColorMode
        var testDescription: String { "\(example) \(width)x\(height) \(mode)" }
        var goldenName: String { "loss-\(example)-\(width)x\(height)-\(mode)" }
    }

    static let cases: [Case] = ["single", "comparison"].flatMap { example in
        [(100, 30), (160, 48)].flatMap { size in
            [ColorMode.color256, .monochrome, .ascii].map {
                Case(example: example, width: size.0, height: size.1, mode: $0)
            }
        }
    }

    /// The whole screen while training: the chart in the grid pane, the log below.
    static func screen(_ example: String) -> ScreenModel {
        var model = ScreenModel(log: ["attn> " + (example == "single" ? single.title : comparison.title),
                                      "train prev (output the previous token): vocab 8, T 12, mask causal"],
                                prompt: "attn> ")
        model.lossChart = example == "single" ? single : comparison
        return model
    }

    @Test(arguments: cases)
    func golden(_ testCase: Case) {
        let grid = ScreenRenderer.render(Self.screen(testCase.example), width: testCase.width,
                                         height: testCase.height, options: RenderOptions(colorMode: testCase.mode))
        #expect(grid.width == testCase.width && grid.height == testCase.height)
        #expect(grid.text.contains("loss curve, live"))
        if testCase.mode == .ascii { #expect(grid.cells.allSatisfy { $0.character.isASCII }) }
        let text = testCase.mode == .color256 ? GoldenFile.colorText(grid) : grid.text
        GoldenFile.check(text, named: testCase.goldenName)
    }

    /// Every panel names its heads and, once reached, the step of the target (narrow panels drop the step).
    @Test func comparisonNamesEachRunAndItsTargetStep() {
        let text = LossChartRenderer.render(Self.comparison, width: 160, height: 30, options: .monochrome).text
        for curve in Self.comparison.curves {
            #expect(text.contains("heads \(curve.heads) · step \(curve.step)/\(curve.totalSteps)"))
            let narrow = LossChartRenderer.render(Self.comparison, width: 94, height: 30, options: .monochrome).text
            #expect(narrow.contains("heads \(curve.heads) loss"))
            if let reached = curve.firstStep(reaching: Self.comparison.targetAccuracy) {
                #expect(text.contains("reached 99% at step \(reached)"))
            }
        }
        // 1 − e^(−s/20) first reaches 0.99 at s ≥ 20·ln 100 ≈ 92.1, evaluated every 10: step 100.
        #expect(Self.comparison.curves[1].firstStep(reaching: 0.99) == 100)
        #expect(Self.comparison.curves[0].firstStep(reaching: 0.99) == nil)
    }

    /// A falling loss starts in the plot's top row and ends in its bottom row.
    @Test(arguments: [ColorMode.monochrome, .ascii])
    func fallingLossGoesFromTopToBottom(_ mode: ColorMode) {
        let losses = (0..<50).map { Float(50 - $0) / 50 }
        let model = LossChartModel(title: "t", curves: [LossChartModel.Curve(heads: 1, totalSteps: 50, losses: losses)])
        let grid = LossChartRenderer.render(model, width: 60, height: 14, options: RenderOptions(colorMode: mode))
        // Rows: 0 title, 1 header, 2 target note, 3...10 plot, 11 axis, 12 step labels, 13 legend.
        let plotTop = 3, plotBottom = 10
        let label = "1.00"
        let plotX = label.count + 2
        let plotRight = 60 - 5 - 1
        func isCurve(_ cell: Cell) -> Bool {
            mode == .ascii ? cell.character == "*" : (cell.character.unicodeScalars.first.map { $0.value > 0x2800 && $0.value <= 0x28FF } ?? false)
        }
        #expect(isCurve(grid[plotX, plotTop]))
        #expect(isCurve(grid[plotRight, plotBottom]))
        #expect(!isCurve(grid[plotRight, plotTop]))
        #expect(!isCurve(grid[plotX, plotBottom]))
        #expect(grid.text.split(separator: "\n")[plotTop].hasPrefix("1.00 "))
    }

    @Test func progressReportsGrowOneCurvePerRun() {
        func report(heads: Int, step: Int, accuracy: Int) -> TrainingProgress {
            TrainingProgress(heads: heads, step: step, totalSteps: 20, losses: Array(repeating: 1, count: step),
                             heldOut: TrainingScore(loss: 1, correct: accuracy, counted: 100))
        }
        var model = LossChartModel(title: "train")
        model.record(report(heads: 1, step: 10, accuracy: 50))
        model.record(report(heads: 1, step: 20, accuracy: 99))
        model.record(report(heads: 2, step: 10, accuracy: 70))
        #expect(model.curves.map(\.heads) == [1, 2])
        #expect(model.curves[0].losses.count == 20)
        #expect(model.curves[0].accuracies.map(\.step) == [10, 20])
        #expect(model.curves[0].firstStep(reaching: 0.99) == 20)
        #expect(model.curves[1].step == 10)
        // A second run with the same heads starts over rather than continuing.
        model.record(report(heads: 2, step: 10, accuracy: 10))
        #expect(model.curves.count == 3)
    }

    @Test(arguments: [(1, 0), (100, 39), (51, 20), (50, 19)])
    func stepsMapOntoColumns(_ step: Int, _ column: Int) {
        #expect(LossChartRenderer.column(of: step, totalSteps: 100, columns: 40) == column)
    }

    /// Odd sizes, empty and non-finite series draw without trapping.
    @Test(arguments: [(0, 0), (1, 1), (10, 3), (23, 6), (30, 7), (200, 60)])
    func oddSizes(_ width: Int, _ height: Int) {
        let strange = LossChartModel(title: "x", curves: [
            LossChartModel.Curve(heads: 1, totalSteps: 1, losses: [.nan]),
            LossChartModel.Curve(heads: 2, totalSteps: 5, losses: [.infinity, 0, -1]),
            LossChartModel.Curve(heads: 3, totalSteps: 100_000),
        ])
        for model in [strange, LossChartModel(title: "")] {
            let grid = LossChartRenderer.render(model, width: width, height: height, options: .ascii)
            #expect(grid.width == width && grid.height == height)
        }
    }
}
