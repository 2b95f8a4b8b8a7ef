/// Draws the whole screen: bordered panes with titles, the log and the prompt.
///
/// The grid pane's title on the top border is the layer summary on the left
/// and `stage N/M  NAME = formula` on the right (the summary is shortened
/// first when both do not fit). The prompt's insertion point is returned as
/// `CellGrid.cursor` for the terminal's own cursor, not drawn.
public enum ScreenRenderer {
    public static func render(_ model: ScreenModel, width: Int, height: Int,
                              options: RenderOptions = .color256) -> CellGrid {
        var screen = CellGrid(width: width, height: height)
        guard width > 0, height > 0 else { return screen }
        let panes: ScreenLayout.Panes
        switch ScreenLayout.compute(width: width, height: height, layout: model.layout) {
        case .tooSmall(let needWidth, let needHeight):
            drawTooSmall(into: &screen, needWidth: needWidth, needHeight: needHeight, options: options)
            return screen
        case .panes(let computed):
            panes = computed
        }
        drawBorders(into: &screen, panes: panes, model: model, options: options)

        if let chart = model.lossChart {
            screen.paste(LossChartRenderer.render(chart, width: panes.grid.width, height: panes.grid.height,
                                                  options: options),
                         x: panes.grid.x, y: panes.grid.y)
        } else if let overview = model.overview {
            screen.paste(OverviewRenderer.render(overview, width: panes.grid.width, height: panes.grid.height,
                                                 options: options),
                         x: panes.grid.x, y: panes.grid.y)
        } else if var grid = model.grid {
            grid.layout = model.layout
            screen.paste(GridPaneRenderer.render(grid, width: panes.grid.width, height: panes.grid.height,
                                                 options: options),
                         x: panes.grid.x, y: panes.grid.y)
        } else {
            let message = "nothing to show yet: `run` a layer or `view` a tensor"
            screen.write(message, x: panes.grid.x + max(0, (panes.grid.width - message.count) / 2),
                         y: panes.grid.y + panes.grid.height / 2)
        }
        if let chart = model.lossChart {
            screen.write(LabelText.shorten(chart.isFinished ? finishedNote : trainingNote, to: panes.inspector.width - 2, ellipsis: options.glyphs.ellipsis),
                         x: panes.inspector.x + 1, y: panes.inspector.y)
        } else if let overview = model.overview {
            screen.paste(OverviewRenderer.renderInspector(overview, width: panes.inspector.width - 2,
                                                          height: panes.inspector.height, options: options),
                         x: panes.inspector.x + 1, y: panes.inspector.y)
        } else {
            screen.paste(InspectorRenderer.render(model.inspector, width: panes.inspector.width - 2,
                                                  height: panes.inspector.height, options: options),
                         x: panes.inspector.x + 1, y: panes.inspector.y)
        }
        if let outputRect = panes.output, let output = model.output, model.lossChart == nil {
            screen.paste(OutputPaneRenderer.render(output, width: outputRect.width - 2,
                                                   height: outputRect.height, options: options,
                                                   showsRange: false),
                         x: outputRect.x + 1, y: outputRect.y)
        }
        drawLog(into: &screen, rect: panes.log, model: model)
        if options.colorMode == .ascii { screen.restrictToASCII() }
        return screen
    }

    /// What the inspector says while the loss chart is shown.
    static let trainingNote = "Ctrl-C stops, keeping the best weights so far"
    /// What it says while a replay keeps the finished chart on screen.
    static let finishedNote = "training done: Enter at the pause goes on"

    /// The log's last lines and the prompt line, or in the present layout the one statement line.
    static func drawLog(into screen: inout CellGrid, rect: Rect, model: ScreenModel) {
        let x = rect.x + 1, width = rect.width - 2
        guard width > 0, rect.height > 0 else { return }
        let promptY = rect.maxY - 1
        if model.layout == .present && model.input.isEmpty {
            screen.write(LabelText.shorten(model.prompt + model.lastStatement, to: width, ellipsis: "…"),
                         x: x, y: promptY)
            return
        }
        let logRows = rect.height - 1
        let shown = model.log.suffix(logRows)
        for (index, line) in shown.enumerated() {
            screen.write(line.prefix(width), x: x, y: rect.y + index)
        }
        // The prompt line scrolls sideways to keep the insertion point visible.
        let line = model.prompt + model.input
        let cursorColumn = model.prompt.count + min(max(0, model.inputCursor), model.input.count)
        let start = GridPaneRenderer.scrollOffset(current: 0, cursor: cursorColumn, visible: width,
                                                  total: line.count + 1)
        screen.write(line.dropFirst(start).prefix(width), x: x, y: promptY)
        if model.promptFocused { screen.cursor = (x: x + cursorColumn - start, y: promptY) }
    }

    /// `terminal too small: need 60×20, have W×H`, centred (on two lines if one is too narrow).
    static func drawTooSmall(into screen: inout CellGrid, needWidth: Int, needHeight: Int, options: RenderOptions) {
        let times = options.glyphs.multiply
        let sizes = "need \(needWidth)\(times)\(needHeight), have \(screen.width)\(times)\(screen.height)"
        let whole = "terminal too small: " + sizes
        let lines = whole.count <= screen.width ? [whole] : ["terminal too small", sizes]
        let top = max(0, (screen.height - lines.count) / 2)
        for (index, line) in lines.enumerated() {
            screen.write(line, x: max(0, (screen.width - line.count) / 2), y: top + index, style: .strong)
        }
    }
}
