import AttnTestSupport
import Foundation
import Testing
@testable import AttnCore

@Suite struct CSVTests {
    @Test(arguments: [
        ("1,2,3\n4,5,6\n", [2, 3], [1, 2, 3, 4, 5, 6] as [Float]),
        ("a,b,c\n1,2,3\n4,5,6", [2, 3], [1, 2, 3, 4, 5, 6]),
        ("x\r\n1.5\r\n-2\r\n\r\n", [2, 1], [1.5, -2]),
        (" 1 , 2\t,3 \n\n  \n", [1, 3], [1, 2, 3]),
        ("1e-3,-4.5E2,+7\n", [1, 3], [0.001, -450, 7]),
        ("0.1,3.4028235e38\n", [1, 2], [0.1, 3.4028235e38]),
        ("\u{FEFF}1,2\n3,4\n", [2, 2], [1, 2, 3, 4]),
    ])
    func decodesNumbers(text: String, shape: [Int], values: [Float]) throws {
        let tensor = try CSVFormat.decode(text, source: "t.csv")
        #expect(tensor.shape == shape)
        #expect(tensor.scalars == values)
    }

    @Test func acceptsInfinitiesAndNaN() throws {
        let tensor = try CSVFormat.decode("inf,-inf,nan,Inf,NaN,-Infinity\n", source: "t.csv")
        #expect(tensor.shape == [1, 6])
        let s = tensor.scalars
        #expect(s[0] == .infinity && s[1] == -.infinity && s[3] == .infinity && s[5] == -.infinity)
        #expect(s[2].isNaN && s[4].isNaN)
    }

    @Test(arguments: [
        ("1,2,3\n4,5\n", "t.csv: line 2 has 2 values but line 1 has 3"),
        ("h1,h2\n1,2\n3,4,5\n", "t.csv: line 3 has 3 values but line 2 has 2"),
        ("1,2\n3,x4\n", "t.csv: line 2, column 2: 'x4' is not a number"),
        ("1,2\n3,\n", "t.csv: line 2, column 2: an empty field is not a number"),
        ("h\n1\n\n2\n", "t.csv: line 3 is blank"),
        ("1,1e39\n", "t.csv: line 1, column 2: '1e39' is beyond the float32 range"),
        ("", "t.csv: no numbers found"),
        ("a,b\n\n", "t.csv: no numbers found (an empty file or only a header)"),
    ])
    func malformedTextIsAnError(text: String, message: String) {
        #expect { try CSVFormat.decode(text, source: "t.csv") } throws: { error in
            let got = (error as? TensorError)?.message ?? "\(error)"
            if !got.hasPrefix(message) { Issue.record("got: \(got)") }
            return got.hasPrefix(message)
        }
    }

    @Test func sizeAboveTheMemoryLimitIsRefused() {
        MemoryLimit.$scoped.withValue(8) {
            #expect { try CSVFormat.decode("1,2,3\n", source: "t.csv") } throws: { error in
                ((error as? TensorError)?.message ?? "").hasPrefix("t.csv: memory limit exceeded")
            }
        }
    }

    @Test(arguments: [
        (Tensor(Float(2.5)), "2.5\n"),
        (Tensor([1, -0.5, 3]), "1.0,-0.5,3.0\n"),
        (Tensor(unchecked: [2, 2], scalars: [0.1, 1e-7, .infinity, .nan]), "0.1,1e-07\ninf,nan\n"),
    ])
    func encodesRows(tensor: Tensor, text: String) throws {
        #expect(try CSVFormat.encode(tensor) == text)
    }

    @Test func rankThreeSuggestsReshape() throws {
        let tensor = try Tensor(shape: [2, 2, 2], repeating: 0)
        #expect { try CSVFormat.encode(tensor) } throws: { error in
            ((error as? TensorError)?.message ?? "").contains("reshape it to rank 2")
        }
    }

    @Test func roundTripIsExact() throws {
        // Values whose shortest decimal forms are long, tiny, huge or negative.
        var generator = SystemRandomNumberGenerator()
        var values: [Float] = [0.1, 1.0 / 3.0, -0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude,
                               .leastNormalMagnitude, 16777217, -1e-30, .infinity, -.infinity]
        for _ in 0..<90 { values.append(Float(bitPattern: UInt32.random(in: 0...0x7F7F_FFFF, using: &generator)) * (Bool.random() ? 1 : -1)) }
        let tensor = try Tensor(shape: [10, 10], scalars: values)
        let scratch = try ScratchFolder()
        let path = scratch.file("t.csv")
        try CSVFormat.write(tensor, path: path)
        let copy = try CSVFormat.read(path: path)
        #expect(copy.shape == [10, 10])
        #expect(copy.scalars.map(\.bitPattern) == values.map(\.bitPattern))
    }

    @Test func vectorComesBackAsOneRow() throws {
        let scratch = try ScratchFolder()
        let path = scratch.file("v.csv")
        try CSVFormat.write(Tensor([1, 2, 3]), path: path)
        let copy = try CSVFormat.read(path: path)
        #expect(copy.shape == [1, 3])
        #expect(copy.scalars == [1, 2, 3])
    }

    @Test func binaryFileIsNotText() throws {
        let scratch = try ScratchFolder()
        let path = scratch.file("b.csv")
        try AtomicFile.write([0x31, 0xFF, 0xFE, 0x0A], to: path)
        #expect { try CSVFormat.read(path: path) } throws: { error in
            (error as? TensorError)?.message == "\(path): not a text file (it is not valid UTF-8)"
        }
    }
}
