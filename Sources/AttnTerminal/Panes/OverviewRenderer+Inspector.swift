import AttnCore

/// The inspector under the overview: the cursor's layer and head and its strongest pattern.
extension OverviewRenderer {
    /// The inspector's lines for the overview's cursor:
    /// ```
    /// layer 2 · head 5 · 9 tokens
    /// strongest pattern: previous token (weight 0.82)
    /// Enter opens layer 2 on head 5 (model layer 2)
    /// letters: P previous token · N next · D itself · F first · L last · B broad
    /// ```
    /// The last line is the key to the thumbnails' letters (also in the legend line, which a
    /// short pane gives up).
    /// The score is the pattern's mean weight (`PositionPattern`), or for a broad head its
    /// mean entropy / log T.
    public static func inspectorLines(_ model: OverviewModel, width: Int = .max,
                                      options: RenderOptions = .color256) -> [String] {
        guard model.layerCount > 0, model.headCount > 0 else { return ["no attention weights to inspect"] }
        let glyphs = options.glyphs
        let cursor = model.clamped(model.cursor)
        let first = "layer \(cursor.layer)\(glyphs.separator)head \(cursor.head)\(glyphs.separator)\(model.tokenCount) tokens"
        var second = "strongest pattern: "
        if let pattern = model.pattern(layer: cursor.layer, head: cursor.head) {
            let measure = pattern.kind == .broad ? "entropy" : "weight"
            let score = NumberText.fixed(pattern.score, decimals: 2, minus: glyphs.minus)
            second += "\(describe(pattern.kind)) (\(measure) \(score))"
            if second.count > width { second = "pattern: \(describe(pattern.kind)) \(score)" }
        } else {
            second += options.colorMode == .ascii ? "-" : "—"
        }
        var third = "Enter opens layer \(cursor.layer) on head \(cursor.head) (model layer \(cursor.layer))"
        if third.count > width { third = "Enter: model layer \(cursor.layer), head \(cursor.head)" }
        var lines = [first, second, third]
        if !model.patterns.isEmpty {
            let s = glyphs.separator
            var key = "letters: P previous token\(s)N next\(s)D itself\(s)F first\(s)L last\(s)B broad"
            if key.count > width { key = "letters: " + letterLegend }
            lines.append(key)
        }
        return lines.map { LabelText.shorten($0, to: width, ellipsis: glyphs.ellipsis) }
    }

    /// A pattern in words: `previous token`, `first token ([CLS])`, ...
    public static func describe(_ kind: PositionPattern.Kind) -> String {
        switch kind {
        case .previous: "previous token"
        case .next: "next token"
        case .diagonal: "itself"
        case .first: "first token ([CLS])"
        case .last: "last token ([SEP])"
        case .broad: "broad"
        }
    }

    /// The inspector pane for the overview.
    public static func renderInspector(_ model: OverviewModel, width: Int, height: Int,
                                       options: RenderOptions = .color256) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        for (row, line) in inspectorLines(model, width: width, options: options).enumerated() {
            grid.write(line, x: 0, y: row)
        }
        if options.colorMode == .ascii { grid.restrictToASCII() }
        return grid
    }
}
