import AttnCore

/// Draws the model overview: every layer × head of a model as a small heatmap of its P.
///
/// ```
///         head 0 head 1 head 2 …
/// layer 0 P░░░░░ F░░░░░[D▓░░░░]
/// layer 1 B▓░░░░ L░░░░█ N░░█░░
/// 0 ░ ▒ ▓ █ 1   P prev N next D self F first L last B broad · P of each head, max of blocks
/// ```
/// Rows are layers, columns heads. Each thumbnail is `width` columns by
/// `height` lines; drawn cell (r, c) covers the queries i with
/// ⌊r·T/height⌋ ≤ i < ⌊(r+1)·T/height⌋ and the keys j likewise over `width`
/// (at least one each, so a short sentence is stretched) and shows the
/// **maximum** weight in that block, so a sharp peak stays visible. Weights use
/// the fixed scale 0 … 1 as every P in the grid pane does. The cursor's thumbnail
/// sits between `[` `]` and its layer and head labels are bold. Each thumbnail's
/// top-left cell holds the letter of its head's strongest pattern (P previous
/// token, N next, D itself, F first, L last, B broad; `PositionPattern`), in
/// bold, as the plain table and lesson 11 name them; the legend spells the
/// letters out. When even
/// one-line thumbnails do not fit, a window of layers (or heads) around the
/// cursor is drawn and the legend says which.
///
/// A pure function of the model and the size, like `GridPaneRenderer`.
public enum OverviewRenderer {
    /// The largest thumbnail drawn, in lines (its width is at most twice that, or 6).
    public static let maxThumbnailHeight = 4

    /// Where the thumbnails go in a pane of a given size.
    struct Geometry: Equatable {
        /// Columns of the layer-label column, its trailing space included.
        var labelPart: Int
        var labelsAreLong: Bool
        /// One thumbnail, in columns and lines.
        var thumbnailWidth: Int
        var thumbnailHeight: Int
        /// Columns from one thumbnail's left edge to the next; lines from one layer to the next.
        var pitchX: Int
        var pitchY: Int
        /// The first layer and head drawn and how many of each.
        var firstLayer: Int
        var visibleLayers: Int
        var firstHead: Int
        var visibleHeads: Int
        /// Whether the bottom line holds the legend (given up for two-line thumbnails).
        var showsLegend: Bool

        /// The tallest thumbnails, with a blank line between layers when two lines or more,
        /// that fit `layers` into `room` lines; one line without gap when nothing fits.
        static func thumbnailLines(layers: Int, room: Int) -> (lines: Int, gap: Int) {
            let candidates = [(4, 1), (3, 1), (2, 1), (2, 0)]
            for (lines, gap) in candidates where lines <= OverviewRenderer.maxThumbnailHeight
                && layers * (lines + gap) - gap <= room {
                return (lines, gap)
            }
            return (1, 0)
        }

        init(model: OverviewModel, cursor: OverviewCursor, width: Int, height: Int) {
            let layers = model.layerCount, heads = model.headCount
            let longLabel = "layer \(max(0, layers - 1))"
            labelsAreLong = longLabel.count + 1 + heads * 3 <= width
            labelPart = (labelsAreLong ? longLabel.count : "L\(max(0, layers - 1))".count) + 1
            // One line of head names at the top, the legend at the bottom; the legend goes
            // when that is what lets thumbnails be two lines tall (one line shows only the
            // maximum over all queries, so a previous-token head looks like a broad one).
            let columnsRoom = max(0, width - labelPart)
            let fitPitchX = heads > 0 ? columnsRoom / heads : 0
            var size = Geometry.thumbnailLines(layers: layers, room: max(0, height - 2))
            showsLegend = true
            if size.lines == 1, Geometry.thumbnailLines(layers: layers, room: max(0, height - 1)).lines >= 2 {
                size = Geometry.thumbnailLines(layers: layers, room: max(0, height - 1))
                showsLegend = false
            }
            let rowsRoom = max(0, height - (showsLegend ? 2 : 1))
            let lines = size.lines
            // Two columns at least: one-column thumbnails would leave no room for head names.
            let columns = max(2, min(fitPitchX - 1, max(6, 2 * lines)))
            thumbnailWidth = columns
            thumbnailHeight = lines
            pitchX = columns + 1
            pitchY = lines + size.gap
            visibleLayers = max(1, min(layers, (rowsRoom + size.gap) / pitchY))
            visibleHeads = max(1, min(heads, (columnsRoom + 1) / pitchX))
            firstLayer = GridPaneRenderer.scrollOffset(current: 0, cursor: cursor.layer,
                                                       visible: visibleLayers, total: layers)
            firstHead = GridPaneRenderer.scrollOffset(current: 0, cursor: cursor.head,
                                                      visible: visibleHeads, total: heads)
        }
    }

    public static func render(_ model: OverviewModel, width: Int, height: Int,
                              options: RenderOptions = .color256) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        guard width > 0, height > 0 else { return grid }
        guard model.layerCount > 0, model.headCount > 0, model.tokenCount > 0 else {
            grid.write("the overview needs attention weights [H, T, T] for every layer; `model run TEXT` first",
                       x: 0, y: 0)
            return grid
        }
        let cursor = model.clamped(model.cursor)
        let geometry = Geometry(model: model, cursor: cursor, width: width, height: height)
        let glyphs = options.glyphs
        let shading = HeatShading(options: options)
        let heads = model.headCount
        // The longest of `head N`, `hN`, `N` that fits every thumbnail.
        let last = String(heads - 1)
        let headPrefix = ["head ", "h", ""].first { ($0 + last).count <= geometry.thumbnailWidth } ?? ""

        func thumbnailX(_ head: Int) -> Int { geometry.labelPart + (head - geometry.firstHead) * geometry.pitchX }
        func thumbnailY(_ layer: Int) -> Int { 1 + (layer - geometry.firstLayer) * geometry.pitchY }

        let headRange = geometry.firstHead..<(geometry.firstHead + geometry.visibleHeads)
        let layerRange = geometry.firstLayer..<(geometry.firstLayer + geometry.visibleLayers)
        for head in headRange {
            grid.write(LabelText.shorten(headPrefix + String(head), to: geometry.thumbnailWidth, ellipsis: glyphs.ellipsis),
                       x: thumbnailX(head), y: 0, style: head == cursor.head ? .strong : .plain)
        }
        for layer in layerRange {
            let top = thumbnailY(layer)
            let label = geometry.labelsAreLong ? "layer \(layer)" : "L\(layer)"
            grid.write(LabelText.rightAligned(label, width: geometry.labelPart - 1, ellipsis: glyphs.ellipsis),
                       x: 0, y: top + (geometry.thumbnailHeight - 1) / 2,
                       style: layer == cursor.layer ? .strong : .plain)
            let p = model.attention[layer].scalars  // [H, T, T]
            for head in headRange {
                drawThumbnail(into: &grid, x: thumbnailX(head), y: top, weights: p, head: head,
                              tokens: model.tokenCount, geometry: geometry, shading: shading)
                if let pattern = model.pattern(layer: layer, head: head) {
                    grid.put(Character(pattern.kind.letter), x: thumbnailX(head), y: top, style: .strong)
                }
            }
        }
        // The cursor: brackets in the gaps beside its thumbnail's middle line.
        let middle = thumbnailY(cursor.layer) + (geometry.thumbnailHeight - 1) / 2
        let bracketStyle: CellStyle = options.colorMode == .color256 ? .strong : .plain
        grid.put("[", x: thumbnailX(cursor.head) - 1, y: middle, style: bracketStyle)
        grid.put("]", x: thumbnailX(cursor.head) + geometry.thumbnailWidth, y: middle, style: bracketStyle)

        if geometry.showsLegend {
            drawLegend(into: &grid, y: height - 1, model: model, geometry: geometry, shading: shading,
                       options: options)
        }
        if options.colorMode == .ascii { grid.restrictToASCII() }
        return grid
    }

    /// One head's thumbnail: the maximum of P over each block of queries × keys.
    private static func drawThumbnail(into grid: inout CellGrid, x: Int, y: Int, weights: [Float], head: Int,
                                      tokens: Int, geometry: Geometry, shading: HeatShading) {
        let lines = geometry.thumbnailHeight, columns = geometry.thumbnailWidth
        let plane = head * tokens * tokens
        for line in 0..<lines {
            let rows = blockRange(line, of: lines, tokens: tokens)
            for column in 0..<columns {
                let keys = blockRange(column, of: columns, tokens: tokens)
                var best = -Float.infinity
                var sawValue = false
                for i in rows {
                    for j in keys {
                        let value = weights[plane + i * tokens + j]
                        if value.isFinite && (!sawValue || value > best) {
                            best = value
                            sawValue = true
                        }
                    }
                }
                if sawValue {
                    let level = shading.level(best)
                    grid.put(shading.fills[level], x: x + column, y: y + line, style: shading.styles[level])
                } else {
                    grid.put(shading.invalid.character, x: x + column, y: y + line, style: shading.invalid.style)
                }
            }
        }
    }

    /// The tokens drawn cell `index` of `count` covers: ⌊index·T/count⌋ up to the next one, at least one.
    static func blockRange(_ index: Int, of count: Int, tokens: Int) -> Range<Int> {
        let start = min(tokens - 1, index * tokens / count)
        let end = max(start + 1, min(tokens, (index + 1) * tokens / count))
        return start..<end
    }

    /// What the letters in the thumbnails mean, short enough for the legend line.
    public static let letterLegend = "P prev N next D self F first L last B broad"

    /// `0 ░ ▒ ▓ █ 1   P prev N next ...  max of blocks of P`, then which layers and heads when
    /// not all fit.
    private static func drawLegend(into grid: inout CellGrid, y: Int, model: OverviewModel, geometry: Geometry,
                                   shading: HeatShading, options: RenderOptions) {
        let glyphs = options.glyphs
        let dash = glyphs == .ascii ? "-" : "–"
        var x = grid.write("0 ", x: 1, y: y)
        for level in 0..<shading.levels {
            switch options.colorMode {
            case .color256:
                grid.put(" ", x: x, y: y, style: shading.styles[level])
                grid.put(" ", x: x + 1, y: y, style: shading.styles[level])
                x += 2
            case .monochrome:
                x = grid.write("\(shading.fills[level]) ", x: x, y: y)
            case .ascii:
                grid.put(shading.fills[level], x: x, y: y)
                x += 1
            }
        }
        x = grid.write((options.colorMode == .monochrome ? "" : " ") + "1", x: x, y: y)
        var notes: [String] = []
        if geometry.visibleLayers < model.layerCount {
            notes.append("layers \(geometry.firstLayer)\(dash)\(geometry.firstLayer + geometry.visibleLayers - 1) of \(model.layerCount)")
        }
        if geometry.visibleHeads < model.headCount {
            notes.append("heads \(geometry.firstHead)\(dash)\(geometry.firstHead + geometry.visibleHeads - 1) of \(model.headCount)")
        }
        if !model.patterns.isEmpty { notes.append(letterLegend) }
        notes += ["P of each head, max of blocks", "\(model.tokenCount) tokens"]
        grid.write("   " + notes.joined(separator: glyphs.separator), x: x, y: y)
    }
}
