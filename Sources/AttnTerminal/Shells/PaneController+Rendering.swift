import AttnLang

/// The screen as a pure function of the session's state, the controller and the size: nothing
/// drawn is written back.
extension PaneController {
    /// The screen's panes, log and prompt line for `state`, with `log` the log's lines.
    /// `cache` keeps what was derived from whole tensors (block views, ranges) across redraws.
    public func screenModel(of state: SessionState, log: [String], kinds: [LogLineKind] = [],
                            cache: PaneDataCache? = nil) -> ScreenModel {
        var model = SessionScreen.model(of: state, showing: shown, cursor: cursor, zoom: zoom,
                                        overviewCursor: overviewCursor, cache: cache)
        model.log = log
        model.logKinds = kinds
        model.logHiddenBelow = min(logScroll, log.count)
        model.caption = caption
        model.logGrown = logGrown
        model.logExtends = outputExtends
        model.prompt = promptLine.prompt
        model.input = promptLine.text
        model.inputCursor = promptLine.cursor
        model.lastStatement = lastStatement
        model.lossChart = lossChart
        model.promptFocused = focus == .prompt && !showsHelp
        model.replayStatus = replayTitle
        return model
    }

    /// The screen drawn at `width` × `height` with `base` options (the chosen palette on top;
    /// monochrome when the terminal has no colours), the key help over it when shown.
    public func render(_ state: SessionState, log: [String], kinds: [LogLineKind] = [], width: Int, height: Int,
                       options base: RenderOptions, hasColors: Bool = true, cache: PaneDataCache? = nil) -> CellGrid {
        var options = shown.options(base: base)
        if options.colorMode == .color256 && !hasColors { options.colorMode = .monochrome }
        var grid = ScreenRenderer.render(screenModel(of: state, log: log, kinds: kinds, cache: cache), width: width, height: height, options: options)
        if showsHelp { KeyHelp.draw(into: &grid, options: options) }
        return grid
    }

    /// The zoom one step from the level fit shows now for `state` at `width` × `height`.
    public func zoomStepped(by step: Int, of state: SessionState, width: Int, height: Int,
                            cache: PaneDataCache? = nil) -> Int? {
        SessionScreen.zoom(zoom, steppedBy: step, of: state, showing: shown, cursor: cursor,
                           width: width, height: height, cache: cache)
    }
}
