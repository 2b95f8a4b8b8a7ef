/// Draws the inspector: the cell under the cursor in words and numbers.
///
/// For query × key stages (scores … P):
/// ```
/// head 0 · query "sat" (2) → key "cat" (1)
/// q·k = 1.84  ×1/√4 = 0.92  weight 0.47
/// top keys: cat 0.47 · sat 0.31 · the 0.22
/// ```
/// The arithmetic adds up: with ALiBi the bias joins the sum (`q·k = −0.24  ×0.50 = −0.12,
/// + ALiBi −0.13 = −0.25`), and a stored value that is not what its formula gives says so
/// (`scores 5.00 (edited)`, `, edited to 3.00`, `weight 0.90 (edited)`). For other tensors the
/// first line names the cell by what its axes mean (`head 0 · token "the" (0) · feature 3`,
/// `attn.Wq · input 3 → output 7 (head 1 · feature 3)`), the second gives `NAME[i, j] = value`,
/// the third how it is made.
///
/// Scores use 2 decimals; labels longer than 12 characters are shortened;
/// the top-keys line lists as many keys as fit the width. When the first two
/// lines are wider than the pane they drop their words and spaces
/// (`head 0 · "sat" (2) → "cat" (1)`, `q·k=1.84 ×1/√4=0.92 weight 0.47`, then `w 0.47`); a
/// weight that does not fit after the arithmetic opens the next line, and a sum with the ALiBi
/// term (or an edit) too long for one line continues on the next (`+ ALiBi −0.13=0.34 weight 0.21`).
public enum InspectorRenderer {
    public static let maxLabelLength = 12

    /// The inspector's lines as text (what `render` draws, also usable in plain mode).
    public static func lines(_ model: InspectorModel, width: Int = .max, options: RenderOptions = .color256) -> [String] {
        let text = Text(model: model, options: options)
        switch model.axes {
        case .queryKey: return attentionLines(model, width: width, text: text)
        case .tokenFeature, .inputOutput, .rowColumn: return cellLines(model, text: text)
        }
    }

    /// The glyphs and number style of one rendering.
    struct Text {
        let model: InspectorModel
        let options: RenderOptions
        var glyphs: GlyphSet { options.glyphs }
        var ascii: Bool { options.colorMode == .ascii }
        var dash: String { ascii ? "-" : "—" }

        func label(_ text: String) -> String {
            LabelText.shorten(text, to: maxLabelLength, ellipsis: glyphs.ellipsis)
        }

        func number(_ value: Float?) -> String {
            guard let value else { return dash }
            return NumberText.fixed(value, decimals: 2, minus: glyphs.minus)
        }
    }

    /// Query × key: who looks at whom, the score's arithmetic, the weight and the row's top keys.
    static func attentionLines(_ model: InspectorModel, width: Int, text: Text) -> [String] {
        let glyphs = text.glyphs
        let query = "\"\(text.label(model.queryLabel))\" (\(model.queryPosition))"
        let key = "\"\(text.label(model.keyLabel))\" (\(model.keyPosition))"
        var first = "head \(model.head)\(glyphs.separator)query \(query) \(glyphs.arrow) key \(key)"
        if first.count > width {
            first = "head \(model.head)\(glyphs.separator)\(query) \(glyphs.arrow) \(key)"
        }

        if model.rawScore == nil && model.scale == nil && model.headDim == nil && !model.tensorName.isEmpty {
            // A query × key tensor that is not a stage of the trace (`view mean`, the mask).
            let value = model.isMasked ? "0 (masked)" : text.number(model.value ?? model.weight)
            return [first, "\(model.tensorName) = \(value)"]
        }
        var weightText = model.isMasked ? "weight 0 (masked)" : "weight \(text.number(model.weight))"
        if model.weightEdited && !model.isMasked { weightText += " (edited)" }
        func whole(_ parts: (score: String, bias: String)) -> String { parts.score + parts.bias }
        let spaced = arithmetic(model, text: text, spaced: true)
        let packed = arithmetic(model, text: text, spaced: false)
        var second = whole(spaced) + "  " + weightText
        var biasLine: String?
        var weightOnThirdLine = false
        if second.count > width {
            second = whole(packed) + " " + weightText
        }
        if second.count > width {
            let shortWeight = model.isMasked ? "w 0 (masked)" : "w \(text.number(model.weight))"
                + (model.weightEdited && !model.isMasked ? " (edited)" : "")
            let short = whole(packed) + " " + shortWeight
            if short.count <= width || model.alibiBias == nil && !model.scaledEdited {
                second = short
            } else if whole(packed).count <= width {
                second = whole(packed)
                weightOnThirdLine = true
            } else {
                // The bias (or the edit) on a line of its own, the weight after it.
                second = packed.score
                biasLine = String(packed.bias.drop { $0 == "," || $0 == " " }) + " " + weightText
            }
        }

        var third = weightOnThirdLine ? weightText + glyphs.separator + "top:" : "top keys:"
        for (index, key) in model.topKeys.enumerated() {
            let entry = (index == 0 ? " " : glyphs.separator) + text.label(key.label) + " "
                + NumberText.fixed(key.weight, decimals: 2, minus: glyphs.minus)
            if third.count + entry.count > width { break }
            third += entry
        }
        if model.topKeys.isEmpty { third += " " + text.dash }
        return [first, second] + (biasLine.map { [$0] } ?? []) + [third]
    }

    /// `q·k = 1.84  ×1/√4 = 0.92`, with the ALiBi term and edits; `spaced: false` packs it.
    ///
    /// The product is the stored score times the scale; the result is the stored scaled score,
    /// which equals product + bias unless `scaled` was edited (then `, edited to X` follows the
    /// sum that was expected).
    static func arithmetic(_ model: InspectorModel, text: Text, spaced: Bool) -> (score: String, bias: String) {
        let ascii = text.ascii
        let dot = ascii ? "." : "·"
        let equals = spaced ? " = " : "="
        let gap = spaced ? "  " : " "
        let scaleText: String
        if let headDim = model.headDim {
            scaleText = ascii ? "x1/sqrt(\(headDim))" : "×1/√\(headDim)"
        } else {
            scaleText = text.glyphs.multiply + text.number(model.scale)
        }
        let raw = model.scoreEdited
            ? "scores\(spaced ? " " : "=")\(text.number(model.rawScore)) (edited)"
            : "q\(dot)k\(equals)\(text.number(model.rawScore))"
        let scale = model.scale ?? model.headDim.map { 1 / Float($0).squareRoot() }
        guard let bias = model.alibiBias else {
            var result = model.scaledScore
            var note = ""
            if model.scaledEdited, let rawScore = model.rawScore, let scale {
                result = rawScore * scale
                note = ", edited to \(text.number(model.scaledScore))"
            }
            return (raw + gap + scaleText + equals + text.number(result), note)
        }
        let product = model.rawScore.flatMap { rawScore in scale.map { rawScore * $0 } }
        var sum = model.scaledScore
        var note = ""
        if model.scaledEdited, let product {
            sum = product + bias
            note = ", edited to \(text.number(model.scaledScore))"
        }
        let biasText = "+ ALiBi \(text.number(bias))"
        return (raw + gap + scaleText + equals + text.number(product), ", " + biasText + equals + text.number(sum) + note)
    }

    /// Token × feature, input × output, row × column: the cell named by its axes, its value, and
    /// how it is made.
    static func cellLines(_ model: InspectorModel, text: Text) -> [String] {
        let glyphs = text.glyphs
        let rank3 = model.index.count == 3
        let row = model.queryPosition, column = model.keyPosition
        // `"the" (0)` for a labelled position, `0` for one without a label.
        func position(_ label: String, _ index: Int) -> String {
            label == String(index) ? "\(index)" : "\"\(text.label(label))\" (\(index))"
        }
        var first: String
        switch model.axes {
        case .tokenFeature:
            first = (rank3 ? "head \(model.head)\(glyphs.separator)" : "")
                + "token \(position(model.queryLabel, row))\(glyphs.separator)feature \(column)"
        case .inputOutput:
            first = "\(model.tensorName)\(glyphs.separator)input \(row) \(glyphs.arrow) output \(column)"
        case .rowColumn, .queryKey:
            first = (rank3 ? "head \(model.head)\(glyphs.separator)" : "")
                + "row \(position(model.queryLabel, row))\(glyphs.separator)column \(position(model.keyLabel, column))"
        }
        if let meaning = model.columnMeaning { first += " (\(meaning))" }
        let index = model.index.map(String.init).joined(separator: ", ")
        var lines = [first, "\(model.tensorName)[\(index)] = \(text.number(model.value))"]
        if model.isMasked { lines[1] += " (masked)" }
        if let derivation = model.derivation { lines.append(derivation) }
        return lines
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
