/// An element type a .npy file may hold, and how it becomes float32.
///
/// Multi-byte types must be little-endian (`<`, or `=` meaning this
/// machine's order, which is little-endian on every platform attnsh runs on);
/// one-byte types have no byte order and numpy writes them with `|`.
enum NPYDataType: String, CaseIterable {
    case float32 = "f4", float64 = "f8", float16 = "f2"
    case int32 = "i4", int64 = "i8", bool = "b1", uint8 = "u1"

    /// Bytes per element.
    var itemSize: Int {
        switch self {
        case .float16: 2
        case .float32, .int32: 4
        case .float64, .int64: 8
        case .bool, .uint8: 1
        }
    }

    /// The dtype of a header `descr`, e.g. `<f4` or `|b1`.
    init(descr: String) throws {
        let supported = "supported: <f4 <f8 <f2 <i4 <i8 |b1 |u1"
        guard let order = descr.first, let type = NPYDataType(rawValue: String(descr.dropFirst())) else {
            throw TensorError("unsupported dtype '\(descr)' (\(supported))")
        }
        switch (order, type.itemSize) {
        case ("<", _), ("=", _), ("|", 1), (">", 1):
            self = type
        case (">", _):
            throw TensorError("big-endian dtype '\(descr)' is not supported; save it little-endian, e.g. x.astype('<\(type.rawValue)')")
        default:
            throw TensorError("unsupported dtype '\(descr)' (\(supported))")
        }
    }

    /// Converts `count` elements stored little-endian at the start of `data`
    /// into float32; the caller has checked that `data` holds them all.
    func floats(from data: UnsafeRawBufferPointer, count: Int) -> [Float] {
        [Float](unsafeUninitializedCapacity: count) { out, initialized in
            for i in 0..<count {
                let offset = i * itemSize
                switch self {
                case .float32:
                    out[i] = Float(bitPattern: UInt32(littleEndian: data.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
                case .float64:
                    // Rounds to nearest; values beyond float32 range become ±inf.
                    out[i] = Float(Double(bitPattern: UInt64(littleEndian: data.loadUnaligned(fromByteOffset: offset, as: UInt64.self))))
                case .float16:
                    out[i] = Float(float16Bits: UInt16(littleEndian: data.loadUnaligned(fromByteOffset: offset, as: UInt16.self)))
                case .int32:
                    out[i] = Float(Int32(littleEndian: data.loadUnaligned(fromByteOffset: offset, as: Int32.self)))
                case .int64:
                    out[i] = Float(Int64(littleEndian: data.loadUnaligned(fromByteOffset: offset, as: Int64.self)))
                case .bool:
                    // numpy stores True as 1, but any non-zero byte is true.
                    out[i] = data[offset] == 0 ? 0 : 1
                case .uint8:
                    out[i] = Float(data[offset])
                }
            }
            initialized = count
        }
    }
}
