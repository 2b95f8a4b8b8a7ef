import AttnCore
import AttnLang

/// The panes' models built from a session's state and the pane shell's screen state
/// (`PaneScreenState`): what the screen shows after each statement.
///
/// The grid pane shows what the screen state's subject names:
/// - the model overview (every layer × head) after `model run`, `model overview` or
///   `view overview` (see `SessionScreen+Overview.swift`);
/// - the tensor chosen with `view TENSOR`, or the mean of P over heads for `view mean`;
/// - by default, the current layer's latest grid stage: P when stage 8 is computed, else the
///   latest of masked, scaled and scores; before stage 5, the latest stage computed (X, Q, K or V);
/// - nothing, when what it names is not there.
/// The output pane shows the layer's head outputs Z (stage 9) once computed. The inspector
/// describes the cursor's cell from the trace tensors `NAME.scores`, `NAME.scaled` and `NAME.P`,
/// one element each (a derived stage's element is computed alone, not the stage).
///
/// With a `PaneDataCache`, what needs a whole tensor (the grid's range and aggregated blocks,
/// the mean over heads, Z's range) is derived once per tensor and reused by later redraws, so a
/// cursor key or a statement that leaves the trace alone reads only the cells drawn.
public enum SessionScreen {
    /// The top keys listed by the inspector.
    public static let topKeyCount = 3

    /// The screen's panes for `state` showing what `shown` chose, with the grid cursor `cursor`
    /// (clamped into the grid) and `zoom`.
    ///
    /// The log, prompt and input are left empty for the caller to fill. `cache` keeps what was
    /// derived from whole tensors for the next call (nil: derived afresh, once per call).
    public static func model(of state: SessionState, showing shown: PaneScreenState = PaneScreenState(),
                             cursor: GridCursor = GridCursor(), zoom: Int? = nil,
                             overviewCursor: OverviewCursor = OverviewCursor(),
                             cache: PaneDataCache? = nil) -> ScreenModel {
        var screen = ScreenModel(layout: shown.layout)
        if shown.subject == .overview {
            screen.overview = overviewModel(of: state, cursor: overviewCursor)
            return screen
        }
        guard var grid = gridModel(of: state, subject: shown.subject, cache: cache) else { return screen }
        grid.cursor = clamped(cursor, in: grid)
        grid.zoom = zoom
        grid.layout = screen.layout
        cache?.attachAggregates(to: &grid)
        screen.grid = grid
        if case .compare(let request) = shown.subject {
            screen.compare = compareModel(request, in: state, cursor: grid.cursor)
        }
        let layer = state.currentLayer.flatMap { state.layers[$0] }
        screen.inspector = inspector(subject: shown.subject, layer: layer, state: state, grid: grid)
        if let layer, layer.computed >= AttentionStage.z.number,
           let z = state.workspace[AttentionStage.z.tensorName(layer: layer.name)], z.rank == 3 {
            screen.output = OutputPaneModel(title: "head outputs \(AttentionStage.z.name)", tensor: z,
                                            tokenLabels: layer.queryLabels, highlightedRow: grid.cursor.row,
                                            highlightedBlock: grid.cursor.head,
                                            range: cache.map { $0.finiteRange(of: z) })
        }
        return screen
    }

    /// A cursor moved into the grid's heads, rows and columns.
    public static func clamped(_ cursor: GridCursor, in grid: GridPaneModel) -> GridCursor {
        func clamp(_ value: Int, _ count: Int) -> Int { min(max(value, 0), max(count - 1, 0)) }
        return GridCursor(head: clamp(cursor.head, grid.headCount), row: clamp(cursor.row, grid.rowCount),
                          column: clamp(cursor.column, grid.columnCount))
    }

    /// The grid pane's model for `subject` (without cursor and zoom), or nil when there is
    /// nothing to show.
    public static func gridModel(of state: SessionState, subject: PaneScreenState.Subject = .layer,
                                 cache: PaneDataCache? = nil) -> GridPaneModel? {
        let layer = state.currentLayer.flatMap { state.layers[$0] }
        switch subject {
        case .layer: break
        case .tensor(let name): return ViewedTensor.named(name, in: state).map { viewedModel($0, isMean: false, state: state, layer: layer) }
        case .mean: return meanOverHeads(in: state, cache: cache).map { viewedModel($0, isMean: true, state: state, layer: layer) }
        case .overview: return nil
        case .value(let viewed): return valueModel(viewed)
        case .compare(let request): return (try? TraceComparison(request, in: state)).map(differenceModel)
        }
        guard let layer, let stage = gridStage(of: layer),
              let tensor = state.workspace[stage.tensorName(layer: layer.name)],
              tensor.rank == 2 || tensor.rank == 3 else { return nil }
        let labels = ViewedTensor.axisLabels(name: stage.tensorName(layer: layer.name), state: state)
        return GridPaneModel(title: layer.config.description, stageNumber: stage.number,
                             stageCount: AttentionStage.allCases.count, stageName: stage.name,
                             formula: formulaBody(stage), tensor: tensor,
                             mask: stage >= .masked ? mask(of: layer, state: state, like: tensor) : nil,
                             queryLabels: labels.rows, keyLabels: labels.columns)
    }

    /// `view mean`'s tensor, averaged once per P when there is a cache.
    static func meanOverHeads(in state: SessionState, cache: PaneDataCache?) -> ViewedTensor? {
        guard let cache, let layer = state.currentLayer.flatMap({ state.layers[$0] }),
              layer.computed >= AttentionStage.p.number,
              let weights = state.workspace[AttentionStage.p.tensorName(layer: layer.name)] else {
            return ViewedTensor.meanOverHeads(in: state)
        }
        var made: ViewedTensor?
        let mean = cache.mean(of: weights) {
            made = ViewedTensor.meanOverHeads(in: state)
            return made?.tensor
        }
        if let made { return made }
        return mean.map { ViewedTensor(name: CommandSpec.ViewWord.mean, tensor: $0,
                                       rowLabels: layer.queryLabels, columnLabels: layer.keyLabels) }
    }

    /// The zoom level one step (`+1` in, `-1` out) from the one the grid is shown at, in a
    /// `width`×`height` terminal: from fit (`zoom` nil) it starts at the level fit chose, so
    /// `-` after `0` goes one level further out, never back to 1:1.
    public static func zoom(_ zoom: Int?, steppedBy step: Int, of state: SessionState,
                            showing shown: PaneScreenState, cursor: GridCursor = GridCursor(),
                            width: Int, height: Int, cache: PaneDataCache? = nil) -> Int? {
        guard var grid = gridModel(of: state, subject: shown.subject, cache: cache) else { return zoom }
        grid.cursor = clamped(cursor, in: grid)
        grid.zoom = zoom
        grid.layout = shown.layout
        guard case .panes(let panes) = ScreenLayout.compute(width: width, height: height, layout: shown.layout,
                                                                   grid: grid) else {
            return GridPaneModel.zoomLevel(zoom ?? 2, steppedBy: step)
        }
        let shownLevel = GridPaneRenderer.shownZoom(grid, width: panes.grid.width, height: panes.grid.height)
        return GridPaneModel.zoomLevel(shownLevel, steppedBy: step)
    }

    /// The stage the grid shows for a layer: P, else the latest of masked/scaled/scores, else the latest.
    public static func gridStage(of layer: LayerState) -> AttentionStage? {
        guard let last = layer.lastStage else { return nil }
        if last >= .p { return .p }
        return last
    }

    /// `softmax(masked)` from `P = softmax(masked)`: the title puts the name in front itself.
    static func formulaBody(_ stage: AttentionStage) -> String {
        let prefix = stage.name + " = "
        return stage.formula.hasPrefix(prefix) ? String(stage.formula.dropFirst(prefix.count)) : stage.formula
    }

    /// `NAME.mask` when its shape fits the grid ([Tq, Tk] or [H, Tq, Tk]).
    static func mask(of layer: LayerState, state: SessionState, like tensor: Tensor) -> Tensor? {
        guard let mask = state.workspace[layer.name + ".mask"], tensor.rank == 3 else { return nil }
        let cells = Array(tensor.shape.suffix(2))
        if mask.shape == cells || mask.shape == tensor.shape { return mask }
        return nil
    }

    /// The model for `view NAME` or `view mean`: titled by the layer when it is one of its tensors.
    static func viewedModel(_ viewed: ViewedTensor, isMean: Bool, state: SessionState,
                            layer: LayerState?) -> GridPaneModel {
        let tensor = viewed.tensor
        var model = GridPaneModel(title: "view \(viewed.name) \(Tensor.describe(tensor.shape))",
                                  stageName: isMean ? "mean over heads of P" : viewed.name,
                                  tensor: tensor, queryLabels: viewed.rowLabels, keyLabels: viewed.columnLabels)
        if let layer, isMean || viewed.name.hasPrefix(layer.name + ".") {
            model.title = layer.config.description + " · view " + viewed.name
            if let stageMask = state.workspace[layer.name + ".mask"], stageMask.shape == Array(tensor.shape.suffix(2)) {
                model.mask = stageMask
            }
        }
        return model
    }
}
