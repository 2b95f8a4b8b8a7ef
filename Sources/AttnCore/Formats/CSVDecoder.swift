/// Decodes CSV bytes as they arrive into a `[rows, cols]` tensor, holding
/// one line at a time, so a file is never read whole (see `CSVFormat`).
///
/// The first line is a header only when none of its fields is a number;
/// a NUL byte, hexadecimal or trailing junk in a field is an error naming the
/// line and column (the field's position, counted from 1). The values are
/// bounded by the memory limit as they accumulate, and so is one line.
struct CSVDecoder {
    /// Names the text in messages.
    let source: String
    /// The header's fields, when the first line was one.
    private(set) var header: [String]?
    private var values: [Float] = []
    private var columns: (count: Int, line: Int)?
    private var rows = 0
    /// The line being gathered, without its newline.
    private var line: [UInt8] = []
    /// Lines completed so far.
    private var lineNumber = 0
    /// The first blank line since the last row: an error if a row follows.
    private var blankLine: Int?
    private let maxValues = MemoryLimit.bytes / MemoryLayout<Float>.size
    // A quarter of the limit: the buffer may double as it grows.
    private let maxLineBytes = max(MemoryLimit.bytes / 4, 1 << 16)

    init(source: String) {
        self.source = source
    }

    /// Takes the next bytes of the text.
    mutating func consume(_ chunk: UnsafeRawBufferPointer) throws {
        var start = 0
        while start < chunk.count {
            let rest = UnsafeRawBufferPointer(rebasing: chunk[start...])
            guard let newline = rest.firstIndex(of: 0x0A) else {
                try append(rest)
                return
            }
            try append(UnsafeRawBufferPointer(rebasing: rest[..<newline]))
            try finishLine()
            start += newline - rest.startIndex + 1
        }
    }

    /// The tensor, once every byte has been consumed.
    mutating func finish() throws -> Tensor {
        if !line.isEmpty { try finishLine() }
        guard let columns, rows > 0 else {
            throw TensorError("\(source): no numbers found (an empty file\(header != nil ? " or only a header" : ""))")
        }
        return Tensor(unchecked: [rows, columns.count], scalars: values)
    }

    /// Adds bytes to the current line; a NUL byte or an overlong line is an
    /// error at once, before a binary file (`/dev/zero`) is read any further.
    private mutating func append(_ bytes: UnsafeRawBufferPointer) throws {
        if let nul = bytes.firstIndex(of: 0) {
            let before = line.count(where: { $0 == 0x2C }) + bytes[..<nul].count(where: { $0 == 0x2C })
            throw TensorError("\(place(line: lineNumber + 1, column: before + 1)): a NUL byte is not text (is this a binary file?)")
        }
        guard line.count + bytes.count <= maxLineBytes else {
            let (shown, bound) = MemoryLimit.formatBytes(line.count + bytes.count, beside: maxLineBytes)
            throw TensorError("\(source): line \(lineNumber + 1) is longer than \(bound) (at least \(shown)), more than the memory limit allows for one line (see `limit mem=`)")
        }
        line.append(contentsOf: bytes)
    }

    /// Decodes the gathered line as a header, a row, or a blank line.
    private mutating func finishLine() throws {
        defer { line.removeAll(keepingCapacity: true) }
        lineNumber += 1
        var bytes = line[...]
        if lineNumber == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            // Spreadsheets often start UTF-8 files with a byte-order mark.
            bytes = bytes.dropFirst(3)
        }
        if bytes.last == 0x0D { bytes = bytes.dropLast() }  // CRLF line ends
        if bytes.contains(where: { $0 >= 0x80 }), String(validating: bytes, as: UTF8.self) == nil {
            throw TensorError("\(source): not a text file (it is not valid UTF-8)")
        }
        let fields = bytes.split(separator: 0x2C, omittingEmptySubsequences: false).map(CSVDecoder.trimmed)
        if fields.allSatisfy(\.isEmpty) && fields.count == 1 {
            blankLine = blankLine ?? lineNumber
            return
        }
        if let blankLine {
            throw TensorError("\(source): line \(blankLine) is blank (blank lines are allowed only at the end)")
        }
        if lineNumber == 1, !fields.contains(where: CSVDecoder.isNumber) {
            header = fields.map { DecimalText.visible(String(decoding: $0, as: UTF8.self)) }
            return
        }
        let expected = columns ?? (fields.count, lineNumber)
        columns = expected
        guard fields.count == expected.count else {
            throw TensorError("\(source): line \(lineNumber) has \(fields.count) values but line \(expected.line) has \(expected.count)")
        }
        if values.count + fields.count > maxValues {
            do {
                try MemoryLimit.check(elements: values.count + fields.count)
            } catch let error as TensorError {
                throw TensorError("\(source): \(error.message)")
            }
        }
        for (index, field) in fields.enumerated() {
            switch DecimalText.parse(field) {
            case .success(let value): values.append(value)
            case .failure(let problem):
                let text = String(decoding: field, as: UTF8.self)
                throw TensorError("\(place(line: lineNumber, column: index + 1)): \(DecimalText.explain(problem, field: text))")
            }
        }
        rows += 1
    }

    private func place(line: Int, column: Int) -> String {
        "\(source): line \(line), column \(column)"
    }

    /// A field without the spaces and tabs around it.
    private static func trimmed(_ field: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let isBlank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        guard let first = field.firstIndex(where: { !isBlank($0) }),
              let last = field.lastIndex(where: { !isBlank($0) }) else { return field[field.startIndex..<field.startIndex] }
        return field[first...last]
    }

    /// True when a field reads as a number, even one out of float32's range,
    /// so a first line holding one is data (and its errors are reported).
    private static func isNumber(_ field: ArraySlice<UInt8>) -> Bool {
        switch DecimalText.parse(field) {
        case .success, .failure(.outOfRange): true
        case .failure: false
        }
    }
}
