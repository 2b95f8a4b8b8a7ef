import AttnCore
import AttnTestSupport
import Testing
@testable import AttnTerminal

/// The aggregates' eight-at-a-time pass against a plain reading of every block: maxima, largest
/// magnitudes, masked and invalid blocks, range and blocked cells, with masks and special values,
/// for widths that are and are not multiples of eight.
@Suite struct GridAggregatesTests {
    /// The reference: block (bh, bi, bj) read cell by cell.
    static func reference(_ values: [Float], mask: [Float], heads: Int, rows: Int, columns: Int,
                          head: Int, row: Int, column: Int, block: Int, byMagnitude: Bool) -> GridValues.Drawn {
        var chosen: Float?
        var sawInvalid = false
        for r in row..<min(rows, row + block) {
            for c in column..<min(columns, column + block) {
                if !mask.isEmpty && mask[r * columns + c] == 0 { continue }
                let v = values[(head * rows + r) * columns + c]
                if v.isFinite {
                    if let best = chosen {
                        if byMagnitude {
                            if abs(v) > abs(best) || (abs(v) == abs(best) && v > best) { chosen = v }
                        } else if v > best {
                            chosen = v
                        }
                    } else {
                        chosen = v
                    }
                } else if v != -.infinity {
                    sawInvalid = true
                }
            }
        }
        if let chosen { return .value(chosen) }
        return sawInvalid ? .invalid : .masked
    }

    @Test(arguments: [(3, 13, 21, 4), (2, 16, 16, 8), (1, 40, 37, 16), (2, 9, 70, 2), (1, 33, 64, 64)])
    func blockViewsMatchACellByCellReading(_ heads: Int, _ rows: Int, _ columns: Int, _ block: Int) {
        var random = SplitMix64(state: UInt64(heads * 1000 + rows * 10 + columns))
        for signed in [false, true] {
            var values = (0..<(heads * rows * columns)).map { _ in
                let u = Float(random.next() % 10_000) / 10_000
                return signed ? u * 2 - 1 : u
            }
            // Special values here and there: NaN, +inf, −inf.
            for (index, special) in [(5, Float.nan), (17, .infinity), (23, -.infinity), (values.count - 1, .nan)] {
                values[index % values.count] = special
            }
            let mask = (0..<(rows * columns)).map { $0 % 7 == 3 ? Float(0) : 1 }
            for useMask in [false, true] {
                let model = GridPaneModel(tensor: Tensor(unchecked: [heads, rows, columns], scalars: values),
                                          mask: useMask ? Tensor(unchecked: [rows, columns], scalars: mask) : nil)
                let grid = GridValues(model)
                let summary = grid.aggregates.summary()
                #expect(summary?.aggregatesByMagnitude == signed)
                for head in 0..<heads {
                    for row in stride(from: 0, to: rows, by: block) {
                        for column in stride(from: 0, to: columns, by: block) {
                            let expected = Self.reference(values, mask: useMask ? mask : [], heads: heads, rows: rows,
                                                          columns: columns, head: head, row: row, column: column,
                                                          block: block, byMagnitude: signed)
                            #expect(grid.drawn(head: head, row: row, column: column, block: block) == expected,
                                    "block (\(head), \(row), \(column)) signed \(signed) mask \(useMask)")
                        }
                    }
                }
                let finite = values.enumerated().filter { index, v in
                    v.isFinite && (!useMask || mask[index % (rows * columns)] != 0)
                }.map(\.element)
                #expect(grid.finiteRange()?.min == finite.min() && grid.finiteRange()?.max == finite.max())
                #expect(grid.hasMaskedCells())
            }
        }
    }
}
