import AttnCore
import AttnLang

/// The panes' models built from a session's state: what the screen shows after each statement.
///
/// The grid pane shows, in order of preference:
/// 0. the model overview (every layer × head) after `model run`, `model overview` or
///    `view overview` (see `SessionScreen+Overview.swift`);
/// 1. the tensor chosen with `view TENSOR` (`settings["view"]`), or the mean of P over heads
///    for `view mean`;
/// 2. the current layer's latest grid stage: P when stage 8 is computed, else the latest of
///    masked, scaled and scores; before stage 5, the latest stage computed (X, Q, K or V);
/// 3. nothing.
/// The output pane shows the layer's head outputs Z (stage 9) once computed. The inspector
/// describes the cursor's cell from the trace tensors `NAME.scores`, `NAME.scaled` and `NAME.P`.
public enum SessionScreen {
    /// The top keys listed by the inspector.
    public static let topKeyCount = 3

    /// The screen's panes for `state`, with the grid cursor `cursor` (clamped into the grid) and `zoom`.
    ///
    /// The log, prompt and input are left empty for the caller to fill.
    public static func model(of state: SessionState, cursor: GridCursor = GridCursor(), zoom: Int? = nil,
                             overviewCursor: OverviewCursor = OverviewCursor()) -> ScreenModel {
        var screen = ScreenModel(layout: layout(of: state))
        if let overview = overviewModel(of: state, cursor: overviewCursor) {
            screen.overview = overview
            return screen
        }
        guard var grid = gridModel(of: state) else { return screen }
        grid.cursor = clamped(cursor, in: grid)
        grid.zoom = zoom
        grid.layout = screen.layout
        screen.grid = grid
        let layer = state.currentLayer.flatMap { state.layers[$0] }
        if let layer, state.settings[CommandSpec.ScreenSetting.view] == nil {
            screen.inspector = inspector(layer: layer, state: state, cursor: grid.cursor, grid: grid)
        } else {
            screen.inspector = valueInspector(grid: grid)
        }
        if let layer, layer.computed >= AttentionStage.z.number,
           let z = state.workspace[AttentionStage.z.tensorName(layer: layer.name)], z.rank == 3 {
            screen.output = OutputPaneModel(title: "head outputs \(AttentionStage.z.name)", tensor: z,
                                            tokenLabels: layer.queryLabels, highlightedRow: grid.cursor.row)
        }
        return screen
    }

    /// The layout chosen with `layout`, grid by default.
    public static func layout(of state: SessionState) -> GridLayout {
        switch state.settings[CommandSpec.ScreenSetting.layout] {
        case "focus": return .focus
        case "present": return .present
        default: return .grid
        }
    }

    /// The render options with the palette chosen with `palette` (viridis by default).
    public static func options(of state: SessionState, base: RenderOptions) -> RenderOptions {
        var options = base
        if let name = state.settings[CommandSpec.ScreenSetting.palette], let palette = HeatmapPalette.named[name] {
            options.palette = palette
        }
        return options
    }

    /// A cursor moved into the grid's heads, rows and columns.
    public static func clamped(_ cursor: GridCursor, in grid: GridPaneModel) -> GridCursor {
        func clamp(_ value: Int, _ count: Int) -> Int { min(max(value, 0), max(count - 1, 0)) }
        return GridCursor(head: clamp(cursor.head, grid.headCount), row: clamp(cursor.row, grid.rowCount),
                          column: clamp(cursor.column, grid.columnCount))
    }

    /// The grid pane's model (without cursor and zoom), or nil when there is nothing to show.
    public static func gridModel(of state: SessionState) -> GridPaneModel? {
        let layer = state.currentLayer.flatMap { state.layers[$0] }
        if let viewed = state.settings[CommandSpec.ScreenSetting.view] {
            return viewedModel(name: viewed, state: state, layer: layer)
        }
        guard let layer, let stage = gridStage(of: layer),
              let tensor = state.workspace[stage.tensorName(layer: layer.name)],
              tensor.rank == 2 || tensor.rank == 3 else { return nil }
        let labels = CommandSpec.axisLabels(name: stage.tensorName(layer: layer.name), state: state)
        return GridPaneModel(title: layer.config.description, stageNumber: stage.number,
                             stageCount: AttentionStage.allCases.count, stageName: stage.name,
                             formula: formulaBody(stage), tensor: tensor,
                             mask: stage >= .masked ? mask(of: layer, state: state, like: tensor) : nil,
                             queryLabels: labels.rows, keyLabels: labels.columns)
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

    /// The model for `view NAME` (or `view mean`); nil when the tensor is gone or not rank 2 or 3.
    static func viewedModel(name: String, state: SessionState, layer: LayerState?) -> GridPaneModel? {
        let tensor: Tensor?
        if name == CommandSpec.ScreenSetting.mean && state.workspace[name] == nil {
            tensor = try? CommandSpec.meanWeights(state, at: SourceRange(line: 1, column: 1, length: 0))
        } else {
            tensor = state.workspace[name]
        }
        guard let tensor, tensor.rank == 2 || tensor.rank == 3, !tensor.shape.contains(0) else { return nil }
        let labels = CommandSpec.axisLabels(name: name, state: state)
        var model = GridPaneModel(title: "view \(name) \(Tensor.describe(tensor.shape))",
                                  stageName: name == CommandSpec.ScreenSetting.mean ? "mean over heads of P" : name,
                                  tensor: tensor, queryLabels: labels.rows, keyLabels: labels.columns)
        if let layer, name == CommandSpec.ScreenSetting.mean || name.hasPrefix(layer.name + ".") {
            model.title = layer.config.description + " · view " + name
            if let stageMask = state.workspace[layer.name + ".mask"], stageMask.shape == Array(tensor.shape.suffix(2)) {
                model.mask = stageMask
            }
        }
        return model
    }
}
