/// The look of each shading level in one drawing mode, worked out once per render.
///
/// The grid renderer's inner loop only indexes these arrays: no strings are
/// built per cell unless a number is printed in it.
struct HeatShading {
    /// How many distinct levels this mode shows.
    let levels: Int
    /// The character that fills a cell at each level.
    let fills: [Character]
    /// The style of a cell at each level.
    let styles: [CellStyle]
    /// The style of a number printed on a cell at each level.
    let numberStyles: [CellStyle]
    /// What a masked cell shows: a dot (or `x` in ASCII) on the default background.
    let masked: Cell
    /// What a NaN shows: `?`, so a broken value is never mistaken for a weight.
    let invalid: Cell
    /// The narrowest cell that also prints its value.
    let minimumNumberWidth: Int

    init(options: RenderOptions, signed: Bool = false) {
        let glyphs = options.glyphs
        switch options.colorMode {
        case .color256:
            // Signed data uses the diverging ramp whatever the sequential palette is.
            let palette = signed
                ? HeatmapPalette(name: "diverging", ramp: HeatmapPalette.diverging,
                                 textColors: HeatmapPalette.divergingText)
                : options.palette
            levels = palette.ramp.count
            fills = [Character](repeating: " ", count: levels)
            styles = (0..<levels).map { CellStyle(background: .indexed(palette.ramp[$0])) }
            numberStyles = (0..<levels).map {
                CellStyle(foreground: .indexed(palette.textColors[$0]), background: .indexed(palette.ramp[$0]))
            }
            masked = Cell(glyphs.masked, style: CellStyle(foreground: .indexed(244)))
            invalid = Cell("?", style: CellStyle(foreground: .indexed(196), bold: true))
            minimumNumberWidth = 3
        case .monochrome, .ascii:
            levels = glyphs.shades.count
            fills = glyphs.shades
            styles = [CellStyle](repeating: .plain, count: levels)
            numberStyles = [CellStyle](repeating: .plain, count: levels)
            masked = Cell(glyphs.masked)
            invalid = Cell("?", style: .strong)
            minimumNumberWidth = 5
        }
    }

    /// The level of a value already normalised to [0, 1].
    @inline(__always)
    func level(_ t: Float) -> Int { HeatmapPalette.level(t, steps: levels) }
}
