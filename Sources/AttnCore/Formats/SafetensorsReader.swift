import Foundation

/// A safetensors file read once into memory, its header checked in full.
///
/// Layout: an unsigned 64-bit little-endian header length N, then N bytes of
/// JSON (`{"name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [b, e]}, ...}`,
/// plus an optional `"__metadata__"` object of strings, ignored here), then
/// the data section. Offsets count from the start of the data section; each
/// tensor's bytes are `data[b..<e]`, with e − b = product(shape) · size(dtype).
///
/// Every inconsistency is an error that names the file and the tensor: a
/// header that runs past the end, malformed JSON, a missing or mistyped
/// field, an unknown dtype, a shape whose byte length disagrees with its
/// offsets, offsets past the data, and tensors that overlap, leave holes, or
/// leave bytes unclaimed at the end (the reference writer packs tensors
/// back to back in offset order).
public struct SafetensorsReader: Sendable {
    /// One tensor as the header describes it.
    public struct Entry: Sendable, Equatable {
        public let name: String
        public let dtype: SafetensorsDType
        public let shape: [Int]
        /// Byte range inside the data section.
        public let byteRange: Range<Int>
    }

    /// The headers longer than this are refused (the reference reader's bound).
    public static let maxHeaderBytes = 100_000_000

    /// Where the bytes came from, for messages.
    public let source: String
    /// The tensors in the order their data is stored.
    public let entries: [Entry]
    private let index: [String: Int]
    private let bytes: [UInt8]
    private let dataStart: Int

    /// Reads the file at `path` (once) and checks its header. The file must
    /// fit under the memory limit.
    public init(path: String) throws {
        try self.init(bytes: SafetensorsReader.readFile(path), source: path)
    }

    /// The bytes of the file at `path` in one read, refused when the file is
    /// larger than the memory limit or not a regular file; errors give the
    /// OS reason (`No such file or directory`, `Permission denied`).
    static func readFile(_ path: String) throws -> [UInt8] {
        try FileContents.read(path: path, maxBytes: MemoryLimit.bytes)
    }

    /// Checks the header of safetensors bytes named `source` in messages.
    public init(bytes: [UInt8], source: String = "safetensors data") throws {
        self.source = source
        self.bytes = bytes
        guard bytes.count >= 8 else {
            throw TensorError("\(source) is truncated: \(bytes.count) bytes, but a safetensors file starts with an 8-byte header length")
        }
        var length: UInt64 = 0
        for i in (0..<8).reversed() { length = length << 8 | UInt64(bytes[i]) }
        // Compared as UInt64: the length is untrusted and may not fit an Int.
        guard length <= UInt64(bytes.count - 8) else {
            throw TensorError("\(source) is truncated or corrupt: its header length \(length) goes past the end of the file (\(bytes.count - 8) bytes after the length)")
        }
        guard length <= UInt64(SafetensorsReader.maxHeaderBytes) else {
            throw TensorError("\(source) has a header of \(length) bytes, more than the \(SafetensorsReader.maxHeaderBytes) allowed")
        }
        let headerEnd = 8 + Int(length)
        dataStart = headerEnd
        let header = try SafetensorsReader.parseHeader(Array(bytes[8..<headerEnd]), source: source)
        entries = try SafetensorsReader.checkLayout(header, dataSize: bytes.count - headerEnd, source: source)
        index = Dictionary(entries.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The names of all tensors, in storage order.
    public var names: [String] { entries.map(\.name) }

    /// The entry called `name`, if any.
    public func entry(_ name: String) -> Entry? { index[name].map { entries[$0] } }

    /// The tensor called `name` as float32, after checking its dtype, rank
    /// (at most 4) and the memory limit.
    public func tensor(_ name: String) throws -> Tensor {
        guard let entry = entry(name) else {
            throw TensorError("\(source) has no tensor `\(name)`")
        }
        guard entry.dtype.isReadable else {
            throw TensorError("tensor `\(name)` in \(source) has dtype \(entry.dtype.rawValue); attnsh reads only F32, F16 and BF16")
        }
        guard entry.shape.count <= Tensor.maxRank else {
            throw TensorError("tensor `\(name)` in \(source) has rank \(entry.shape.count) (shape \(Tensor.describe(entry.shape))), above the maximum of \(Tensor.maxRank)")
        }
        let count = try Tensor.elementCount(of: entry.shape)
        try MemoryLimit.check(elements: count)
        let start = dataStart + entry.byteRange.lowerBound
        let scalars = bytes.withUnsafeBytes { entry.dtype.decode($0, offset: start, count: count) }
        return try Tensor(shape: entry.shape, scalars: scalars)
    }
}

extension SafetensorsReader {
    /// Parses the JSON header into entries (unordered), checking every field.
    static func parseHeader(_ header: [UInt8], source: String) throws -> [Entry] {
        guard String(validating: header, as: UTF8.self) != nil else {
            throw TensorError("the header of \(source) is not valid UTF-8")
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(header))
        } catch {
            throw TensorError("the header of \(source) is not valid JSON")
        }
        guard let fields = object as? [String: Any] else {
            throw TensorError("the header of \(source) must be a JSON object of tensors")
        }
        var entries: [Entry] = []
        for (name, value) in fields where name != "__metadata__" {
            guard let description = value as? [String: Any] else {
                throw TensorError("tensor `\(name)` in \(source): its header entry must be an object with dtype, shape and data_offsets")
            }
            guard let dtypeName = description["dtype"] as? String else {
                throw TensorError("tensor `\(name)` in \(source) has no dtype string")
            }
            guard let dtype = SafetensorsDType(rawValue: dtypeName) else {
                throw TensorError("tensor `\(name)` in \(source) has unknown dtype `\(dtypeName)`; attnsh reads F32, F16 and BF16")
            }
            guard let shapeList = description["shape"] as? [Any],
                  let shape = wholeNumbers(shapeList) else {
                throw TensorError("tensor `\(name)` in \(source): shape must be a list of non-negative whole numbers")
            }
            guard let offsetList = description["data_offsets"] as? [Any],
                  let offsets = wholeNumbers(offsetList), offsets.count == 2 else {
                throw TensorError("tensor `\(name)` in \(source): data_offsets must be two non-negative whole numbers [begin, end]")
            }
            guard offsets[0] <= offsets[1] else {
                throw TensorError("tensor `\(name)` in \(source) has data_offsets [\(offsets[0]), \(offsets[1])] out of order (begin after end)")
            }
            entries.append(Entry(name: name, dtype: dtype, shape: shape, byteRange: offsets[0]..<offsets[1]))
        }
        return entries
    }

    /// Orders entries by offset and checks that each one's bytes agree with
    /// its shape and dtype and that together they tile the data section.
    static func checkLayout(_ unordered: [Entry], dataSize: Int, source: String) throws -> [Entry] {
        let entries = unordered.sorted { ($0.byteRange.lowerBound, $0.byteRange.upperBound, $0.name) < ($1.byteRange.lowerBound, $1.byteRange.upperBound, $1.name) }
        var expectedStart = 0
        for entry in entries {
            var elements = 1
            for extent in entry.shape {
                let (product, overflow) = elements.multipliedReportingOverflow(by: extent)
                guard !overflow else {
                    throw TensorError("tensor `\(entry.name)` in \(source) has shape \(Tensor.describe(entry.shape)) with too many elements")
                }
                elements = product
            }
            let (needed, overflow) = elements.multipliedReportingOverflow(by: entry.dtype.size)
            guard !overflow, needed == entry.byteRange.count else {
                throw TensorError("tensor `\(entry.name)` in \(source) has shape \(Tensor.describe(entry.shape)) of \(entry.dtype.rawValue), which needs \(overflow ? "more than \(Int.max)" : String(needed)) bytes, but its data_offsets [\(entry.byteRange.lowerBound), \(entry.byteRange.upperBound)] hold \(entry.byteRange.count)")
            }
            guard entry.byteRange.upperBound <= dataSize else {
                throw TensorError("tensor `\(entry.name)` in \(source) has data_offsets [\(entry.byteRange.lowerBound), \(entry.byteRange.upperBound)] past the end of the data (\(dataSize) bytes): the file is truncated or the header lies")
            }
            if entry.byteRange.lowerBound < expectedStart {
                throw TensorError("tensor `\(entry.name)` in \(source) has data_offsets [\(entry.byteRange.lowerBound), \(entry.byteRange.upperBound)] overlapping the tensor before it (which ends at \(expectedStart))")
            }
            if entry.byteRange.lowerBound > expectedStart {
                throw TensorError("tensor `\(entry.name)` in \(source) starts at byte \(entry.byteRange.lowerBound) of the data, leaving a hole after byte \(expectedStart)")
            }
            expectedStart = entry.byteRange.upperBound
        }
        guard expectedStart == dataSize else {
            throw TensorError("\(source) has \(dataSize - expectedStart) bytes after its last tensor that no header entry describes")
        }
        return entries
    }

    /// Non-negative JSON integers as Ints, or nil when any is not one
    /// (booleans, fractions, negatives and numbers beyond Int are refused).
    static func wholeNumbers(_ values: [Any]) -> [Int]? {
        var result: [Int] = []
        for value in values {
            guard let number = value as? NSNumber else { return nil }
            // NSNumber also carries booleans and doubles; only integer kinds pass.
            switch String(cString: number.objCType) {
            case "s", "i", "l", "q":
                let signed = number.int64Value
                guard signed >= 0 else { return nil }
                result.append(Int(signed))
            case "S", "I", "L", "Q":
                let unsigned = number.uint64Value
                guard unsigned <= UInt64(Int.max) else { return nil }
                result.append(Int(unsigned))
            default:
                return nil
            }
        }
        return result
    }
}

extension SafetensorsReader {
    /// Chosen rows of a rank-2 tensor as a [rows.count, columns] tensor,
    /// decoding only those rows (an embedding lookup without converting the
    /// whole table).
    public func rows(_ name: String, _ rows: [Int]) throws -> Tensor {
        guard let entry = entry(name) else {
            throw TensorError("\(source) has no tensor `\(name)`")
        }
        guard entry.dtype.isReadable else {
            throw TensorError("tensor `\(name)` in \(source) has dtype \(entry.dtype.rawValue); attnsh reads only F32, F16 and BF16")
        }
        guard entry.shape.count == 2 else {
            throw TensorError("tensor `\(name)` in \(source) has shape \(Tensor.describe(entry.shape)); a row lookup needs a matrix")
        }
        let (height, width) = (entry.shape[0], entry.shape[1])
        if let bad = rows.first(where: { $0 < 0 || $0 >= height }) {
            throw TensorError("row \(bad) is out of range for tensor `\(name)` of shape \(Tensor.describe(entry.shape))")
        }
        let shape = [rows.count, width]
        try MemoryLimit.check(shape: shape)
        var scalars: [Float] = []
        scalars.reserveCapacity(rows.count * width)
        bytes.withUnsafeBytes { buffer in
            for row in rows {
                let start = dataStart + entry.byteRange.lowerBound + row * width * entry.dtype.size
                scalars.append(contentsOf: entry.dtype.decode(buffer, offset: start, count: width))
            }
        }
        return try Tensor(shape: shape, scalars: scalars)
    }
}
