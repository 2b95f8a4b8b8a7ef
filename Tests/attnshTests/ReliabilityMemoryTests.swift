import Foundation
import Testing
import AttnTestSupport

/// Reproducers of runaway memory and crashes, run through the built binary
/// with its peak resident set measured (wait4's rusage): each ends in a
/// located error or the right result, by itself, under the limit plus a
/// fixed margin for the program and its libraries.
@Suite struct ReliabilityMemoryTests {
    /// What the program, its libraries and the allocator's slack may add to `limit mem=`.
    static let margin = 100 << 20
    /// Set by the sanitizer runs (README, robustness checks): the peak of an instrumented binary
    /// is mostly the sanitizer's shadow memory and quarantine, so the peak bounds do not apply.
    static let underSanitizer = ProcessInfo.processInfo.environment["ATTNSH_SANITIZER"] != nil
    static let sanitizerReason: Comment = "peak memory of a sanitized binary measures the sanitizer (ATTNSH_SANITIZER is set)"

    /// Runs `script` as FILE in a fresh folder prepared by `prepare`.
    static func run(_ script: String, prepare: (String) throws -> Void = { _ in }) throws -> MeasuredRun {
        let folder = try ScratchFolder()
        try prepare(folder.url.path)
        try folder.write(script, to: "script.attn")
        return try MeasuredRun.attnsh(["script.attn"], folder: folder.url.path)
    }

    @Test(.disabled(if: underSanitizer, sanitizerReason)) func fiftyThousandTransposesAreALocatedErrorInLinearTime() throws {
        let run = try Self.run("x = ones(2, 3)\ny = x" + String(repeating: ".T", count: 50_000) + "\n")
        #expect(run.endedCleanly && run.status == 1)
        #expect(run.stderr.hasPrefix("script.attn:2:5: error: `.T` is repeated more than 256 times"))
        #expect(run.seconds < 5, "took \(run.seconds) s")
        #expect(run.peakBytes < Self.margin, "peak \(run.peakBytes) bytes")
        // The 100 KB line is echoed elided around the column, not whole.
        #expect(run.stderr.count < 1_000)
    }

    @Test func aChainWithinTheLimitFoldsToOneTranspose() throws {
        let run = try Self.run("x = ones(2, 3)\ny = x" + String(repeating: ".T", count: 255) + "\nz = y\n")
        #expect(run.status == 0, "\(run.stderr)")
    }

    @Test(arguments: [100_000, 50_000])
    func trainingBeyondTheLimitIsRefusedBeforeItStarts(dModel: Int) throws {
        let run = try Self.run("limit mem=64M\ntrain task=prev d_model=\(dModel) steps=1\n")
        #expect(run.endedCleanly && run.status == 1)
        #expect(run.stderr.contains("script.attn:2:1: error: memory limit exceeded: training needs about"))
        #expect(run.stderr.contains("limit is 64.0 MiB"))
        #expect(run.peakBytes < (64 << 20) + Self.margin, "peak \(run.peakBytes) bytes")
    }

    @Test func aConfigWithABillionLayersIsRefusedNamingTheField() throws {
        let run = try Self.run("model load lying\n") { folder in
            let model = folder + "/lying"
            try FileManager.default.createDirectory(atPath: model, withIntermediateDirectories: false)
            let config = #"{"hidden_size": 384, "num_attention_heads": 12, "num_hidden_layers": 1000000000, "intermediate_size": 1536}"#
            try Data(config.utf8).write(to: URL(fileURLWithPath: model + "/config.json"))
            try Data("[PAD]\n[UNK]\n[CLS]\n[SEP]\n".utf8).write(to: URL(fileURLWithPath: model + "/vocab.txt"))
            try Data().write(to: URL(fileURLWithPath: model + "/model.safetensors"))
        }
        #expect(run.endedCleanly && run.status == 1)
        #expect(run.stderr.contains("num_hidden_layers=1000000000 in config.json is more than the 1024"))
        #expect(run.peakBytes < Self.margin, "peak \(run.peakBytes) bytes")
    }

    @Test(arguments: ["csv", "npy"])
    func devZeroIsNotARegularFile(format: String) throws {
        let run = try Self.run("load x zero.\(format)\n") { folder in
            try FileManager.default.createSymbolicLink(atPath: folder + "/zero.\(format)", withDestinationPath: "/dev/zero")
        }
        #expect(run.endedCleanly && run.status == 1)
        #expect(run.stderr.contains("script.attn:1:8: error: cannot read zero.\(format): not a regular file (it is a character device)"))
        #expect(run.peakBytes < Self.margin)
    }

    /// A 14 GB sparse file: as CSV its first byte is a NUL, as .npy its
    /// header asks for 14 GB; both stop before the data is read.
    @Test(arguments: [("csv", "sparse.csv: line 1, column 1: a NUL byte is not text"),
                      ("npy", "sparse.npy: memory limit exceeded: needs 13.0 GiB")])
    func aSparseFileOfFourteenGigabytesIsRefusedUnread(format: String, message: String) throws {
        let run = try Self.run("limit mem=64M\nload x sparse.\(format)\n") { folder in
            let path = folder + "/sparse.\(format)"
            let count = 3_500_000_000
            var bytes: [UInt8] = []
            if format == "npy" {
                var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(count),), }"
                header += String(repeating: " ", count: 63 - (10 + header.utf8.count) % 64) + "\n"
                bytes = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.utf8.count & 0xFF), UInt8(header.utf8.count >> 8)] + Array(header.utf8)
            }
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            #expect(truncate(path, off_t(bytes.count + count * 4)) == 0)
        }
        #expect(run.endedCleanly && run.status == 1)
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(run.seconds < 5)
        #expect(run.peakBytes < (64 << 20) + Self.margin, "peak \(run.peakBytes) bytes")
    }

    @Test(.disabled(if: underSanitizer, sanitizerReason)) func aCSVLoadStaysUnderTheLimit() throws {
        // 2 M values, 9 MB of text, under a 32 MiB limit.
        let run = try Self.run("limit mem=32M\nload x big.csv\nsum(x)\n") { folder in
            let row = Array(repeating: "0.5", count: 1000).joined(separator: ",") + "\n"
            try Data(String(repeating: row, count: 2000).utf8).write(to: URL(fileURLWithPath: folder + "/big.csv"))
        }
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("1000000"))
        #expect(run.peakBytes < (32 << 20) + Self.margin, "peak \(run.peakBytes) bytes")
    }

    @Test(.disabled(if: underSanitizer, sanitizerReason)) func savingAndExportingCSVWriteInPieces() throws {
        // 8 M values (32 MB): as whole text the CSV would need several times that.
        let folder = try ScratchFolder()
        try folder.write("limit mem=64M\nx = ones(8000000)\nsave x x.csv\nexport csv x y.csv\n", to: "script.attn")
        let run = try MeasuredRun.attnsh(["script.attn"], folder: folder.url.path)
        #expect(run.status == 0, "\(run.stderr)")
        // The measurement is real: the 32 MB tensor itself is resident.
        #expect(run.peakBytes > 32_000_000)
        #expect(run.peakBytes < (64 << 20) + Self.margin, "peak \(run.peakBytes) bytes")
        for name in ["x.csv", "y.csv"] {
            let size = try FileManager.default.attributesOfItem(atPath: folder.url.path + "/" + name)[.size] as? Int
            #expect(size == 8_000_000 * 4)
        }
    }

    @Test func theMeanOfNothingIsAnErrorNotANaN() throws {
        let run = try Self.run("m = mean(zeros(0))\n")
        #expect(run.status == 1)
        #expect(run.stderr.contains("script.attn:1:5: error: mean of an empty axis: a tensor of shape [0] has no elements"))
    }
}
