/// The detector curves under the loss: per evaluation, the strongest head's previous-token,
/// duplicate-token and induction scores on a 0–1 axis, on the loss plot's step axis.
///
/// ```
/// 2.31 ┤⠑⢄                             100%
///    0 ┤   ⠉⠒⠤⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀               0%
///    1 ┤            ⢀⡠⠔⠒⠉⠉⠉⠉⠉⠉⠉     score
///    0 ┤⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⡠⠊                   
///      └──────────────────────────
/// ```
/// In colour each pattern is a Braille line of its own colour; in monochrome and ASCII it is a
/// line of its letter (`P`, `D`, `I`). Where two cross, induction is drawn last.
extension LossChartRenderer {
    /// Colours (xterm-256) of previous token, duplicate token and induction.
    static let detectorColors: [UInt8] = [51, 177, 203]
    /// The letters of the patterns without colour.
    static let detectorLetters: [Character] = ["P", "D", "I"]

    /// Panels narrower than this keep their rows for the loss (a sweep of many head counts).
    static let detectorMinimumWidth = 30

    /// Rows of a panel given to the detector plot: half the plot rows when the curve has
    /// detector scores, the panel is at least `detectorMinimumWidth` wide and each plot gets at
    /// least two rows, else 0.
    static func detectorRowCount(_ curve: LossChartModel.Curve, panelWidth: Int, panelHeight: Int) -> Int {
        guard !curve.detectors.isEmpty, panelWidth >= detectorMinimumWidth else { return 0 }
        // The header takes one row, the step axis and its labels two.
        let rows = (panelHeight - 3) / 2
        return rows >= 2 ? rows : 0
    }

    /// Columns right of the plots for their labels (` 100%`; with detectors ` score`).
    static func rightLabelWidth(detectors: Bool) -> Int { detectors ? 6 : 5 }

    /// The 0–1 axis and one line per detector pattern in `plot`.
    static func drawDetectors(_ curve: LossChartModel.Curve, in plot: Rect, labelWidth: Int,
                              into grid: inout CellGrid, options: RenderOptions) {
        let glyphs = options.glyphs
        grid.write(LabelText.rightAligned("1", width: labelWidth - 2, ellipsis: glyphs.ellipsis) + " "
                   + String(glyphs.teeRight), x: plot.x - labelWidth, y: plot.y)
        grid.write(LabelText.rightAligned("0", width: labelWidth - 2, ellipsis: glyphs.ellipsis) + " "
                   + String(glyphs.teeRight), x: plot.x - labelWidth, y: plot.maxY - 1)
        grid.write(" score", x: plot.maxX, y: plot.y)
        for (index, pattern) in LossChartModel.detectorPatterns.enumerated() {
            let points = curve.detectors.compactMap { point in point.score(pattern).map { (point.step, $0.score) } }
            if options.usesColor {
                let columns = plot.width * 2
                let rows = columnRows(scoreColumns(points, totalSteps: curve.totalSteps, columns: columns), ceiling: 1,
                                      rows: plot.height * 4)
                plotBraille(dotRows: rows, in: plot, into: &grid,
                            style: CellStyle(foreground: .indexed(detectorColors[index])))
            } else {
                let rows = columnRows(scoreColumns(points, totalSteps: curve.totalSteps, columns: plot.width),
                                      ceiling: 1, rows: plot.height)
                for (x, y) in rows.enumerated() {
                    guard let y else { continue }
                    grid.put(detectorLetters[index], x: plot.x + x, y: plot.y + y)
                }
            }
        }
    }

    /// Each evaluation's score in its column of `columns` (the later one where two share a column).
    static func scoreColumns(_ points: [(step: Int, score: Float)], totalSteps: Int, columns: Int) -> [Float?] {
        var values = [Float?](repeating: nil, count: columns)
        for point in points { values[column(of: point.step, totalSteps: totalSteps, columns: columns)] = point.score }
        return values
    }

    /// The legend with detectors: `⣿ loss  • acc  ┄ 99%   ⣿ previous token L0.0 0.70 ...` with the
    /// latest evaluation's strongest head and score per pattern; names are shortened, then the
    /// heads left out, until it fits.
    static func drawDetectorLegend(_ latest: LossChartModel.DetectorPoint, into grid: inout CellGrid, y: Int,
                                   target: Double, options: RenderOptions) {
        let ascii = options.colorMode == .ascii
        let color = options.usesColor
        let lossMark = (ascii ? "*" : "⣿", color ? CellStyle(foreground: .indexed(lossColors[0])) : CellStyle.plain)
        let accuracyMark = (ascii ? "o" : "•", color ? CellStyle(foreground: .indexed(accuracyColor)) : CellStyle.plain)
        let targetMark = (ascii ? "." : "┄", color ? CellStyle(foreground: .indexed(targetColor)) : CellStyle.plain)
        let names = [LossChartModel.detectorPatterns.map(\.rawValue), ["previous", "duplicate", "induction"],
                     ["prev", "dup", "ind"], ["prev", "dup", "ind"]]
        var chosen: [(mark: String, style: CellStyle, text: String)] = []
        for form in 0..<names.count {
            var entries: [(mark: String, style: CellStyle, text: String)] = [
                (lossMark.0, lossMark.1, " loss"),
                (accuracyMark.0, accuracyMark.1, form == 0 ? " held-out acc" : " acc"),
                (targetMark.0, targetMark.1, " \(percent(target))"),
            ]
            for (index, pattern) in LossChartModel.detectorPatterns.enumerated() {
                guard let best = latest.score(pattern) else { continue }
                let mark = color ? "⣿" : String(detectorLetters[index])
                let style = color ? CellStyle(foreground: .indexed(detectorColors[index])) : CellStyle.plain
                let name = names[form][index]
                let head = form < names.count - 1 ? " " + best.headName : ""
                entries.append((mark, style, " \(name)\(head) \(NumberText.fixed(best.score, decimals: 2))"))
            }
            chosen = entries
            // Two spaces after every entry but the last.
            if entries.reduce(-2, { $0 + $1.mark.count + $1.text.count + 2 }) <= grid.width { break }
        }
        var x = 0
        for entry in chosen {
            x = grid.write(entry.mark, x: x, y: y, style: entry.style)
            x = grid.write(entry.text + "  ", x: x, y: y)
        }
    }
}
