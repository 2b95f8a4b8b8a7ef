import Testing
@testable import AttnCore

/// The one binary16 conversion behind .npy `<f2` and safetensors F16, and
/// the bfloat16 one beside it.
@Suite("Half-precision floats")
struct HalfPrecisionTests {
    /// Every bit pattern, in order, as little-endian bytes.
    static let allPatterns: [UInt16] = (0...UInt16.max).map { $0 }
    static var allPatternBytes: [UInt8] { allPatterns.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } }

    /// Equal as values, or both NaN with the same sign.
    static func same(_ a: Float, _ b: Float) -> Bool {
        a.isNaN ? b.isNaN && a.sign == b.sign : a == b && a.sign == b.sign
    }

    #if !(os(macOS) && arch(x86_64))
    @Test("Every binary16 pattern widens to the value the standard library's Float16 holds")
    func everyHalfMatchesFloat16() {
        let wrong = Self.allPatterns.filter { !Self.same(Float(float16Bits: $0), Float(Float16(bitPattern: $0))) }
        #expect(wrong.isEmpty, "\(wrong.count) patterns differ, first 0x\(String(wrong.first ?? 0, radix: 16))")
    }
    #endif

    @Test("A .npy <f2 file and a safetensors F16 tensor of the same bits read the same floats")
    func npyAndSafetensorsAgree() throws {
        let header = "{'descr': '<f2', 'fortran_order': False, 'shape': (65536,), }"
        let padded = header + String(repeating: " ", count: (64 - (10 + header.count + 1) % 64) % 64) + "\n"
        let length = UInt16(padded.utf8.count)
        let npy: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(length & 0xFF), UInt8(length >> 8)]
            + Array(padded.utf8) + Self.allPatternBytes
        let fromNPY = try NPYFormat.decode(npy)
        let safetensors = safetensorsBytes(header: #"{"h": {"dtype": "F16", "shape": [65536], "data_offsets": [0, 131072]}}"#,
                                           data: Self.allPatternBytes)
        let fromSafetensors = try SafetensorsReader(bytes: safetensors).tensor("h")
        #expect(fromNPY.shape == [65536])
        #expect(fromSafetensors.shape == [65536])
        let differing = zip(fromNPY.scalars, fromSafetensors.scalars).filter { !Self.same($0, $1) }.count
        #expect(differing == 0)
        // And it is the conversion itself, pattern by pattern.
        #expect(zip(Self.allPatterns, fromNPY.scalars).allSatisfy { Self.same(Float(float16Bits: $0), $1) })
    }

    static let halves: [(UInt16, Float)] = [
        (0x0000, 0), (0x8000, -0.0), (0x3C00, 1), (0xC100, -2.5), (0x0001, 0x1p-24),
        (0x03FF, 0x3FFp-24), (0x0400, 0x1p-14), (0x7BFF, 65504), (0x7C00, .infinity), (0xFC00, -.infinity),
    ]

    static let bfloats: [(UInt16, Float)] = [
        (0x3F80, 1), (0xBF00, -0.5), (0x7F80, .infinity), (0x0001, Float(bitPattern: 0x0001_0000)),
    ]

    @Test("Hand-worked binary16 values", arguments: halves)
    func handWorked(_ bits: UInt16, _ expected: Float) {
        #expect(Self.same(Float(float16Bits: bits), expected))
    }

    @Test("bfloat16 is the top half of a float32", arguments: bfloats)
    func bfloat16(_ bits: UInt16, _ expected: Float) {
        #expect(Self.same(Float(bfloat16Bits: bits), expected))
    }

    @Test("NaN halves stay NaN and keep their sign")
    func nanHalves() {
        for bits: UInt16 in [0x7E00, 0x7C01, 0xFE00, 0xFFFF] {
            let value = Float(float16Bits: bits)
            #expect(value.isNaN)
            #expect(value.sign == (bits >> 15 == 1 ? .minus : .plus))
        }
    }
}
