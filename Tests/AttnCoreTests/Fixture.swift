import Foundation
@testable import AttnCore

/// Reads the numpy fixtures beside this file (`Fixtures/NAME.npy`, made by
/// `Fixtures/make_fixtures.py`).
///
/// A deliberately tiny, test-only `.npy` reader: little-endian float32, C
/// order, version 1 or 2 headers. It does not use attnsh's own `.npy` code,
/// so the numerical tests do not depend on it.
enum Fixture {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    /// The tensor stored in `Fixtures/<name>.npy`.
    static func tensor(_ name: String) throws -> Tensor {
        let url = directory.appendingPathComponent(name + ".npy")
        let bytes = [UInt8](try Data(contentsOf: url))
        guard bytes.count >= 10, bytes[0] == 0x93, Array(bytes[1...5]) == Array("NUMPY".utf8) else {
            throw Malformed(description: "\(name).npy is not an .npy file")
        }
        let major = bytes[6]
        let headerLength: Int
        let headerStart: Int
        if major == 1 {
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        } else {
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
            headerStart = 12
        }
        let header = String(decoding: bytes[headerStart..<(headerStart + headerLength)], as: UTF8.self)
        guard header.contains("'descr': '<f4'"), header.contains("'fortran_order': False"),
              let open = header.range(of: "'shape': ("),
              let close = header[open.upperBound...].firstIndex(of: ")") else {
            throw Malformed(description: "\(name).npy: unexpected header \(header)")
        }
        let shape = header[open.upperBound..<close]
            .split(separator: ",")
            .compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let data = bytes[(headerStart + headerLength)...]
        let count = shape.reduce(1, *)
        guard data.count == count * 4 else {
            throw Malformed(description: "\(name).npy: \(data.count) bytes for shape \(shape)")
        }
        var scalars = [Float](repeating: 0, count: count)
        var offset = data.startIndex
        for i in 0..<count {
            let bits = UInt32(data[offset]) | UInt32(data[offset + 1]) << 8
                | UInt32(data[offset + 2]) << 16 | UInt32(data[offset + 3]) << 24
            scalars[i] = Float(bitPattern: bits)
            offset += 4
        }
        return try Tensor(shape: shape, scalars: scalars)
    }

    /// The lines of a text fixture, without comments and blank lines.
    static func lines(_ fileName: String) throws -> [String] {
        let text = try String(contentsOf: directory.appendingPathComponent(fileName), encoding: .utf8)
        return text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.isEmpty }
    }
}
