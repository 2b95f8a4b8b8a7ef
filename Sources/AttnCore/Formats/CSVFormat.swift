/// Reading and writing tensors as comma-separated numbers.
///
/// One row a line, values separated by commas, spaces around a value
/// ignored. What comes back is always rank 2, `[rows, cols]`, even for a
/// single column or a single row: a CSV file does not say whether it held a
/// vector, so reshape it after loading if one is wanted.
public enum CSVFormat {
    /// Text bytes per float32 value that a file may use before it is refused
    /// unread; `-1.2345678e-05, ` is 15, so 32 leaves room for padding.
    static let maxBytesPerValue = 32

    /// Decodes CSV text into a `[rows, cols]` tensor.
    ///
    /// An optional first header line is detected because it does not parse
    /// as numbers, and skipped. Blank trailing lines are ignored; rows of
    /// different lengths are an error naming the line, a field that is not a
    /// number an error naming line and column. Accepts `inf`, `-inf`, `nan`
    /// (any case) and exponents such as `1e-3`; CRLF line ends are accepted.
    /// One column or one row still gives rank 2. `source` names the text in
    /// messages.
    public static func decode(_ text: String, source: String) throws -> Tensor {
        // "\r\n" is one Character in Swift, so split on both forms.
        // Spreadsheets often start UTF-8 files with a byte-order mark; left
        // in, it would turn a first row of numbers into a "header".
        let body = text.hasPrefix("\u{FEFF}") ? text.dropFirst() : Substring(text)
        var lines = body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        while let last = lines.last, isBlank(last) { lines.removeLast() }

        var firstDataLine = 0
        if let first = lines.first, first.split(separator: ",", omittingEmptySubsequences: false).contains(where: isWord) {
            firstDataLine = 1  // a header such as `a,b,c`
        }
        guard firstDataLine < lines.count else {
            throw TensorError("\(source): no numbers found (an empty file\(firstDataLine == 1 ? " or only a header" : ""))")
        }

        let columns = lines[firstDataLine].split(separator: ",", omittingEmptySubsequences: false).count
        let rows = lines.count - firstDataLine
        let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
        guard !overflow else { throw TensorError("\(source): too many values") }
        do {
            try MemoryLimit.check(elements: count)
        } catch let error as TensorError {
            throw TensorError("\(source): \(error.message)")
        }

        var values = [Float]()
        values.reserveCapacity(count)
        let cancellation = Cancellation.current
        for lineIndex in firstDataLine..<lines.count {
            if lineIndex % 1024 == 0 { try cancellation.check() }
            let lineNumber = lineIndex + 1
            let fields = lines[lineIndex].split(separator: ",", omittingEmptySubsequences: false)
            if isBlank(lines[lineIndex]) {
                throw TensorError("\(source): line \(lineNumber) is blank (blank lines are allowed only at the end)")
            }
            guard fields.count == columns else {
                throw TensorError("\(source): line \(lineNumber) has \(fields.count) values but line \(firstDataLine + 1) has \(columns)")
            }
            for (columnIndex, field) in fields.enumerated() {
                guard let value = number(in: field) else {
                    let shown = field.trimmingSpaces()
                    let place = "\(source): line \(lineNumber), column \(columnIndex + 1)"
                    if shown.isEmpty { throw TensorError("\(place): an empty field is not a number") }
                    if Float(shown.lowercased()) != nil {
                        throw TensorError("\(place): '\(shown)' is beyond the float32 range (about ±3.4e38)")
                    }
                    throw TensorError("\(place): '\(shown)' is not a number")
                }
                values.append(value)
            }
        }
        return Tensor(unchecked: [rows, columns], scalars: values)
    }

    /// Reads and decodes the CSV file at `path`.
    public static func read(path: String) throws -> Tensor {
        let limit = FileContents.maxBytes(bytesPerValue: maxBytesPerValue, slack: 1 << 16)
        let bytes = try FileContents.read(path: path, maxBytes: limit)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw TensorError("\(path): not a text file (it is not valid UTF-8)")
        }
        return try decode(text, source: path)
    }

    /// Encodes rank 0...2 as rows: rank 0 is one value, rank 1 one row,
    /// rank 2 one line per row; rank 3 and 4 are an error suggesting a
    /// reshape. Floats print in their shortest form that reads back exactly.
    public static func encode(_ tensor: Tensor) throws -> String {
        let columns: Int
        switch tensor.rank {
        case 0: columns = 1
        case 1: columns = tensor.shape[0]
        case 2: columns = tensor.shape[1]
        default:
            throw TensorError("cannot write a rank \(tensor.rank) tensor \(Tensor.describe(tensor.shape)) as CSV, which holds rows and columns; reshape it to rank 2 first")
        }
        var text = ""
        let rows = columns == 0 ? (tensor.rank == 2 ? tensor.shape[0] : 1) : tensor.count / columns
        for row in 0..<rows {
            let start = row * columns
            text += tensor.scalars[start..<start + columns].map(format).joined(separator: ",")
            text += "\n"
        }
        return text
    }

    /// Encodes `tensor` and writes it to `path` atomically.
    public static func write(_ tensor: Tensor, path: String) throws {
        try AtomicFile.write(Array(encode(tensor).utf8), to: path)
    }

    /// A value as it is written: Swift's shortest round-trip form, which
    /// `Float(_:)` reads back to the same bits (`inf`, `-inf`, `nan` too).
    static func format(_ value: Float) -> String {
        value.isNaN ? "nan" : value.description
    }

    /// The float32 in a field, or nil when it is not a number. A finite
    /// literal too large for float32 (`1e39`) is not silently made infinite.
    static func number(in field: Substring) -> Float? {
        let text = field.trimmingSpaces().lowercased()
        guard !text.isEmpty, let value = Float(text) else { return nil }
        if value.isInfinite && !text.contains("inf") { return nil }
        return value
    }

    /// True for a field that is text rather than a number, as in a header;
    /// an empty field or an out-of-range number like `1e39` is not a word,
    /// so a first line holding one is reported as bad data.
    private static func isWord(_ field: Substring) -> Bool {
        let text = field.trimmingSpaces()
        return !text.isEmpty && Float(text.lowercased()) == nil
    }

    private static func isBlank(_ line: Substring) -> Bool {
        line.allSatisfy { $0 == " " || $0 == "\t" }
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs.
    fileprivate func trimmingSpaces() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = firstIndex(where: { !isSpace($0) }),
              let end = lastIndex(where: { !isSpace($0) }) else { return "" }
        return self[start...end]
    }
}
