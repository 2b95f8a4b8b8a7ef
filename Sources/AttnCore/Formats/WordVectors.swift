/// Word vectors loaded from a text file in the GloVe format (`embeddings PATH`,
/// docs/reference.md §9.5): one `word v1 v2 ... vD` per line, every line of the same D.
public struct WordVectors: Sendable, Equatable {
    /// Where the vectors came from (a path), for error messages.
    public let source: String
    /// D, the length of every vector.
    public let dimension: Int
    /// Vector of each word.
    public let vectors: [String: [Float]]

    /// Parses `text` read from `source`.
    public init(text: String, source: String) throws {
        let vectors = try WordVectors.parse(text: text, source: source)
        self.source = source
        self.vectors = vectors
        self.dimension = vectors.first?.value.count ?? 0
    }

    /// Parses the GloVe text format into a dictionary.
    ///
    /// Blank lines are skipped; fields are separated by spaces or tabs; LF
    /// and CRLF line ends are both accepted. A word given twice keeps its
    /// first vector (real GloVe files have a few such duplicates). Errors
    /// name the source and line: a line without numbers, a value that is not
    /// a finite decimal number (line and column: hexadecimal, a NUL byte or
    /// trailing junk are refused, not cut short), a line whose dimension
    /// differs from the first line's, a file with no vectors.
    public static func parse(text: String, source: String) throws -> [String: [Float]] {
        var vectors: [String: [Float]] = [:]
        var dimension: (count: Int, line: Int)?
        // "\r\n" is one Character in Swift, so split on both forms.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        for (offset, line) in lines.enumerated() {
            let lineNumber = offset + 1
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            guard let word = fields.first else { continue }
            let numbers = fields.dropFirst()
            guard !numbers.isEmpty else {
                throw TensorError("\(source):\(lineNumber): `\(DecimalText.visible(String(word)))` has no vector values")
            }
            var vector: [Float] = []
            vector.reserveCapacity(numbers.count)
            for field in numbers {
                guard case .success(let value) = DecimalText.parse(field.utf8), value.isFinite else {
                    let column = line.distance(from: line.startIndex, to: field.startIndex) + 1
                    let why = field.utf8.contains(0) ? " (it holds a NUL byte)" : field.lowercased().hasPrefix("0x") ? " (hexadecimal is not read)" : ""
                    throw TensorError("\(source):\(lineNumber):\(column): `\(DecimalText.visible(String(field)))` is not a finite number\(why)")
                }
                vector.append(value)
            }
            if let dimension, dimension.count != vector.count {
                throw TensorError("\(source):\(lineNumber): `\(word)` has \(vector.count) values but line \(dimension.line) has \(dimension.count); every vector needs the same dimension")
            }
            dimension = dimension ?? (vector.count, lineNumber)
            if vectors[String(word)] == nil { vectors[String(word)] = vector }
        }
        guard !vectors.isEmpty else { throw TensorError("\(source) holds no word vectors") }
        return vectors
    }

    /// The vector of `word`, or an error naming the word and the file.
    public func vector(for word: String) throws -> [Float] {
        guard let vector = vectors[word] else { throw TensorError("unknown word `\(word)` (not in \(source))") }
        return vector
    }

    /// The rows of `words`' vectors, [T, dimension].
    public func matrix(words: [String]) throws -> Tensor {
        let shape = [words.count, dimension]
        try MemoryLimit.check(shape: shape)
        var scalars: [Float] = []
        scalars.reserveCapacity(words.count * dimension)
        for word in words { scalars += try vector(for: word) }
        return try Tensor(shape: shape, scalars: scalars)
    }
}
