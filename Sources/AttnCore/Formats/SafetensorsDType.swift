/// The element type of one tensor in a safetensors file, as its header names it.
///
/// attnsh reads F32, F16 and BF16 as float32. The other types of the format
/// are known by size, so a header holding them is still checked to the byte
/// (models ship integer buffers such as `position_ids`), but reading such a
/// tensor is an error that names it.
public enum SafetensorsDType: String, Sendable, CaseIterable {
    case f64 = "F64", f32 = "F32", f16 = "F16", bf16 = "BF16"
    case i64 = "I64", i32 = "I32", i16 = "I16", i8 = "I8"
    case u64 = "U64", u32 = "U32", u16 = "U16", u8 = "U8"
    case bool = "BOOL", f8e4m3 = "F8_E4M3", f8e5m2 = "F8_E5M2"

    /// Bytes per element.
    public var size: Int {
        switch self {
        case .f64, .i64, .u64: 8
        case .f32, .i32, .u32: 4
        case .f16, .bf16, .i16, .u16: 2
        case .i8, .u8, .bool, .f8e4m3, .f8e5m2: 1
        }
    }

    /// Whether attnsh converts this type to float32.
    public var isReadable: Bool { self == .f32 || self == .f16 || self == .bf16 }

    /// Decodes `count` little-endian elements starting at `offset` of `bytes`
    /// into float32. The caller has checked the range and `isReadable`.
    func decode(_ bytes: UnsafeRawBufferPointer, offset: Int, count: Int) -> [Float] {
        var out = [Float](repeating: 0, count: count)
        out.withUnsafeMutableBufferPointer { values in
            switch self {
            case .f32 where UInt32(littleEndian: 1) == 1:
                // A little-endian host stores float32 exactly as the file does.
                values.withMemoryRebound(to: UInt8.self) { target in
                    _ = target.initialize(from: bytes[offset..<(offset + 4 * count)])
                }
            case .f32:
                for i in 0..<count {
                    values[i] = Float(bitPattern: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 4 * i, as: UInt32.self)))
                }
            case .f16:
                for i in 0..<count {
                    let bits = UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 2 * i, as: UInt16.self))
                    values[i] = Float(float16Bits: bits)
                }
            case .bf16:
                for i in 0..<count {
                    let bits = UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 2 * i, as: UInt16.self))
                    values[i] = Float(bfloat16Bits: bits)
                }
            default:
                break
            }
        }
        return out
    }
}
