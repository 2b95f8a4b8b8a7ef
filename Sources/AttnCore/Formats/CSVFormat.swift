/// Reading and writing tensors as comma-separated numbers.
///
/// One row a line, values separated by commas, spaces around a value
/// ignored. What comes back is always rank 2, `[rows, cols]`, even for a
/// single column or a single row: a CSV file does not say whether it held a
/// vector, so reshape it after loading if one is wanted.
public enum CSVFormat {
    /// Decodes CSV text into a `[rows, cols]` tensor.
    ///
    /// A first line is a header, and skipped, only when none of its fields
    /// is a number (`1,2,3x` is bad data, not a header). Blank trailing
    /// lines are ignored; rows of different lengths are an error naming the
    /// line, a field that is not a number (hexadecimal, a NUL byte, trailing
    /// junk) an error naming line and column. Accepts `inf`, `-inf`, `nan`
    /// (any case) and exponents such as `1e-3`; CRLF line ends and a leading
    /// byte-order mark are accepted. One column or one row still gives rank
    /// 2. `source` names the text in messages.
    public static func decode(_ text: String, source: String) throws -> Tensor {
        try decodeTable(text, source: source).tensor
    }

    /// The tensor and the header's fields (nil when the first line is data).
    public static func decodeTable(_ text: String, source: String) throws -> (tensor: Tensor, header: [String]?) {
        var decoder = CSVDecoder(source: source)
        var text = text
        try text.withUTF8 { try decoder.consume(UnsafeRawBufferPointer($0)) }
        return (try decoder.finish(), decoder.header)
    }

    /// Reads and decodes the CSV file at `path`.
    public static func read(path: String) throws -> Tensor {
        try readTable(path: path).tensor
    }

    /// Reads the CSV file at `path` in chunks, never whole: the tensor and
    /// the header's fields, if the first line was a header.
    public static func readTable(path: String) throws -> (tensor: Tensor, header: [String]?) {
        let file = try RegularFile(path: path)
        var decoder = CSVDecoder(source: path)
        try file.readChunks { try decoder.consume($0) }
        return (try decoder.finish(), decoder.header)
    }

    /// Encodes rank 0...2 as rows: rank 0 is one value, rank 1 one row,
    /// rank 2 one line per row; rank 3 and 4 are an error suggesting a
    /// reshape. Floats print in their shortest form that reads back exactly.
    public static func encode(_ tensor: Tensor) throws -> String {
        var text = ""
        try encode(tensor) { text += $0 }
        return text
    }

    /// The same text handed to `body` in pieces of about 64 KiB, so that a
    /// large tensor is written without building its whole text.
    public static func encode(_ tensor: Tensor, in body: (String) throws -> Void) throws {
        let columns: Int
        switch tensor.rank {
        case 0: columns = 1
        case 1: columns = tensor.shape[0]
        case 2: columns = tensor.shape[1]
        default:
            throw TensorError("cannot write a rank \(tensor.rank) tensor \(Tensor.describe(tensor.shape)) as CSV, which holds rows and columns; reshape it to rank 2 first")
        }
        var piece = ""
        let rows = columns == 0 ? (tensor.rank == 2 ? tensor.shape[0] : 1) : tensor.count / columns
        let cancellation = Cancellation.current
        for row in 0..<rows {
            let start = row * columns
            for column in 0..<columns {
                if column > 0 { piece += "," }
                piece += format(tensor.scalars[start + column])
                if piece.utf8.count >= chunkBytes {
                    try cancellation.check()
                    try body(piece)
                    piece = ""
                }
            }
            piece += "\n"
        }
        if !piece.isEmpty { try body(piece) }
    }

    /// The size of the pieces text is written in.
    static let chunkBytes = 1 << 16

    /// Encodes `tensor` and writes it to `path` atomically, in pieces.
    public static func write(_ tensor: Tensor, path: String) throws {
        if tensor.rank > 2 { _ = try encode(tensor) }  // the rank error, before any file is made
        try AtomicFile.write(to: path) { output in try encode(tensor) { try output.write($0) } }
    }

    /// A value as it is written: Swift's shortest round-trip form, which
    /// `Float(_:)` reads back to the same bits (`inf`, `-inf`, `nan` too).
    static func format(_ value: Float) -> String {
        value.isNaN ? "nan" : value.description
    }
}
