import Foundation
import Testing
@testable import AttnCore
@testable import AttnTerminal

/// The detector curves of the live loss pane: the strongest head per pattern at each evaluation,
/// drawn under the loss on the same step axis, so a phase change shows in one column.
@Suite struct LossChartDetectorTests {
    /// A run with a phase change at `jump`: the loss falls from 2 to 0.2 and the induction score
    /// rises from 0.1 to 0.9 there; the previous-token score climbs to 0.8 before it.
    static func phaseChange(heads: Int = 1, total: Int = 200, run: Int = 200, jump: Int = 100) -> LossChartModel.Curve {
        let losses = (1...run).map { Float($0 < jump ? 2 : 0.2) }
        let steps = Array(stride(from: 10, through: run, by: 10))
        let accuracies = steps.map { LossChartModel.AccuracyPoint(step: $0, accuracy: $0 < jump ? 0.3 : 1) }
        let detectors = steps.map { step in
            LossChartModel.DetectorPoint(step: step, scores: [
                .init(score: min(0.8, Float(step) / 100), layer: 0, head: 0),
                .init(score: 0.05, layer: 1, head: 0),
                .init(score: step < jump ? 0.1 : 0.9, layer: 1, head: 0),
            ])
        }
        return LossChartModel.Curve(heads: heads, totalSteps: total, losses: losses, accuracies: accuracies,
                                    detectors: detectors)
    }

    static let induction = LossChartModel(title: "train task=induction layers=2", curves: [phaseChange(run: 150)])
    static let sweep = LossChartModel(title: "train task=pair heads=1,2,4", curves: [
        phaseChange(), phaseChange(heads: 2, jump: 60), phaseChange(heads: 4, run: 80, jump: 40),
    ])

    /// The whole screen while training at the lessons' sizes.
    @Test(arguments: [("induction", 100, 30), ("induction", 120, 36), ("sweep", 100, 30), ("induction", 80, 24)],
          [ColorMode.color256, .monochrome, .ascii])
    func golden(_ example: (String, Int, Int), _ mode: ColorMode) {
        let (name, width, height) = example
        var screen = ScreenModel(log: ["attnsh> " + (name == "induction" ? Self.induction.title : Self.sweep.title)],
                                 prompt: "attnsh> ")
        screen.lossChart = name == "induction" ? Self.induction : Self.sweep
        let grid = ScreenRenderer.render(screen, width: width, height: height, options: RenderOptions(colorMode: mode))
        if mode == .ascii { #expect(grid.cells.allSatisfy { $0.character.isASCII }) }
        let text = mode == .color256 ? GoldenFile.colorText(grid) : grid.text
        GoldenFile.check(text, named: "detectors-\(name)-\(width)x\(height)-\(mode)")
    }

    /// The induction line jumps in the column of the step where the loss falls.
    @Test func phaseChangeShowsInOneColumn() {
        let width = 98, height = 16
        let grid = LossChartRenderer.render(Self.induction, width: width, height: height, options: .monochrome)
        let rows = grid.text.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
        // 16 rows: title, header, 6 loss rows, 5 detector rows, axis, labels, legend.
        let detectorTop = 2 + 6, detectorBottom = detectorTop + 4
        #expect(String(rows[detectorTop]).contains("1 ┤"))
        #expect(String(rows[detectorBottom]).contains("0 ┤"))
        let plotX = "2.00".count + 2, plotWidth = width - plotX - 6
        let jumpColumn = plotX + LossChartRenderer.column(of: 100, totalSteps: 200, columns: plotWidth)
        // 0.9 is the top row; the columns between the evaluations at 90 and 100 climb to it.
        #expect(rows[detectorTop].firstIndex(of: "I") == jumpColumn)
        let lowInduction = rows[detectorBottom].firstIndex(of: "I")
        #expect(lowInduction.map { $0 < jumpColumn } == true)
        #expect(grid.text.contains("induction L1.0 0.90"))
        #expect(grid.text.contains("previous L0.0 0.80"))
    }

    /// Each pattern's strongest head over every layer, from a progress report's circuit scores.
    @Test func detectorPointTakesTheStrongestHeadPerPattern() throws {
        let tokens = [0, 1, 2, 0, 1, 2]
        let t = tokens.count
        func head(_ key: (Int) -> Int) -> CircuitScores {
            var weights = [Float](repeating: 0, count: t * t)
            for i in 0..<t { weights[i * t + key(i)] = 1 }
            var scores = CircuitScores()
            scores.add(weights: weights[...], tokens: tokens)
            return scores
        }
        let previous = head { max(0, $0 - 1) }
        let uniformless = head { _ in 0 }
        let induction = head { $0 >= 3 ? $0 - 2 : 0 }
        let point = try #require(LossChartModel.DetectorPoint(step: 30, circuits: [[previous], [uniformless, induction]]))
        #expect(point.score(.previousToken) == .init(score: 1, layer: 0, head: 0))
        #expect(point.score(.induction) == .init(score: 1, layer: 1, head: 1))
        #expect(point.score(.duplicateToken)?.headName == "L1.0")
        #expect(LossChartModel.DetectorPoint(step: 30, circuits: []) == nil)
        #expect(LossChartModel.DetectorPoint(step: 30, circuits: [[]]) == nil)

        var model = LossChartModel(title: "train")
        var report = TrainingProgress(heads: 1, step: 10, totalSteps: 20, losses: [1], heldOut: TrainingScore(loss: 1, correct: 1, counted: 2))
        model.record(report)
        #expect(!model.hasDetectors)
        report = TrainingProgress(heads: 1, step: 20, totalSteps: 20, losses: [1, 1], heldOut: TrainingScore(loss: 1, correct: 1, counted: 2),
                                  circuits: [[previous], [uniformless, induction]])
        model.record(report)
        #expect(model.hasDetectors && model.curves.count == 1 && model.curves[0].detectors.map(\.step) == [20])
    }

    @Test func steepestRiseIsThePhaseChange() {
        let curve = Self.phaseChange()
        #expect(curve.steepestRise(of: .induction)?.step == 100)
        #expect(LossChartModel.Curve(heads: 1, totalSteps: 10).steepestRise(of: .induction) == nil)
    }

    /// Too few rows for two plots: the loss alone, with the ordinary legend's target note row.
    @Test(arguments: [8, 9, 10])
    func shortPanesKeepTheLossAlone(_ height: Int) {
        let grid = LossChartRenderer.render(Self.induction, width: 80, height: height, options: .monochrome)
        let hasScores = grid.text.contains("score")
        #expect(hasScores == (LossChartRenderer.detectorRowCount(Self.induction.curves[0], panelWidth: 80, panelHeight: height - 2) > 0))
        #expect(height >= 9 ? hasScores : !hasScores)
    }
}
