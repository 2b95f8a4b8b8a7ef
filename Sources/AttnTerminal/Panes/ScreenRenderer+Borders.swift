/// The screen's frame: outer border, the rules between panes, and their titles.
extension ScreenRenderer {
    static func drawBorders(into screen: inout CellGrid, panes: ScreenLayout.Panes, model: ScreenModel,
                            options: RenderOptions) {
        let glyphs = options.glyphs
        let width = screen.width, height = screen.height
        let titleStyle: CellStyle = .strong
        func rule(y: Int, left: Character, right: Character) {
            screen.put(left, x: 0, y: y)
            for x in 1..<(width - 1) { screen.put(glyphs.horizontal, x: x, y: y) }
            screen.put(right, x: width - 1, y: y)
        }
        func title(_ text: String, x: Int, y: Int, room: Int) {
            guard room > 2 else { return }
            screen.write(" " + LabelText.shorten(text, to: room - 2, ellipsis: glyphs.ellipsis) + " ",
                         x: x, y: y, style: titleStyle)
        }
        rule(y: 0, left: glyphs.topLeft, right: glyphs.topRight)
        rule(y: height - 1, left: glyphs.bottomLeft, right: glyphs.bottomRight)
        for y in 1..<(height - 1) {
            screen.put(glyphs.vertical, x: 0, y: y)
            screen.put(glyphs.vertical, x: width - 1, y: y)
        }

        // Top border: summary on the left, stage and formula on the right.
        var stage = stageText(model.grid, glyphs: glyphs)
        var shortStage = stageText(model.grid, glyphs: glyphs, withFormula: false)
        if var grid = model.grid, model.compare == nil {
            // Zoomed out, the title says how many cells each drawn cell stands for (the compare
            // view says it in its own legend).
            grid.layout = model.layout
            let block = GridPaneRenderer.shownBlock(grid, width: panes.grid.width, height: panes.grid.height)
            let blocks = "\(glyphs.separator)\(block)\(glyphs.multiply)\(block) blocks"
            if block > 1 {
                stage += blocks
                shortStage += blocks
            }
        }
        var summary = model.grid?.title.isEmpty == false ? model.grid?.title ?? "attnsh" : "attnsh"
        if model.grid != nil {
            // The stable parts of the title give way before the mask and posenc (GridTitle).
            (summary, stage) = GridTitle.fitted(summary: summary, stage: stage, shortStage: shortStage) { stage in
                let stageRoom = stage.isEmpty ? 0 : min(stage.count + 2, width - 6)
                return width - 4 - stageRoom - (stage.isEmpty ? 0 : 2) - 2
            }
        }
        if let overview = model.overview {
            stage = "overview  P of every layer \(glyphs.multiply) head"
            summary = overview.title.isEmpty ? "model" : overview.title
        }
        if model.lossChart != nil {
            stage = "loss curve, live"
            summary = "training"
        }
        let stageRoom = stage.isEmpty ? 0 : min(stage.count + 2, width - 6)
        if !stage.isEmpty {
            title(stage, x: width - 1 - stageRoom - 1, y: 0, room: stageRoom)
        }
        title(summary, x: 1, y: 0, room: max(0, width - 4 - stageRoom - (stage.isEmpty ? 0 : 2)))

        let inspectorRuleY = panes.inspector.y - 1
        let logRuleY = panes.log.y - 1
        rule(y: inspectorRuleY, left: glyphs.teeLeft, right: glyphs.teeRight)
        rule(y: logRuleY, left: glyphs.teeLeft, right: glyphs.teeRight)
        if panes.logOverMiddle {
            title(logTitle(model, glyphs: glyphs) + glyphs.separator + "long output · a key brings the panes back",
                  x: 1, y: logRuleY, room: width - 3)
        } else if let output = panes.output ?? panes.statement {
            let dividerX = output.x - 1
            screen.put(glyphs.teeDown, x: dividerX, y: inspectorRuleY)
            screen.put(glyphs.teeUp, x: dividerX, y: logRuleY)
            for y in output.y..<output.maxY { screen.put(glyphs.vertical, x: dividerX, y: y) }
            title("inspector", x: 1, y: inspectorRuleY, room: dividerX - 2)
            var outputTitle = model.output?.title ?? "outputs"
            if let output = model.output, let range = OutputPaneRenderer.rangeText(output, options: options) {
                outputTitle += "  " + range
            }
            if panes.statement != nil { outputTitle = statementTitle(model) }
            if !outputTitle.isEmpty {
                title(outputTitle, x: dividerX + 1, y: inspectorRuleY, room: width - dividerX - 3)
            }
            // The projector layout has no log title, except to show a replay's progress and keys.
            if panes.statement == nil || model.replayStatus != nil {
                title(logTitle(model, glyphs: glyphs), x: 1, y: logRuleY, room: dividerX - 2)
            }
        } else {
            title("inspector", x: 1, y: inspectorRuleY, room: width - 3)
            if model.replayStatus != nil {
                title(logTitle(model, glyphs: glyphs), x: 1, y: logRuleY, room: width - 3)
            }
        }
    }

    /// `attnsh`, or the replay's status when replaying, then a note when the panes have the keys
    /// (the prompt has no cursor then).
    static func logTitle(_ model: ScreenModel, glyphs: GlyphSet) -> String {
        var parts = [model.replayStatus ?? "attnsh"]
        if !model.promptFocused { parts.append("panes: ? keys, i prompt") }
        return parts.joined(separator: glyphs.separator)
    }

    /// `stage 8/11  P = softmax(masked)` (`stage 8/11  P` without the formula), or the name alone when
    /// no stage number is known.
    static func stageText(_ grid: GridPaneModel?, glyphs: GlyphSet, withFormula: Bool = true) -> String {
        guard let grid else { return "" }
        var parts: [String] = []
        if let number = grid.stageNumber { parts.append("stage \(number)/\(grid.stageCount)") }
        if !grid.stageName.isEmpty {
            parts.append(grid.formula.isEmpty || !withFormula ? grid.stageName : "\(grid.stageName) = \(grid.formula)")
        }
        return parts.joined(separator: "  ")
    }
}
