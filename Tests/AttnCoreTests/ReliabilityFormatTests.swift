import Foundation
import Testing
import AttnTestSupport
@testable import AttnCore

/// Parsers that never guess, sizes that read apart, and files that are
/// refused rather than trusted: the core half of the reliability suite.
@Suite struct ReliabilityFormatTests {
    @Test(arguments: [
        ("a,b,c\n1,2,3\n", ["a", "b", "c"] as [String]?, [1, 3]),
        (",a\n1,2\n", ["", "a"], [1, 2]),
        ("1,2,3\n4,5,6\n", nil, [2, 3]),
        ("inf,nan\n1,2\n", nil, [2, 2]),
    ])
    func aHeaderIsALineWithNoNumber(text: String, header: [String]?, shape: [Int]) throws {
        let (tensor, found) = try CSVFormat.decodeTable(text, source: "t.csv")
        #expect(found == header)
        #expect(tensor.shape == shape)
    }

    @Test(arguments: [
        // A mistyped first row is bad data, not a header.
        ("1,2,3x\n4,5,6\n", "t.csv: line 1, column 3: '3x' is not a number"),
        ("x,1\n", "t.csv: line 1, column 1: 'x' is not a number"),
        ("a,1e39\n", "t.csv: line 1, column 2: '1e39' is beyond the float32 range"),
        // NUL, hexadecimal and trailing junk, each located.
        ("1,2\u{0}junk\n", "t.csv: line 1, column 2: a NUL byte is not text"),
        ("1,2\n3,0x10\n", "t.csv: line 2, column 2: '0x10' is not a number (hexadecimal is not read"),
        ("1,2\n3,4.5.6\n", "t.csv: line 2, column 2: '4.5.6' is not a number"),
        ("1,2\n3,4 5\n", "t.csv: line 2, column 2: '4 5' is not a number"),
        ("1,2\n3,1e\n", "t.csv: line 2, column 2: '1e' is not a number"),
        ("1,2\n3,\u{7}\n", "t.csv: line 2, column 2: '\\u{7}' is not a number"),
    ])
    func csvNumbersAreReadStrictly(text: String, message: String) {
        #expect { try CSVFormat.decode(text, source: "t.csv") } throws: { error in
            let got = (error as? TensorError)?.message ?? "\(error)"
            if !got.hasPrefix(message) { Issue.record("got: \(got)") }
            return got.hasPrefix(message)
        }
    }

    @Test(arguments: [
        ("a 1 2\u{0}junk\n", "v.txt:1:5: `2\\0junk` is not a finite number (it holds a NUL byte)"),
        ("a 1 0x10\n", "v.txt:1:5: `0x10` is not a finite number (hexadecimal is not read)"),
        ("a 1 2\nb 3 4x\n", "v.txt:2:5: `4x` is not a finite number"),
    ])
    func gloveNumbersAreReadStrictly(text: String, message: String) {
        #expect { try WordVectors.parse(text: text, source: "v.txt") } throws: { error in
            (error as? TensorError)?.message == message
        }
    }

    @Test func crlfLineEndsAreAcceptedInEveryTextFormat() throws {
        let csv = try CSVFormat.decodeTable("a,b\r\n1,2\r\n3,4\r\n", source: "t.csv")
        #expect(csv.header == ["a", "b"] && csv.tensor.scalars == [1, 2, 3, 4])

        let vectors = try WordVectors(text: "the 1 2\r\ncat 3 4\r\n", source: "v.txt")
        #expect(vectors.dimension == 2)
        #expect(try vectors.vector(for: "cat") == [3, 4])

        let scratch = try ScratchFolder()
        let vocab = scratch.file("vocab.txt")
        try AtomicFile.write(Array("[PAD]\r\n[UNK]\r\n[CLS]\r\n[SEP]\r\nthe\r\n".utf8), to: vocab)
        let tokenizer = try WordPieceTokenizer(vocabularyPath: vocab)
        #expect(tokenizer.vocabulary == ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "the"])

        let json = "{\r\n  \"hidden_size\": 8,\r\n  \"num_attention_heads\": 2,\r\n  \"num_hidden_layers\": 1,\r\n  \"intermediate_size\": 16\r\n}\r\n"
        let config = try BertConfig(json: Array(json.utf8))
        #expect(config.hiddenSize == 8 && config.layers == 1)
    }

    @Test(arguments: [
        ("12", Float(12)), ("-1.5", -1.5), (".5", 0.5), ("3.", 3), ("+2e-3", 0.002), ("-Infinity", -Float.infinity),
    ])
    func decimalTextReadsOrdinaryNumbers(text: String, value: Float) throws {
        #expect(try DecimalText.parse(Array(text.utf8)).get() == value)
    }

    @Test(arguments: [
        ("", DecimalText.Problem.empty), ("0x10", .hexadecimal), ("1\u{0}", .nulByte), ("1.2.3", .notANumber),
        ("e5", .notANumber), ("1e+", .notANumber), ("١٢", .notANumber), ("1e39", .outOfRange), ("0b1", .notANumber),
    ])
    func decimalTextRefusesTheRest(text: String, problem: DecimalText.Problem) {
        #expect(throws: problem) { try DecimalText.parse(Array(text.utf8)).get() }
    }

    @Test func sizesThatRoundAlikeAreShownApart() {
        let (file, limit) = MemoryLimit.formatBytes(536_975_360, beside: 536_974_336)
        #expect(file == "512.1 MiB (536975360 bytes)" && limit == "512.1 MiB (536974336 bytes)")
        #expect(MemoryLimit.formatBytes(2048, beside: 1 << 30) == ("2.0 KiB", "1.0 GiB"))
    }

    @Test func aFileJustOverTheBoundSaysByHowMuch() throws {
        let scratch = try ScratchFolder()
        let path = scratch.file("a.bin")
        try AtomicFile.write([UInt8](repeating: 1, count: 2049), to: path)
        #expect { try FileContents.read(path: path, maxBytes: 2048) } throws: { error in
            (error as? TensorError)?.message == "cannot read \(path): the file is 2.0 KiB (2049 bytes), more than the 2.0 KiB (2048 bytes) the memory limit allows (see `limit mem=`)"
        }
    }

    @Test func aSafetensorsFileThatCannotBeReadSaysWhy() throws {
        let scratch = try ScratchFolder()
        #expect { try SafetensorsReader(path: scratch.file("model.safetensors")) } throws: { error in
            (error as? TensorError)?.message == "cannot read \(scratch.file("model.safetensors")): No such file or directory"
        }
        #expect(mkfifo(scratch.file("fifo.safetensors"), 0o600) == 0)
        #expect { try SafetensorsReader(path: scratch.file("fifo.safetensors")) } throws: { error in
            ((error as? TensorError)?.message ?? "").hasSuffix("not a regular file (it is a FIFO)")
        }
    }

    @Test func temporaryNamesAreUnpredictableAndFailuresLeaveNone() throws {
        struct Failure: Error {}
        let scratch = try ScratchFolder()
        let path = scratch.file("out.csv")
        let names = Set((0..<100).map { _ in AtomicFile.temporaryPath(besides: path) })
        #expect(names.count == 100)
        #expect(throws: Failure.self) {
            try AtomicFile.write(to: path) { output in
                try output.write("partial")
                throw Failure()
            }
        }
        #expect(try scratch.names() == [])
    }

    @Test func aDanglingRelativeLinkIsWrittenAtItsTarget() throws {
        let scratch = try ScratchFolder()
        try FileManager.default.createSymbolicLink(atPath: scratch.file("link.npy"), withDestinationPath: "made.npy")
        try NPYFormat.write(Tensor([1, 2]), path: scratch.file("link.npy"))
        #expect(try NPYFormat.read(path: scratch.file("made.npy")).scalars == [1, 2])
        #expect(try scratch.names() == ["link.npy", "made.npy"])
    }

    @Test func aLinkLoopIsAnError() throws {
        let scratch = try ScratchFolder()
        try FileManager.default.createSymbolicLink(atPath: scratch.file("a"), withDestinationPath: "b")
        try FileManager.default.createSymbolicLink(atPath: scratch.file("b"), withDestinationPath: "a")
        #expect { try AtomicFile.write([1], to: scratch.file("a")) } throws: { error in
            ((error as? TensorError)?.message ?? "").hasSuffix("too many levels of symbolic links")
        }
    }

    @Test func theMeanOfAnEmptyAxisNamesIt() throws {
        let x = try Tensor.zeros([3, 0])
        #expect(throws: TensorError("mean of an empty axis: axis 1 of shape [3, 0] has no elements")) {
            try x.reduce(.mean, dim: 1)
        }
        #expect(try x.reduce(.mean, dim: 0).shape == [0])
    }

    @Test func encoderSizesAreBoundedBeforeAllocating() throws {
        #expect { try BertConfig(hiddenSize: 384, heads: 12, layers: 1_000_000_000, intermediateSize: 1536) } throws: { error in
            (error as? TensorError)?.message == "num_hidden_layers=1000000000 in config.json is more than the 1024 attnsh's encoder accepts"
        }
        MemoryLimit.$scoped.withValue(64 << 20) {
            #expect { try BertConfig(hiddenSize: 1024, heads: 16, layers: 24, intermediateSize: 4096) } throws: { error in
                ((error as? TensorError)?.message ?? "").hasPrefix("memory limit exceeded: config.json (num_hidden_layers=24, hidden_size=1024, intermediate_size=4096) implies")
            }
        }
    }

    @Test func trainingFootprintCountsEveryCopy() throws {
        let settings = TrainingSettings(task: .prev)
        let wide = try LayerConfig.make(dModel: 100_000, heads: 1)
        let footprint = TrainingFootprint(config: wide, settings: settings)
        // The D×D weights dominate: Wq, Wk, Wv, Wo are 4·10¹⁰ parameters.
        #expect(footprint.parameters > 4e10)
        MemoryLimit.$scoped.withValue(64 << 20) {
            #expect(throws: TensorError.self) { try footprint.check() }
        }
        let small = TrainingFootprint(config: try LayerConfig.make(dModel: 16, heads: 1), settings: settings)
        MemoryLimit.$scoped.withValue(64 << 20) {
            #expect(throws: Never.self) { try small.check() }
        }
    }
}
