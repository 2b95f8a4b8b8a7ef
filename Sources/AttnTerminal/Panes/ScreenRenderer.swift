/// Draws the whole screen: bordered panes with titles, the log, the caption and the prompt.
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
        if model.logGrown, width >= ScreenLayout.minimumWidth, height >= ScreenLayout.minimumHeight {
            drawGrownLog(into: &screen, model: model, options: options)
            if options.colorMode == .ascii { screen.restrictToASCII() }
            return screen
        }
        let panes: ScreenLayout.Panes
        switch layout(of: model, width: width, height: height) {
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
        } else if let compare = model.compare {
            screen.paste(CompareRenderer.render(compare, width: panes.grid.width, height: panes.grid.height,
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
        if panes.logOverMiddle {
            // A long output has the inspector's and output pane's rows.
        } else if let chart = model.lossChart {
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
        if let outputRect = panes.output, let output = model.output, model.lossChart == nil, !panes.logOverMiddle {
            screen.paste(OutputPaneRenderer.render(output, width: outputRect.width - 2,
                                                   height: outputRect.height, options: options,
                                                   showsRange: false),
                         x: outputRect.x + 1, y: outputRect.y)
        }
        if let statement = panes.statement {
            drawStatementBox(into: &screen, rect: statement, model: model, options: options)
        }
        drawLog(into: &screen, rect: panes.log, captionRows: panes.captionRows, model: model, options: options)
        if options.colorMode == .ascii { screen.restrictToASCII() }
        return screen
    }

    /// What the inspector says while the loss chart is shown.
    static let trainingNote = "Ctrl-C stops, keeping the best weights so far"
    /// What it says while a replay keeps the finished chart on screen.
    static let finishedNote = "training done: Enter at the pause goes on"

    /// Where the panes go for `model`: the caption's rows taken from the others, and the log over
    /// the inspector and output panes while the output of the statement just run does not fit in it.
    public static func layout(of model: ScreenModel, width: Int, height: Int) -> ScreenLayout.Result {
        var room = ScreenLayout.LogRoom(captionRows: captionLines(model, width: width - 4).count)
        // The grid may take rows from the middle panes (ScreenLayout+Grid.swift).
        let shownGrid = model.overview == nil && model.lossChart == nil ? model.grid : nil
        let normal = ScreenLayout.compute(width: width, height: height, layout: model.layout, room: room, grid: shownGrid)
        guard model.logExtends, model.layout != .present, case .panes(let panes) = normal else { return normal }
        let logRows = panes.log.height - 1 - panes.captionRows
        guard lastOutputRows(model, width: width - 4, limit: logRows) > logRows else { return normal }
        room.overMiddle = true
        return ScreenLayout.compute(width: width, height: height, layout: model.layout, room: room)
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
