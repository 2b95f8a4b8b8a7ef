/// Fitting labels into a fixed number of columns.
public enum LabelText {
    /// `text` cut to at most `width` characters, ending in `ellipsis` when cut:
    /// `shorten("transformer", 6, "…")` is `trans…`.
    public static func shorten(_ text: String, to width: Int, ellipsis: Character) -> String {
        guard width > 0 else { return "" }
        guard text.count > width else { return text }
        if width == 1 { return String(ellipsis) }
        return String(text.prefix(width - 1)) + String(ellipsis)
    }

    /// `text` shortened to `width` and padded on the left to exactly `width` columns.
    public static func rightAligned(_ text: String, width: Int, ellipsis: Character) -> String {
        let short = shorten(text, to: width, ellipsis: ellipsis)
        return String(repeating: " ", count: max(0, width - short.count)) + short
    }

    /// `text` shortened to `width` and centred in exactly `width` columns (extra space on the right).
    public static func centered(_ text: String, width: Int, ellipsis: Character) -> String {
        let short = shorten(text, to: width, ellipsis: ellipsis)
        let spare = max(0, width - short.count)
        let left = spare / 2
        return String(repeating: " ", count: left) + short + String(repeating: " ", count: spare - left)
    }
}
