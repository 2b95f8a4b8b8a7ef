import Foundation
import Testing
@testable import AttnCore

/// Builds safetensors bytes: the header JSON's length, the header, the data.
func safetensorsBytes(header: String, data: [UInt8], lengthOverride: UInt64? = nil) -> [UInt8] {
    let json = Array(header.utf8)
    let length = lengthOverride ?? UInt64(json.count)
    return (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * UInt64($0))) } + json + data
}

/// Little-endian bytes of float32 values.
func littleEndianFloats(_ values: [Float]) -> [UInt8] {
    values.flatMap { value in (0..<4).map { UInt8(truncatingIfNeeded: value.bitPattern >> (8 * UInt32($0))) } }
}

@Suite("Safetensors reader")
struct SafetensorsReaderTests {
    @Test("F32, F16 and BF16 tensors read as float32, metadata ignored, order by offset")
    func readsFloatTypes() throws {
        // F16 1.0 = 0x3C00, -2.5 = 0xC100, 2^-24 (smallest subnormal) = 0x0001, inf = 0x7C00.
        // BF16 1.0 = 0x3F80, -0.5 = 0xBF00.
        let f16: [UInt8] = [0x00, 0x3C, 0x00, 0xC1, 0x01, 0x00, 0x00, 0x7C]
        let bf16: [UInt8] = [0x80, 0x3F, 0x00, 0xBF]
        let data = littleEndianFloats([1, 2, 3, 4, 5, 6]) + f16 + bf16
        let header = """
        {"__metadata__": {"format": "pt"},
         "b": {"dtype": "BF16", "shape": [2], "data_offsets": [32, 36]},
         "a": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]},
         "h": {"dtype": "F16", "shape": [4], "data_offsets": [24, 32]}}
        """
        let reader = try SafetensorsReader(bytes: safetensorsBytes(header: header, data: data))
        #expect(reader.names == ["a", "h", "b"])
        let a = try reader.tensor("a")
        #expect(a.shape == [2, 3])
        #expect(a.scalars == [1, 2, 3, 4, 5, 6])
        #expect(try reader.tensor("h").scalars == [1, -2.5, Float(sign: .plus, exponent: -24, significand: 1), .infinity])
        #expect(try reader.tensor("b").scalars == [1, -0.5])
        #expect(try reader.rows("a", [1, 0]).scalars == [4, 5, 6, 1, 2, 3])
    }

    @Test("Float16 bit patterns convert exactly (zeros, subnormals, largest, infinities, NaN)")
    func halfConversion() {
        // Reference values worked by hand from the binary16 definition.
        let cases: [(UInt16, Float)] = [(0x0000, 0), (0x8000, -0.0), (0x3C01, 1.0009765625), (0x7BFF, 65504),
                                        (0x0400, 6.103515625e-05), (0x03FF, 6.097555160522461e-05), (0xFC00, -.infinity)]
        for (bits, expected) in cases {
            #expect(Float(float16Bits: bits) == expected)
        }
        #expect(Float(float16Bits: 0x7E00).isNaN)
    }

    /// Each malformed file and a phrase its error must contain.
    static let malformed: [(String, [UInt8], String)] = [
        ("empty file", [], "truncated"),
        ("length cut short", [1, 0, 0], "8-byte header length"),
        ("header past the end", safetensorsBytes(header: "{}", data: [], lengthOverride: 500), "goes past the end"),
        ("huge header length", safetensorsBytes(header: "{}", data: [], lengthOverride: UInt64.max), "goes past the end"),
        ("truncated data", safetensorsBytes(header: #"{"a": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]}}"#, data: littleEndianFloats([1, 2])), "past the end of the data"),
        ("not JSON", safetensorsBytes(header: "{nope", data: []), "not valid JSON"),
        ("not an object", safetensorsBytes(header: "[1, 2]", data: []), "JSON object"),
        ("invalid UTF-8", [2, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFE], "UTF-8"),
        ("shape lies about size", safetensorsBytes(header: #"{"a": {"dtype": "F32", "shape": [3], "data_offsets": [0, 8]}}"#, data: littleEndianFloats([1, 2])), "needs 12 bytes"),
        ("offsets lie", safetensorsBytes(header: #"{"a": {"dtype": "F32", "shape": [2], "data_offsets": [4, 12]}}"#, data: littleEndianFloats([1, 2, 3])), "leaving a hole"),
        ("offsets reversed", safetensorsBytes(header: #"{"a": {"dtype": "F32", "shape": [0], "data_offsets": [8, 0]}}"#, data: littleEndianFloats([1, 2])), "out of order"),
        ("overlap", safetensorsBytes(header: #"{"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}, "b": {"dtype": "F32", "shape": [2], "data_offsets": [4, 12]}}"#, data: littleEndianFloats([1, 2, 3])), "overlapping"),
        ("trailing bytes", safetensorsBytes(header: #"{"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}"#, data: littleEndianFloats([1, 2])), "after its last tensor"),
        ("unknown dtype", safetensorsBytes(header: #"{"w": {"dtype": "Q4", "shape": [1], "data_offsets": [0, 4]}}"#, data: littleEndianFloats([1])), "tensor `w` in safetensors data has unknown dtype `Q4`"),
        ("negative extent", safetensorsBytes(header: #"{"a": {"dtype": "F32", "shape": [-1], "data_offsets": [0, 4]}}"#, data: littleEndianFloats([1])), "non-negative whole numbers"),
        ("fractional offset", safetensorsBytes(header: #"{"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4.5]}}"#, data: littleEndianFloats([1])), "data_offsets must be"),
        ("boolean extent", safetensorsBytes(header: #"{"a": {"dtype": "F32", "shape": [true], "data_offsets": [0, 4]}}"#, data: littleEndianFloats([1])), "shape must be"),
        ("missing offsets", safetensorsBytes(header: #"{"a": {"dtype": "F32", "shape": [1]}}"#, data: littleEndianFloats([1])), "data_offsets must be"),
        ("entry not an object", safetensorsBytes(header: #"{"a": 3}"#, data: []), "must be an object"),
        ("overflowing shape", safetensorsBytes(header: #"{"a": {"dtype": "F32", "shape": [4294967296, 4294967296], "data_offsets": [0, 4]}}"#, data: littleEndianFloats([1])), "too many elements"),
    ]

    @Test("Malformed files give clear errors", arguments: malformed.indices)
    func malformedFiles(_ index: Int) {
        let (what, bytes, phrase) = SafetensorsReaderTests.malformed[index]
        do {
            _ = try SafetensorsReader(bytes: bytes)
            Issue.record("\(what): no error")
        } catch let error as TensorError {
            #expect(error.message.contains(phrase), "\(what): \(error.message)")
        } catch {
            Issue.record("\(what): unexpected \(error)")
        }
    }

    @Test("A readable header with a dtype attnsh cannot convert names the tensor and dtype")
    func wrongDtype() throws {
        let header = #"{"position_ids": {"dtype": "I64", "shape": [1, 2], "data_offsets": [0, 16]}, "w": {"dtype": "F32", "shape": [1], "data_offsets": [16, 20]}}"#
        let reader = try SafetensorsReader(bytes: safetensorsBytes(header: header, data: [UInt8](repeating: 0, count: 16) + littleEndianFloats([7])))
        #expect(try reader.tensor("w").scalars == [7])
        #expect(throws: TensorError("tensor `position_ids` in safetensors data has dtype I64; attnsh reads only F32, F16 and BF16")) {
            try reader.tensor("position_ids")
        }
        #expect(throws: TensorError("safetensors data has no tensor `nope`")) { try reader.tensor("nope") }
    }

    @Test("Rank above four and the memory limit are refused when a tensor is read")
    func rankAndMemory() throws {
        let header = #"{"r5": {"dtype": "F32", "shape": [1, 1, 1, 1, 1], "data_offsets": [0, 4]}, "big": {"dtype": "F32", "shape": [64], "data_offsets": [4, 260]}}"#
        let reader = try SafetensorsReader(bytes: safetensorsBytes(header: header, data: littleEndianFloats([Float](repeating: 1, count: 65))))
        #expect(throws: TensorError.self) { try reader.tensor("r5") }
        MemoryLimit.$scoped.withValue(100) {
            #expect(throws: TensorError.self) { try reader.tensor("big") }
        }
    }

    @Test("A file on disk is read, and a missing one is an error naming it")
    func readsFiles() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("attnsh-\(UUID().uuidString).safetensors").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bytes = safetensorsBytes(header: #"{"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}"#, data: littleEndianFloats([1.5, -2]))
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(try SafetensorsReader(path: path).tensor("a").scalars == [1.5, -2])
        #expect(throws: TensorError.self) { try SafetensorsReader(path: path + ".missing") }
    }
}
