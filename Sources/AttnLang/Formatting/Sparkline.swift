/// A one-line chart of a series in block characters, for training curves in
/// plain mode: `▇▆▅▃▂▁`.
///
/// The series is cut into `width` equal runs (fewer when it is shorter) and
/// each character shows the mean of its run. Heights are scaled so that 0
/// is the lowest block and `ceiling` (default: the series maximum) the
/// highest, so a falling loss is seen falling towards zero rather than
/// stretched to fill the line.
public enum Sparkline {
    /// The eight block heights, lowest first.
    public static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    /// The eight heights in ASCII (`--ascii`), lowest first.
    public static let asciiBlocks: [Character] = ["_", ".", ",", "-", "~", "=", "*", "#"]

    /// The sparkline of `values` in at most `width` characters; a non-finite
    /// value draws as `·` (`?` in ASCII).
    public static func render(_ values: [Float], width: Int, ceiling: Float? = nil, ascii: Bool = false) -> String {
        guard !values.isEmpty, width > 0 else { return "" }
        let columns = min(width, values.count)
        var means: [Float] = []
        for column in 0..<columns {
            let start = column * values.count / columns
            let end = max(start + 1, (column + 1) * values.count / columns)
            let run = values[start..<end]
            means.append(run.reduce(0, +) / Float(run.count))
        }
        return draw(means, ceiling: ceiling, ascii: ascii)
    }

    /// The sparkline of `values` with one character per `perColumn`
    /// consecutive values (the last may hold fewer), so that a growing series
    /// keeps its earlier characters as it grows.
    public static func render(_ values: [Float], perColumn: Int, ceiling: Float? = nil, ascii: Bool = false) -> String {
        guard !values.isEmpty, perColumn > 0 else { return "" }
        let means = stride(from: 0, to: values.count, by: perColumn).map { start -> Float in
            let run = values[start..<min(values.count, start + perColumn)]
            return run.reduce(0, +) / Float(run.count)
        }
        return draw(means, ceiling: ceiling, ascii: ascii)
    }

    /// One block per value, 0 to `ceiling` (default the largest finite value).
    static func draw(_ means: [Float], ceiling: Float?, ascii: Bool) -> String {
        let blocks = ascii ? asciiBlocks : blocks
        let top = ceiling ?? means.filter(\.isFinite).max() ?? 0
        return String(means.map { value -> Character in
            guard value.isFinite else { return ascii ? "?" : "·" }
            guard top > 0 else { return blocks[0] }
            let level = Int((max(0, value) / top * Float(blocks.count - 1)).rounded())
            return blocks[min(blocks.count - 1, max(0, level))]
        })
    }
}
