import AttnTestSupport
import Testing
import AttnTerminal

/// The golden files of the pane renderings: `Golden/NAME.txt` beside this file.
///
/// Comparing, re-recording (`ATTNSH_RECORD_GOLDEN=1`) and the line diff on a
/// mismatch are `GoldenFolder`'s; review re-recorded files by eye before
/// committing them.
enum GoldenFile {
    static let folder = GoldenFolder(beside: #filePath)

    /// Compares `actual` with `Golden/NAME.txt` (or records it).
    static func check(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        folder.check(actual, named: name + ".txt", sourceLocation: sourceLocation)
    }

    /// The golden text of a colour rendering: the characters, then the style map.
    static func colorText(_ grid: CellGrid) -> String {
        grid.text + "\n--- styles\n" + grid.styleMap
    }
}
