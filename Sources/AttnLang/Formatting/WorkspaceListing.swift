import AttnCore

/// The table `ls` prints: one row per name with shape, elements, bytes and origin.
///
///     name    shape   elements  bytes  origin
///     x       [2, 3]         6   24 B  user
enum WorkspaceListing {
    static func table(_ workspace: Workspace) -> String {
        guard !workspace.isEmpty else { return "(the workspace is empty)" }
        let header = ["name", "shape", "elements", "bytes", "origin"]
        var rows = [header]
        for (name, entry) in workspace.entriesInOrder {
            // The shape alone: a derived entry is listed without computing it.
            let count = (try? Tensor.elementCount(of: entry.shape)) ?? 0
            rows.append([name, Tensor.describe(entry.shape), String(count),
                         MemoryLimit.formatBytes(count * MemoryLayout<Float>.size), entry.origin.rawValue])
        }
        let widths = (0..<header.count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        // Counts and sizes read best right-aligned; words left-aligned.
        let rightAligned: Set<Int> = [2, 3]
        return rows.map { row in
            row.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                if column == row.count - 1 { return cell }
                return rightAligned.contains(column) ? pad + cell : cell + pad
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
