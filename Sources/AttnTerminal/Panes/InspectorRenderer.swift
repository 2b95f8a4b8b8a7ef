/// Draws the inspector: the cell under the cursor in words and numbers.
///
/// ```
/// head 0 · query "sat" (2) → key "cat" (1)
/// q·k = 1.84  ×1/√4 = 0.92  weight 0.47
/// top keys: cat 0.47 · sat 0.31 · the 0.22
/// ```
/// Scores use 2 decimals; labels longer than 12 characters are shortened;
/// the top-keys line lists as many keys as fit the width. When the first two
/// lines are wider than the pane they drop their words and spaces
/// (`head 0 · "sat" (2) → "cat" (1)`, `q·k=1.84 ×1/√4=0.92 weight 0.47`, then `w 0.47`).
public enum InspectorRenderer {
    public static let maxLabelLength = 12

    /// The inspector's lines as text (what `render` draws, also usable in plain mode).
    public static func lines(_ model: InspectorModel, width: Int = .max, options: RenderOptions = .color256) -> [String] {
        let glyphs = options.glyphs
        let ascii = options.colorMode == .ascii
        func label(_ text: String) -> String {
            LabelText.shorten(text, to: maxLabelLength, ellipsis: glyphs.ellipsis)
        }
        func number(_ value: Float?) -> String {
            guard let value else { return ascii ? "-" : "—" }
            return NumberText.fixed(value, decimals: 2, minus: glyphs.minus)
        }
        let query = "\"\(label(model.queryLabel))\" (\(model.queryPosition))"
        let key = "\"\(label(model.keyLabel))\" (\(model.keyPosition))"
        var first = "head \(model.head)\(glyphs.separator)query \(query) \(glyphs.arrow) key \(key)"
        if first.count > width {
            first = "head \(model.head)\(glyphs.separator)\(query) \(glyphs.arrow) \(key)"
        }

        let dot = ascii ? "." : "·"
        let scaleText: String
        if let headDim = model.headDim {
            scaleText = ascii ? "x1/sqrt(\(headDim))" : "×1/√\(headDim)"
        } else {
            scaleText = glyphs.multiply + number(model.scale)
        }
        let weightText = model.isMasked ? "weight 0 (masked)" : "weight \(number(model.weight))"
        var second = "q\(dot)k = \(number(model.rawScore))  \(scaleText) = \(number(model.scaledScore))  \(weightText)"
        if second.count > width {
            second = "q\(dot)k=\(number(model.rawScore)) \(scaleText)=\(number(model.scaledScore)) \(weightText)"
        }
        if second.count > width {
            let shortWeight = model.isMasked ? "w 0 (masked)" : "w \(number(model.weight))"
            second = "q\(dot)k=\(number(model.rawScore)) \(scaleText)=\(number(model.scaledScore)) \(shortWeight)"
        }

        var third = "top keys:"
        for (index, key) in model.topKeys.enumerated() {
            let entry = (index == 0 ? " " : glyphs.separator) + label(key.label) + " "
                + NumberText.fixed(key.weight, decimals: 2, minus: glyphs.minus)
            if third.count + entry.count > width { break }
            third += entry
        }
        if model.topKeys.isEmpty { third += ascii ? " -" : " —" }
        return [first, second, third]
    }

    public static func render(_ model: InspectorModel?, width: Int, height: Int,
                              options: RenderOptions = .color256) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        guard let model else {
            grid.write("no cell selected", x: 0, y: 0)
            return grid
        }
        for (row, line) in lines(model, width: width, options: options).enumerated() {
            grid.write(line, x: 0, y: row)
        }
        if options.colorMode == .ascii { grid.restrictToASCII() }
        return grid
    }
}
