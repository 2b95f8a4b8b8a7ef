/// Reading and writing numpy's .npy files.
///
/// Layout: the magic `\x93NUMPY`, a major and a minor version byte, the
/// header length (2 bytes little-endian in version 1.0, 4 bytes in 2.0 and
/// 3.0), the header dictionary (Latin-1 in 1.0/2.0, UTF-8 in 3.0) padded
/// with spaces and ending in `\n`, then the elements.
///
/// Every number in a file is checked before it is trusted, so a truncated or
/// lying file is an error and never a crash or a giant allocation.
public enum NPYFormat {
    static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)
    /// numpy aligns the start of the data to this many bytes.
    static let alignment = 64
    /// The largest header accepted when sizing a file before reading it.
    static let headerAllowance = 1 << 16

    /// Decodes a .npy file (format versions 1.0, 2.0 and 3.0) into float32.
    ///
    /// dtypes: <f4 <f8 <f2 <i4 <i8 |b1 |u1 (`=` is taken as little-endian,
    /// one-byte types accept any order mark, big-endian `>` is rejected with
    /// a message); `fortran_order` True or False (Fortran order is transposed
    /// into row-major); rank 0...4. `source` names the file in messages.
    public static func decode(_ bytes: [UInt8], source: String = "npy data") throws -> Tensor {
        do {
            return try decodeUnlabelled(bytes)
        } catch let error as TensorError {
            throw TensorError("\(source): \(error.message)")
        }
    }

    /// Reads and decodes the .npy file at `path`.
    ///
    /// Only the header is read first: the size it implies is checked against
    /// the memory limit and the file's own size before the data is read, so
    /// a lying header or a huge file costs nothing.
    public static func read(path: String) throws -> Tensor {
        let file = try RegularFile(path: path)
        let prefix = try file.read(upTo: min(file.size, headerAllowance))
        let expected: Int
        do {
            let layout = try Layout(prefix)
            expected = layout.dataStart + layout.dataBytes
            let dataLength = file.size - layout.dataStart
            guard dataLength == layout.dataBytes else {
                let says = "header says \(layout.count) values (\(layout.dataBytes) bytes)"
                throw TensorError(dataLength < layout.dataBytes
                    ? "truncated: \(says) but only \(max(dataLength, 0)) bytes of data follow"
                    : "\(says) but \(dataLength) bytes of data follow (\(dataLength - layout.dataBytes) extra)")
            }
            try MemoryLimit.check(shape: layout.header.shape)
        } catch let error as TensorError {
            throw TensorError("\(path): \(error.message)")
        }
        var bytes = prefix
        bytes.reserveCapacity(expected)
        try file.readChunks(limit: expected - prefix.count) { bytes.append(contentsOf: $0) }
        return try decode(bytes, source: path)
    }

    /// Encodes as version 1.0, '<f4', C order, the header padded with spaces
    /// and ending in '\n' so that the data starts at a multiple of 64 bytes
    /// (numpy's current rule, including its spare room for the first axis to
    /// grow, so the output equals `np.save` of the same float32 array).
    public static func encode(_ tensor: Tensor) -> [UInt8] {
        var header = NPYHeader.literal(descr: "<f4", fortranOrder: false, shape: tensor.shape)
        // numpy leaves room for the first extent to grow to 21 digits so the
        // header can be rewritten in place by appending writers.
        if let first = tensor.shape.first {
            header += String(repeating: " ", count: max(0, 21 - String(first).utf8.count))
        }
        let prefixLength = magic.count + 2 + 2
        let unpadded = prefixLength + header.utf8.count + 1  // + "\n"
        let padding = (alignment - unpadded % alignment) % alignment
        header += String(repeating: " ", count: padding) + "\n"

        let headerLength = header.utf8.count
        // A rank-4 header is at most a few hundred bytes, well within 1.0's two-byte length.
        var bytes = magic + [1, 0, UInt8(truncatingIfNeeded: headerLength), UInt8(truncatingIfNeeded: headerLength >> 8)]
        bytes.reserveCapacity(bytes.count + headerLength + tensor.count * 4)
        bytes += Array(header.utf8)
        for value in tensor.scalars {
            let bits = value.bitPattern.littleEndian
            withUnsafeBytes(of: bits) { bytes += $0 }
        }
        return bytes
    }

    /// Encodes `tensor` and writes it to `path` atomically.
    public static func write(_ tensor: Tensor, path: String) throws {
        try AtomicFile.write(encode(tensor), to: path)
    }

    /// Where the data of a .npy file starts and what it holds, read from the
    /// bytes up to the end of the header (the data need not be there).
    struct Layout {
        let header: NPYHeader
        let type: NPYDataType
        let count: Int
        let dataStart: Int
        let dataBytes: Int

        init(_ bytes: [UInt8]) throws {
            guard bytes.count >= magic.count, Array(bytes[0..<magic.count]) == magic else {
                throw TensorError("not a .npy file (it does not start with \\x93NUMPY)")
            }
            guard bytes.count >= magic.count + 2 else { throw TensorError("truncated: the file ends inside the version") }
            let major = bytes[6], minor = bytes[7]
            let lengthBytes: Int
            switch (major, minor) {
            case (1, 0): lengthBytes = 2
            case (2, 0), (3, 0): lengthBytes = 4
            default: throw TensorError("unsupported .npy format version \(major).\(minor) (supported: 1.0, 2.0, 3.0)")
            }
            let headerStart = 8 + lengthBytes
            guard bytes.count >= headerStart else { throw TensorError("truncated: the file ends inside the header length") }
            var headerLength = 0
            for i in (0..<lengthBytes).reversed() { headerLength = headerLength << 8 | Int(bytes[8 + i]) }
            let available = bytes.count - headerStart
            guard headerLength <= available else {
                throw TensorError(bytes.count >= headerAllowance
                    ? "header length is \(headerLength) bytes, more than the \(headerAllowance) attnsh reads"
                    : "truncated: header length is \(headerLength) bytes but only \(available) bytes follow")
            }
            let headerBytes = bytes[headerStart..<headerStart + headerLength]
            // Versions 1 and 2 are Latin-1; every byte maps to the scalar of the same value.
            let headerText = major == 3
                ? String(decoding: headerBytes, as: UTF8.self)
                : String(String.UnicodeScalarView(headerBytes.map { Unicode.Scalar($0) }))
            header = try NPYHeader(parsing: headerText)
            type = try NPYDataType(descr: header.descr)
            count = try Tensor.elementCount(of: header.shape)
            dataStart = headerStart + headerLength
            let (expected, overflow) = count.multipliedReportingOverflow(by: type.itemSize)
            guard !overflow else { throw TensorError("shape \(Tensor.describe(header.shape)) has too many elements") }
            dataBytes = expected
        }
    }

    /// Decodes with messages that do not yet name the source.
    private static func decodeUnlabelled(_ bytes: [UInt8]) throws -> Tensor {
        let layout = try Layout(bytes)
        let (header, type, count, dataStart, expected) = (layout.header, layout.type, layout.count, layout.dataStart, layout.dataBytes)
        let dataLength = bytes.count - dataStart
        guard dataLength == expected else {
            let says = "header says \(count) values (\(expected) bytes)"
            throw TensorError(dataLength < expected
                ? "truncated: \(says) but only \(dataLength) bytes of data follow"
                : "\(says) but \(dataLength) bytes of data follow (\(dataLength - expected) extra)")
        }
        try MemoryLimit.check(shape: header.shape)

        let values = bytes.withUnsafeBytes { all in
            type.floats(from: UnsafeRawBufferPointer(rebasing: all[dataStart...]), count: count)
        }
        let rowMajor = header.fortranOrder ? fromColumnMajor(values, shape: header.shape) : values
        return Tensor(unchecked: header.shape, scalars: rowMajor)
    }

    /// Reorders column-major (Fortran) elements into row-major order.
    ///
    /// Element (i0, i1, ..., in) sits at Σ ik × (product of extents before k)
    /// in Fortran order and at Σ ik × (product of extents after k) in C order.
    static func fromColumnMajor(_ values: [Float], shape: [Int]) -> [Float] {
        guard shape.count > 1, !values.isEmpty else { return values }
        var columnStrides = [Int](repeating: 1, count: shape.count)
        for axis in 1..<shape.count { columnStrides[axis] = columnStrides[axis - 1] * shape[axis - 1] }
        var result = [Float]()
        result.reserveCapacity(values.count)
        var index = [Int](repeating: 0, count: shape.count)
        var source = 0
        // Walk row-major positions in order, keeping the Fortran offset in step.
        for _ in 0..<values.count {
            result.append(values[source])
            var axis = shape.count - 1
            while axis >= 0 {
                index[axis] += 1
                source += columnStrides[axis]
                if index[axis] < shape[axis] { break }
                source -= columnStrides[axis] * shape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
        return result
    }
}
