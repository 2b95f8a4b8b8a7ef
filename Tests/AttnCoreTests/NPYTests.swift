import AttnTestSupport
import Foundation
import Testing
@testable import AttnCore

/// Fixtures made by Fixtures/npy/make_npy.py.
private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/npy")

private func fixturePath(_ name: String) -> String {
    fixtures.appendingPathComponent(name).path
}

private func fixtureBytes(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: fixtures.appendingPathComponent(name)))
}

/// The float32 values numpy made for a case, read as raw little-endian bits.
private func expectedValues(_ name: String) throws -> [Float] {
    let bytes = try fixtureBytes(name + ".f32")
    return stride(from: 0, to: bytes.count, by: 4).map { i in
        Float(bitPattern: UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24)
    }
}

/// Same bits, or both NaN (the NaN payload is not part of the contract).
private func sameFloats(_ a: [Float], _ b: [Float]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) }
}

/// A .npy file with `header` padded to a 64-byte boundary, as numpy lays it out.
private func npyFile(version: UInt8 = 1, header: String, data: [UInt8] = []) -> [UInt8] {
    let lengthSize = version == 1 ? 2 : 4
    var text = header
    while (8 + lengthSize + text.utf8.count + 1) % 64 != 0 { text += " " }
    text += "\n"
    let length = text.utf8.count
    var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [version, 0]
    for i in 0..<lengthSize { bytes.append(UInt8((length >> (8 * i)) & 0xFF)) }
    return bytes + Array(text.utf8) + data
}

/// Little-endian bytes of float32 values.
private func float32Bytes(_ values: [Float]) -> [UInt8] {
    values.flatMap { value in (0..<4).map { UInt8((value.bitPattern >> (8 * $0)) & 0xFF) } }
}

@Suite struct NPYTests {
    static let fixtureCases: [(String, [Int])] = {
        var cases: [(String, [Int])] = []
        for code in ["f4", "f8", "f2", "i4", "i8", "b1", "u1"] {
            cases.append(("\(code)_c", [2, 3, 4]))
            cases.append(("\(code)_f", [2, 3, 4]))
        }
        return cases + [
            ("f2_special", [14]), ("f8_special", [9]), ("i8_extremes", [4]), ("u1_range", [16, 16]),
            ("rank0", []), ("rank1", [5]), ("rank2", [3, 4]), ("rank4", [2, 1, 3, 2]), ("rank4_f", [2, 3, 1, 4]),
            ("empty", [0, 3]), ("version2", [2, 3, 4]), ("version3", [2, 3, 4]),
            ("saved_rank0", []), ("saved_rank1", [7]), ("saved_rank3", [2, 3, 4]),
            ("saved_empty", [0, 3]), ("saved_long", [1234567, 0]),
        ]
    }()

    @Test(arguments: fixtureCases)
    func readsWhatNumpyWrote(name: String, shape: [Int]) throws {
        let tensor = try NPYFormat.read(path: fixturePath(name + ".npy"))
        #expect(tensor.shape == shape)
        let expected = try expectedValues(name)
        #expect(sameFloats(tensor.scalars, expected), "\(name): \(tensor.scalars.prefix(8)) vs \(expected.prefix(8))")
    }

    @Test(arguments: [("saved_rank0", [Int]()), ("saved_rank1", [7]), ("saved_rank3", [2, 3, 4]),
                      ("saved_empty", [0, 3]), ("saved_long", [1234567, 0])])
    func writesTheBytesNumpySaves(name: String, shape: [Int]) throws {
        let tensor = try Tensor(shape: shape, scalars: expectedValues(name))
        let ours = NPYFormat.encode(tensor)
        let numpys = try fixtureBytes(name + ".npy")
        #expect(ours == numpys)
        #expect((ours.count - tensor.count * 4) % 64 == 0)
    }

    @Test(arguments: ["f2_c", "f8_f", "rank0", "rank4_f", "empty", "u1_range"])
    func writeThenReadGivesTheSameTensor(name: String) throws {
        let scratch = try ScratchFolder()
        let original = try NPYFormat.read(path: fixturePath(name + ".npy"))
        let path = scratch.file("copy.npy")
        try NPYFormat.write(original, path: path)
        let copy = try NPYFormat.read(path: path)
        #expect(copy.shape == original.shape)
        #expect(sameFloats(copy.scalars, original.scalars))
        #expect(try scratch.names() == ["copy.npy"])
    }

    @Test(arguments: [
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }",
        "{'shape': (2, 3), 'descr': '<f4', 'fortran_order': False}",
        "{\"fortran_order\": False, \"shape\": (2,3,), \"descr\": \"<f4\"}",
        "  {  'descr' : '<f4' ,\t'fortran_order':False,'shape':( 2 , 3 ) ,  }  ",
    ])
    func headerVariantsParse(header: String) throws {
        let values: [Float] = [1, 2, 3, 4, 5, 6]
        let tensor = try NPYFormat.decode(npyFile(header: header, data: float32Bytes(values)))
        #expect(tensor.shape == [2, 3])
        #expect(tensor.scalars == values)
    }

    @Test func oneByteTypesAcceptAnyOrderMark() throws {
        for descr in ["|u1", "<u1", "=u1", ">u1", "|b1"] {
            let tensor = try NPYFormat.decode(npyFile(header: "{'descr': '\(descr)', 'fortran_order': False, 'shape': (3,), }", data: [0, 7, 255]))
            #expect(tensor.scalars == (descr.hasSuffix("b1") ? [0, 1, 1] : [0, 7, 255]), "\(descr)")
        }
    }

    static let good = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"
    static let sixFloats = float32Bytes([1, 2, 3, 4, 5, 6])
    static func header(_ descr: String = "<f4", fortran: String = "False", shape: String) -> String {
        "{'descr': '\(descr)', 'fortran_order': \(fortran), 'shape': \(shape), }"
    }

    static let malformed: [(String, [UInt8], String)] = [
        ("empty file", [], "not a .npy file"),
        ("bad magic", Array("\u{93}NUMPX".utf8) + [1, 0, 0, 0], "not a .npy file"),
        ("unknown version", npyFile(header: good, data: sixFloats).enumerated().map { $0.offset == 6 ? 4 : $0.element },
         "unsupported .npy format version 4.0"),
        ("truncated header length", [0x93] + Array("NUMPY".utf8) + [1, 0, 0x76], "ends inside the header length"),
        ("header length beyond file", [0x93] + Array("NUMPY".utf8) + [1, 0, 200, 0] + Array("{'descr'".utf8),
         "header length is 200 bytes but only 8 bytes follow"),
        ("unparseable dict", npyFile(header: "{'descr': '<f4' 'fortran_order': False, 'shape': (2, 3)}", data: sixFloats),
         "bad header: expected '}'"),
        ("not a dict", npyFile(header: "[1, 2]", data: sixFloats), "bad header: expected '{'"),
        ("unterminated string", npyFile(header: "{'descr: '<f4'", data: sixFloats), "bad header"),
        ("missing key", npyFile(header: "{'descr': '<f4', 'fortran_order': False}", data: sixFloats), "missing key 'shape'"),
        ("unknown key", npyFile(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (6,), 'x': 1}", data: sixFloats),
         "unknown key 'x'"),
        ("repeated key", npyFile(header: "{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (6,)}", data: sixFloats),
         "key 'descr' appears twice"),
        ("bad fortran_order", npyFile(header: header(fortran: "0", shape: "(6,)"), data: sixFloats), "expected True or False"),
        ("shape not a tuple", npyFile(header: header(shape: "(6)"), data: sixFloats), "not a tuple"),
        ("bad dtype", npyFile(header: header("<c8", shape: "(6,)"), data: sixFloats), "unsupported dtype '<c8'"),
        ("object dtype", npyFile(header: header("|O", shape: "(6,)"), data: sixFloats), "unsupported dtype '|O'"),
        ("big-endian", npyFile(header: header(">f4", shape: "(6,)"), data: sixFloats), "big-endian dtype '>f4'"),
        ("rank 5", npyFile(header: header(shape: "(1, 1, 1, 2, 3)"), data: sixFloats), "rank 5"),
        ("negative extent", npyFile(header: header(shape: "(-2, 3)"), data: sixFloats), "negative extent -2"),
        ("overflowing shape", npyFile(header: header(shape: "(4611686018427387904, 4611686018427387904)"), data: sixFloats),
         "too many elements"),
        ("overflowing byte count", npyFile(header: header(shape: "(2305843009213693952,)"), data: sixFloats),
         "too many elements"),
        ("extent beyond Int", npyFile(header: header(shape: "(99999999999999999999,)"), data: sixFloats), "too large"),
        ("data shorter", npyFile(header: good, data: Array(sixFloats.prefix(20))),
         "truncated: header says 6 values (24 bytes) but only 20 bytes of data follow"),
        ("data longer", npyFile(header: good, data: sixFloats + [0, 0, 0, 0]),
         "header says 6 values (24 bytes) but 28 bytes of data follow (4 extra)"),
        ("lying huge shape", npyFile(header: header(shape: "(100000000000, 100000)"), data: sixFloats), "truncated"),
    ]

    @Test(arguments: malformed)
    func malformedFilesAreErrors(name: String, bytes: [UInt8], fragment: String) {
        do {
            let tensor = try NPYFormat.decode(bytes, source: "x.npy")
            Issue.record("\(name): expected an error, got shape \(tensor.shape)")
        } catch let error as TensorError {
            #expect(error.message.hasPrefix("x.npy: "), "\(name): \(error.message)")
            #expect(error.message.contains(fragment), "\(name): \(error.message)")
        } catch {
            Issue.record("\(name): unexpected error \(error)")
        }
    }

    @Test func shapeAboveTheMemoryLimitIsRefused() throws {
        let bytes = npyFile(header: Self.header(shape: "(64, 64)"), data: float32Bytes(.init(repeating: 1, count: 4096)))
        #expect(try NPYFormat.decode(bytes).count == 4096)
        MemoryLimit.$scoped.withValue(4096 * 4 - 1) {
            #expect { try NPYFormat.decode(bytes, source: "big.npy") } throws: { error in
                let message = (error as? TensorError)?.message ?? ""
                return message.hasPrefix("big.npy: ") && message.contains("memory limit exceeded")
            }
        }
    }

    @Test func fileAboveTheMemoryLimitIsRefusedUnread() throws {
        let scratch = try ScratchFolder()
        let path = scratch.file("big.npy")
        // 80 KB of data: the header's shape alone condemns it under a
        // 64-byte limit, before the data is read (the header is read first).
        try NPYFormat.write(Tensor(shape: [20000], repeating: 1), path: path)
        MemoryLimit.$scoped.withValue(64) {
            #expect { try NPYFormat.read(path: path) } throws: { error in
                let message = (error as? TensorError)?.message ?? ""
                return message.contains(path) && message.contains("memory limit exceeded: needs 78.1 KiB")
            }
        }
    }

    @Test func missingFileAndFolderAreClearErrors() throws {
        let scratch = try ScratchFolder()
        #expect { try NPYFormat.read(path: scratch.file("nope.npy")) } throws: { error in
            (error as? TensorError)?.message == "cannot read \(scratch.file("nope.npy")): No such file or directory"
        }
        #expect { try NPYFormat.read(path: scratch.path) } throws: { error in
            (error as? TensorError)?.message == "cannot read \(scratch.path): it is a directory"
        }
    }

    @Test(arguments: ["f4_f.npy", "version3.npy", "f2_special.npy"])
    func damagedFilesNeverCrash(name: String) throws {
        // Flip header bytes and cut the file short at random; every outcome
        // must be a tensor or a TensorError (a trap would end the test run).
        let original = try fixtureBytes(name)
        var generator = SplitMix64(state: 42)
        var failures = 0
        for _ in 0..<3000 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let at = Int.random(in: 0..<min(128, bytes.count), using: &generator)
                bytes[at] = UInt8.random(in: 0...255, using: &generator)
            }
            if Bool.random(using: &generator) {
                bytes.removeLast(Int.random(in: 0...bytes.count, using: &generator))
            }
            do {
                _ = try NPYFormat.decode(bytes)
            } catch is TensorError {
                failures += 1
            }
        }
        #expect(failures > 0)
    }
}
