/// Draws the loss pane shown while `train` runs: a pure function of the model, the pane's size
/// and the render options.
///
/// Layout (rows of the pane):
/// ```
/// train task=prev                                   step 120/300
/// heads 1 · step 120/300 · loss 0.41 · acc 87.5%     ← one panel per curve, side by side
/// reached 99% at step 100
/// 2.31 ┤⠑⢄                                      100%
///      │  ⠈⠢⣀ •  •  •                              
///    0 ┤     ⠉⠉⠒⠒⠤⠤⣀⣀⣀                          0%
///      └──────────────────────────────
///      1            step           300
/// ⣿ loss  • held-out accuracy  ┄ target 99%
/// ```
/// The loss is plotted on one scale for every panel, 0 at the bottom and the largest loss seen at
/// the top, so a comparison's curves can be read against each other. Each plotted column shows the
/// mean loss of the steps that fall into it: with Braille dots (2 × 4 per cell) in colour and
/// monochrome, with `*` under `--ascii`. Held-out accuracy (0 to 100 %, right axis) is a mark per
/// evaluation, and the target accuracy a dashed line; the step at which a run first reached the
/// target is named in its panel's header and marked on its step axis. A model of several layers
/// adds its detector curves under the loss (`LossChartRenderer+Detectors.swift`).
public enum LossChartRenderer {
    /// Loss curve colours (xterm-256), one per panel in turn.
    static let lossColors: [UInt8] = [75, 214, 170, 114]
    static let accuracyColor: UInt8 = 82
    static let targetColor: UInt8 = 244
    /// The first Braille pattern (no dots); dots add bits to it.
    static let brailleBase: UInt32 = 0x2800

    public static func render(_ model: LossChartModel, width: Int, height: Int,
                              options: RenderOptions = .color256) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        guard width > 0, height > 0 else { return grid }
        let glyphs = options.glyphs
        let current = model.curves.last.map { "step \($0.step)/\($0.totalSteps)" } ?? ""
        let titleRoom = max(0, width - current.count - 2)
        grid.write(LabelText.shorten(model.title, to: titleRoom, ellipsis: glyphs.ellipsis), x: 0, y: 0,
                   style: .strong)
        grid.write(current, x: width - current.count, y: 0)
        guard !model.curves.isEmpty else {
            let message = "training: waiting for the first evaluation"
            grid.write(LabelText.centered(message, width: width, ellipsis: glyphs.ellipsis), x: 0, y: height / 2)
            return grid
        }
        guard height >= 8, width >= 24 else {
            grid.write(LabelText.shorten("pane too small for the loss chart", to: width, ellipsis: glyphs.ellipsis),
                       x: 0, y: min(1, height - 1))
            return grid
        }
        let ceiling = model.lossCeiling
        let panelCount = model.curves.count
        let gap = 2
        let panelWidth = (width - gap * (panelCount - 1)) / panelCount
        for (index, curve) in model.curves.enumerated() {
            let rect = Rect(x: index * (panelWidth + gap), y: 1, width: panelWidth, height: height - 2)
            drawPanel(curve, index: index, in: rect, into: &grid, ceiling: ceiling,
                      target: model.targetAccuracy, options: options)
        }
        let drawsDetectors = model.curves.contains { detectorRowCount($0, panelWidth: panelWidth, panelHeight: height - 2) > 0 }
        if drawsDetectors, let latest = model.curves.last?.detectors.last {
            drawDetectorLegend(latest, into: &grid, y: height - 1, target: model.targetAccuracy, options: options)
        } else {
            drawLegend(into: &grid, y: height - 1, target: model.targetAccuracy, options: options)
        }
        return grid
    }

    /// One run's header, axes, loss curve, accuracy marks and target line.
    static func drawPanel(_ curve: LossChartModel.Curve, index: Int, in rect: Rect, into grid: inout CellGrid,
                          ceiling: Float, target: Double, options: RenderOptions) {
        let glyphs = options.glyphs
        let lossStyle = options.usesColor ? CellStyle(foreground: .indexed(lossColors[index % lossColors.count]))
            : .plain
        let accuracyStyle = options.usesColor ? CellStyle(foreground: .indexed(accuracyColor)) : .plain
        let reached = curve.firstStep(reaching: target)
        // The step is left out first when the panel is narrow (the pane's title still has it).
        var parts = ["heads \(curve.heads)", "step \(curve.step)/\(curve.totalSteps)"]
        if let loss = curve.losses.last { parts.append("loss \(NumberText.fixed(loss, decimals: 3, minus: glyphs.minus))") }
        if let accuracy = curve.accuracies.last?.accuracy { parts.append("acc \(percent(accuracy))") }
        var header = parts.joined(separator: glyphs.separator)
        if header.count > rect.width { parts.remove(at: 1); header = parts.joined(separator: glyphs.separator) }
        if header.count > rect.width { header = parts.joined(separator: " ") }
        grid.write(LabelText.shorten(header, to: rect.width, ellipsis: glyphs.ellipsis), x: rect.x, y: rect.y,
                   style: lossStyle.emboldened)
        let note = reached.map { "reached \(percent(target)) at step \($0)" } ?? "target \(percent(target)) not reached yet"
        let noteStyle = reached == nil ? CellStyle.plain : accuracyStyle.emboldened
        // With detector curves the note shares the header's row (when there is room), so the
        // rows go to the two plots.
        let detectorRows = detectorRowCount(curve, panelWidth: rect.width, panelHeight: rect.height)
        let headerRows = detectorRows > 0 ? 1 : 2
        if detectorRows == 0 {
            grid.write(LabelText.shorten(note, to: rect.width, ellipsis: glyphs.ellipsis), x: rect.x, y: rect.y + 1,
                       style: noteStyle)
        } else if header.count + 3 + note.count <= rect.width {
            grid.write(note, x: rect.x + rect.width - note.count, y: rect.y, style: noteStyle)
        }

        // Axes: loss labels on the left, accuracy on the right, steps below.
        let top = NumberText.fixed(ceiling, decimals: 2, minus: glyphs.minus)
        let leftWidth = max(top.count, 1) + 2
        let rightWidth = rightLabelWidth(detectors: detectorRows > 0)
        let plots = Rect(x: rect.x + leftWidth, y: rect.y + headerRows, width: rect.width - leftWidth - rightWidth,
                         height: rect.height - headerRows - 2)
        let plot = Rect(x: plots.x, y: plots.y, width: plots.width, height: plots.height - detectorRows)
        guard plot.width >= 4, plot.height >= 2 else { return }
        for y in plots.y..<plots.maxY { grid.put(glyphs.vertical, x: plot.x - 1, y: y) }
        grid.write(LabelText.rightAligned(top, width: leftWidth - 2, ellipsis: glyphs.ellipsis) + " "
                   + String(glyphs.teeRight), x: rect.x, y: plot.y)
        grid.write(LabelText.rightAligned("0", width: leftWidth - 2, ellipsis: glyphs.ellipsis) + " "
                   + String(glyphs.teeRight), x: rect.x, y: plot.maxY - 1)
        grid.write(" 100%", x: plot.maxX, y: plot.y, style: accuracyStyle)
        grid.write("   0%", x: plot.maxX, y: plot.maxY - 1, style: accuracyStyle)
        let axisY = plots.maxY
        grid.put(glyphs.bottomLeft, x: plot.x - 1, y: axisY)
        for x in plot.x..<plot.maxX { grid.put(glyphs.horizontal, x: x, y: axisY) }
        let last = String(curve.totalSteps)
        grid.write("1", x: plot.x, y: axisY + 1)
        // "step" only where it clears both ends' numbers.
        if plot.width >= 4 + last.count + 4 { grid.write("step", x: plot.x + (plot.width - 4) / 2, y: axisY + 1) }
        grid.write(last, x: plot.maxX - last.count, y: axisY + 1)

        // The target line first, so that the curves draw over it.
        let targetRow = row(of: Float(target), rows: plot.height)
        let dash: Character = options.colorMode == .ascii ? "." : "┄"
        for x in plot.x..<plot.maxX {
            grid.put(dash, x: x, y: plot.y + targetRow,
                     style: options.usesColor ? CellStyle(foreground: .indexed(targetColor)) : .plain)
        }
        if options.colorMode == .ascii {
            plotASCII(curve.losses, totalSteps: curve.totalSteps, ceiling: ceiling, in: plot, into: &grid)
        } else {
            plotBraille(curve.losses, totalSteps: curve.totalSteps, ceiling: ceiling, in: plot, into: &grid,
                        style: lossStyle)
        }
        let mark: Character = options.colorMode == .ascii ? "o" : "•"
        for point in curve.accuracies {
            let x = plot.x + column(of: point.step, totalSteps: curve.totalSteps, columns: plot.width)
            grid.put(mark, x: x, y: plot.y + row(of: Float(point.accuracy), rows: plot.height), style: accuracyStyle)
        }
        if let reached {
            let x = plot.x + column(of: reached, totalSteps: curve.totalSteps, columns: plot.width)
            grid.put(options.colorMode == .ascii ? "^" : "▲", x: x, y: axisY, style: accuracyStyle)
        }
        if detectorRows > 0 {
            let scores = Rect(x: plot.x, y: plot.maxY, width: plot.width, height: detectorRows)
            drawDetectors(curve, in: scores, labelWidth: leftWidth, into: &grid, options: options)
        }
    }

    /// The loss in Braille dots: each of the plot's 2 × width dot columns holds the mean loss of
    /// its steps, joined to the previous column by a vertical run so steep falls stay connected.
    static func plotBraille(_ losses: [Float], totalSteps: Int, ceiling: Float, in plot: Rect,
                            into grid: inout CellGrid, style: CellStyle) {
        let dotColumns = plot.width * 2, dotRows = plot.height * 4
        let rows = columnRows(columnMeans(losses, totalSteps: totalSteps, columns: dotColumns), ceiling: ceiling,
                              rows: dotRows)
        plotBraille(dotRows: rows, in: plot, into: &grid, style: style)
    }

    /// Braille dots at one dot row per dot column (nil: none), each joined to the previous column's.
    static func plotBraille(dotRows rows: [Int?], in plot: Rect, into grid: inout CellGrid, style: CellStyle) {
        var bits = [UInt8](repeating: 0, count: plot.width * plot.height)
        // Dot bits of a Braille cell, by dot row (0-3) then dot column (0-1).
        let dotBit: [[UInt8]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]
        var previous: Int?
        for (dotX, dotY) in rows.enumerated() {
            guard let dotY else { previous = nil; continue }
            let from = min(previous ?? dotY, dotY), to = max(previous ?? dotY, dotY)
            for y in from...to {
                bits[(y / 4) * plot.width + dotX / 2] |= dotBit[y % 4][dotX % 2]
            }
            previous = dotY
        }
        for (index, value) in bits.enumerated() where value != 0 {
            guard let scalar = Unicode.Scalar(brailleBase + UInt32(value)) else { continue }
            grid.put(Character(scalar), x: plot.x + index % plot.width, y: plot.y + index / plot.width, style: style)
        }
    }

    /// The loss in ASCII: a `*` per column at its mean loss, `:` joining it to the previous one.
    static func plotASCII(_ losses: [Float], totalSteps: Int, ceiling: Float, in plot: Rect,
                          into grid: inout CellGrid) {
        var previous: Int?
        let rows = columnRows(columnMeans(losses, totalSteps: totalSteps, columns: plot.width), ceiling: ceiling,
                              rows: plot.height)
        for (x, y) in rows.enumerated() {
            guard let y else { previous = nil; continue }
            if let previous, abs(previous - y) > 1 {
                for between in (min(previous, y) + 1)..<max(previous, y) {
                    grid.put(":", x: plot.x + x, y: plot.y + between)
                }
            }
            grid.put("*", x: plot.x + x, y: plot.y + y)
            previous = y
        }
    }

    /// The mean loss of the steps that fall into each of `columns` columns (nil where none has run yet).
    static func columnMeans(_ losses: [Float], totalSteps: Int, columns: Int) -> [Float?] {
        var sums = [Float](repeating: 0, count: columns), counts = [Int](repeating: 0, count: columns)
        for (index, loss) in losses.enumerated() {
            let x = column(of: index + 1, totalSteps: totalSteps, columns: columns)
            sums[x] += loss
            counts[x] += 1
        }
        return zip(sums, counts).map { sum, count in count > 0 ? sum / Float(count) : nil }
    }

    /// The row of each column's mean; columns between two plotted ones (fewer steps than columns)
    /// get rows interpolated along the straight line between them, so a short run is a line, not dots.
    static func columnRows(_ means: [Float?], ceiling: Float, rows: Int) -> [Int?] {
        var result: [Int?] = means.map { mean in
            guard let mean, mean.isFinite else { return nil }
            return row(of: mean / ceiling, rows: rows)
        }
        var last: (x: Int, y: Int)?
        for x in result.indices {
            guard let y = result[x] else { continue }
            if let last, x - last.x > 1, means[(last.x + 1)..<x].allSatisfy({ $0 == nil }) {
                for between in (last.x + 1)..<x {
                    let t = Float(between - last.x) / Float(x - last.x)
                    result[between] = Int((Float(last.y) + t * Float(y - last.y)).rounded())
                }
            }
            last = (x, y)
        }
        return result
    }

    /// The column (0..<columns) of step `step` (1...totalSteps) on the step axis.
    static func column(of step: Int, totalSteps: Int, columns: Int) -> Int {
        guard totalSteps > 1, columns > 1 else { return 0 }
        let clamped = min(max(step, 1), totalSteps)
        // In Double: steps × columns could pass Int's range only for absurd sizes, but never trap.
        let fraction = Double(clamped - 1) / Double(totalSteps - 1)
        return min(columns - 1, Int((fraction * Double(columns - 1)).rounded()))
    }

    /// The row (0 at the top) of a fraction 0...1 of the axis (1 at the top); clamped.
    static func row(of fraction: Float, rows: Int) -> Int {
        guard rows > 1, fraction.isFinite else { return max(0, rows - 1) }
        let clamped = min(max(fraction, 0), 1)
        return Int(((1 - clamped) * Float(rows - 1)).rounded())
    }

    /// `⣿ loss  • held-out accuracy  ┄ target 99%` (in ASCII: `* loss  o held-out accuracy  . target 99%`).
    static func drawLegend(into grid: inout CellGrid, y: Int, target: Double, options: RenderOptions) {
        let ascii = options.colorMode == .ascii
        let color = options.usesColor
        let entries: [(mark: String, style: CellStyle, text: String)] = [
            (ascii ? "*" : "⣿", color ? CellStyle(foreground: .indexed(lossColors[0])) : .plain,
             " training loss (shared scale from 0)"),
            (ascii ? "o" : "•", color ? CellStyle(foreground: .indexed(accuracyColor)) : .plain,
             " held-out accuracy (right axis)"),
            (ascii ? "." : "┄", color ? CellStyle(foreground: .indexed(targetColor)) : .plain,
             " target \(percent(target))"),
        ]
        var x = 0
        for entry in entries {
            x = grid.write(entry.mark, x: x, y: y, style: entry.style)
            x = grid.write(entry.text + "   ", x: x, y: y)
        }
    }

    /// `87.5%`, `99%` (a whole percentage without `.0`).
    static func percent(_ fraction: Double) -> String {
        let text = NumberText.fixed(Float(fraction * 100), decimals: 1)
        return (text.hasSuffix(".0") ? String(text.dropLast(2)) : text) + "%"
    }
}
