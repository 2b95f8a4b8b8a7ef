/// Decodes CSV bytes as they arrive into a `[rows, cols]` tensor, one field
/// at a time, so neither the file nor a line is ever held whole (see
/// `CSVFormat`): memory is the values themselves plus one field.
///
/// The first line is a header only when none of its fields is a number;
/// a NUL byte, hexadecimal or trailing junk in a field is an error naming the
/// line and column (the field's position, counted from 1). The values are
/// bounded by the memory limit as they accumulate.
struct CSVDecoder {
    /// Names the text in messages.
    let source: String
    /// The header's fields, when the first line was one.
    private(set) var header: [String]?
    private var values: [Float] = []
    private var columns: (count: Int, line: Int)?
    private var rows = 0
    /// The field being gathered.
    private var field: [UInt8] = []
    /// The current line (1-based) and the index of the field being gathered.
    private var lineNumber = 1
    private var fieldIndex = 0
    /// The first blank line since the last row: an error if a row follows.
    private var blankLine: Int?
    /// While line 1 has shown no number it may be a header: its fields'
    /// text, and the first one's problem should the line turn out to be data.
    private var headerCandidate: [String]? = []
    private var firstProblem: TensorError?
    private let maxValues = MemoryLimit.bytes / MemoryLayout<Float>.size
    /// The most fields a header may have.
    static let maxHeaderFields = 1 << 16
    /// No number is this long; a longer field is refused as it arrives.
    static let maxFieldBytes = 1 << 20

    init(source: String) {
        self.source = source
    }

    /// Takes the next bytes of the text.
    mutating func consume(_ chunk: UnsafeRawBufferPointer) throws {
        var start = 0
        var index = 0
        let count = chunk.count
        while index < count {
            let byte = chunk[index]
            if byte == 0x2C || byte == 0x0A {
                try append(UnsafeRawBufferPointer(rebasing: chunk[start..<index]))
                try finishField(endsLine: byte == 0x0A)
                start = index + 1
            } else if byte == 0 {
                throw TensorError("\(place): a NUL byte is not text (is this a binary file?)")
            }
            index += 1
        }
        try append(UnsafeRawBufferPointer(rebasing: chunk[start..<count]))
    }

    /// The tensor, once every byte has been consumed.
    mutating func finish() throws -> Tensor {
        if !field.isEmpty || fieldIndex > 0 { try finishField(endsLine: true) }
        guard let columns, rows > 0 else {
            throw TensorError("\(source): no numbers found (an empty file\(header != nil ? " or only a header" : ""))")
        }
        return Tensor(unchecked: [rows, columns.count], scalars: values)
    }

    /// Adds bytes to the current field; a NUL byte or an overlong field is
    /// an error at once, before a binary file (`/dev/zero`) is read further.
    private mutating func append(_ bytes: UnsafeRawBufferPointer) throws {
        guard field.count + bytes.count <= CSVDecoder.maxFieldBytes else {
            throw TensorError("\(place): a field longer than \(MemoryLimit.formatBytes(CSVDecoder.maxFieldBytes)) is not a number")
        }
        field.append(contentsOf: bytes)
    }

    /// Decodes the gathered field; at the end of a line, finishes the line.
    private mutating func finishField(endsLine: Bool) throws {
        defer {
            field.removeAll(keepingCapacity: true)
            if endsLine { lineNumber += 1; fieldIndex = 0 } else { fieldIndex += 1 }
        }
        var lower = 0
        var upper = field.count
        if lineNumber == 1, fieldIndex == 0, field.starts(with: [0xEF, 0xBB, 0xBF]) {
            lower = 3  // spreadsheets often start UTF-8 files with a byte-order mark
        }
        if endsLine, upper > lower, field[upper - 1] == 0x0D { upper -= 1 }  // CRLF line ends
        while lower < upper, field[lower] == 0x20 || field[lower] == 0x09 { lower += 1 }
        while upper > lower, field[upper - 1] == 0x20 || field[upper - 1] == 0x09 { upper -= 1 }
        let bytes = field[lower..<upper]
        var ascii = true
        for byte in bytes where byte >= 0x80 { ascii = false; break }
        if !ascii, String(validating: bytes, as: UTF8.self) == nil {
            throw TensorError("\(source): not a text file (it is not valid UTF-8)")
        }
        if fieldIndex == 0 && endsLine && bytes.isEmpty {
            blankLine = blankLine ?? lineNumber
            if lineNumber == 1 { headerCandidate = nil }
            return
        }
        if let blankLine {
            throw TensorError("\(source): line \(blankLine) is blank (blank lines are allowed only at the end)")
        }
        let parsed = field.withUnsafeBytes { DecimalText.parse(UnsafeRawBufferPointer(rebasing: $0[lower..<upper])) }
        if lineNumber == 1, headerCandidate != nil {
            try decideFirstLine(bytes, parsed)
        } else {
            switch parsed {
            case .success(let value): try add(value)
            case .failure(let problem): throw problemError(problem, bytes)
            }
        }
        if endsLine { try finishLine() }
    }

    /// A field of line 1 while it may still be a header: the first number
    /// makes it data (and any earlier field's problem an error).
    private mutating func decideFirstLine(_ bytes: ArraySlice<UInt8>, _ parsed: Result<Float, DecimalText.Problem>) throws {
        switch parsed {
        case .success(let value):
            if let firstProblem { throw firstProblem }
            headerCandidate = nil
            try add(value)
        case .failure(.outOfRange):
            throw problemError(.outOfRange, bytes)
        case .failure(let problem):
            firstProblem = firstProblem ?? problemError(problem, bytes)
            // A header is a few names; a line of endless words is bad data.
            if let firstProblem, (headerCandidate?.count ?? 0) >= CSVDecoder.maxHeaderFields { throw firstProblem }
            headerCandidate?.append(DecimalText.visible(String(decoding: bytes, as: UTF8.self)))
        }
    }

    /// Ends a line that held a header or a row of values.
    private mutating func finishLine() throws {
        if lineNumber == 1, let names = headerCandidate {
            header = names
            headerCandidate = nil
            return
        }
        let count = fieldIndex + 1
        let expected = columns ?? (count, lineNumber)
        columns = expected
        guard count == expected.count else {
            throw TensorError("\(source): line \(lineNumber) has \(count) values but line \(expected.line) has \(expected.count)")
        }
        rows += 1
    }

    private mutating func add(_ value: Float) throws {
        if values.count >= maxValues {
            do {
                try MemoryLimit.check(elements: values.count + 1)
            } catch let error as TensorError {
                throw TensorError("\(source): \(error.message)")
            }
        }
        values.append(value)
    }

    private func problemError(_ problem: DecimalText.Problem, _ bytes: ArraySlice<UInt8>) -> TensorError {
        TensorError("\(place): \(DecimalText.explain(problem, field: String(decoding: bytes, as: UTF8.self)))")
    }

    /// `source: line L, column C` for the field being gathered.
    private var place: String { "\(source): line \(lineNumber), column \(fieldIndex + 1)" }
}
