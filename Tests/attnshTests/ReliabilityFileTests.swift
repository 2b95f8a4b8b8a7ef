import Foundation
import Testing
import AttnTestSupport

/// Files that are not what they seem, through the built binary: FIFOs and
/// devices are refused (never a hang, never replaced), symbolic links are
/// written through, read-only files are kept, no temporary file is left.
@Suite struct ReliabilityFileTests {
    /// The kind of node at `path`, not following a final link.
    static func kind(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : 0
    }

    /// Runs `script` in `folder`; a FIFO read that blocked would time out.
    static func run(_ script: String, in folder: ScratchFolder) throws -> MeasuredRun {
        try folder.write(script, to: "script.attn")
        return try MeasuredRun.attnsh(["script.attn"], folder: folder.url.path, timeout: 20)
    }

    @Test(arguments: [
        ("load x fifo.csv", "fifo.csv", "1:8"),
        ("load x fifo.npy", "fifo.npy", "1:8"),
        ("source fifo.attn", "fifo.attn", "1:8"),
        ("embeddings fifo.txt", "fifo.txt", "1:12"),
    ])
    func readingAFIFOIsAnErrorNotAHang(statement: String, name: String, place: String) throws {
        let folder = try ScratchFolder()
        #expect(mkfifo(folder.url.path + "/" + name, 0o600) == 0)
        let run = try Self.run(statement + "\n", in: folder)
        #expect(!run.timedOut && run.status == 1)
        #expect(run.stderr.contains("script.attn:\(place): error: cannot read \(name): not a regular file (it is a FIFO)"), "\(run.stderr)")
    }

    @Test(arguments: ["config.json", "vocab.txt"])
    func aModelFolderWithAFIFOIsAnError(name: String) throws {
        let folder = try ScratchFolder()
        let model = folder.url.path + "/m"
        try FileManager.default.createDirectory(atPath: model, withIntermediateDirectories: false)
        let config = #"{"hidden_size": 8, "num_attention_heads": 2, "num_hidden_layers": 1, "intermediate_size": 16}"#
        for file in ["config.json", "vocab.txt", "model.safetensors"] where file != name {
            try Data((file == "config.json" ? config : "").utf8).write(to: URL(fileURLWithPath: model + "/" + file))
        }
        #expect(mkfifo(model + "/" + name, 0o600) == 0)
        let run = try Self.run("model load m\n", in: folder)
        #expect(!run.timedOut && run.status == 1)
        #expect(run.stderr.contains("m/\(name): not a regular file (it is a FIFO)"), "\(run.stderr)")
    }

    @Test(arguments: ["save x out.npy", "save x out.csv", "export csv x out.csv", "history save out.csv"])
    func writingToAFIFOIsRefusedAndKeepsTheNode(statement: String) throws {
        let folder = try ScratchFolder()
        let path = folder.url.path + "/" + statement.split(separator: " ").last!
        #expect(mkfifo(path, 0o600) == 0)
        let run = try Self.run("x = ones(2, 2)\n\(statement)\n", in: folder)
        #expect(!run.timedOut && run.status == 1)
        #expect(run.stderr.contains("not a regular file (it is a FIFO); it is left as it is"), "\(run.stderr)")
        #expect(Self.kind(path) == S_IFIFO)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).allSatisfy { !$0.contains(".tmp-") })
    }

    @Test func writingThroughALinkToADeviceIsRefusedAndKeepsTheDevice() throws {
        let folder = try ScratchFolder()
        try FileManager.default.createSymbolicLink(atPath: folder.url.path + "/null.npy", withDestinationPath: "/dev/null")
        let run = try Self.run("x = ones(2)\nsave x null.npy\n", in: folder)
        #expect(run.status == 1)
        #expect(run.stderr.contains("cannot write null.npy: not a regular file (it is a character device)"))
        #expect(Self.kind("/dev/null") == S_IFCHR)
        #expect(Self.kind(folder.url.path + "/null.npy") == S_IFLNK)
    }

    @Test(arguments: ["save x link.npy", "save x link.csv", "export csv x link.csv"])
    func writingThroughALinkWritesItsTarget(statement: String) throws {
        let folder = try ScratchFolder()
        let format = statement.hasSuffix(".npy") ? "npy" : "csv"
        try FileManager.default.createDirectory(atPath: folder.url.path + "/real", withIntermediateDirectories: false)
        try folder.write("old", to: "real/target.\(format)")
        try FileManager.default.createSymbolicLink(atPath: folder.url.path + "/link.\(format)", withDestinationPath: "real/target.\(format)")
        let run = try Self.run("x = [1, 2]\n\(statement)\n", in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Self.kind(folder.url.path + "/link.\(format)") == S_IFLNK)
        let written = try Data(contentsOf: URL(fileURLWithPath: folder.url.path + "/real/target.\(format)"))
        #expect(written != Data("old".utf8) && !written.isEmpty)
        // The temporary file was made beside the target and is gone.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path + "/real") == ["target.\(format)"])
    }

    @Test func aReadOnlyFileIsAnErrorAndKeepsItsContents() throws {
        let folder = try ScratchFolder()
        let path = try folder.write("keep me", to: "ro.csv")
        #expect(chmod(path, 0o444) == 0)
        let run = try Self.run("x = ones(2)\nsave x ro.csv\n", in: folder)
        #expect(run.status == 1)
        #expect(run.stderr.contains("script.attn:2:8: error: cannot write ro.csv: it is read-only"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep me")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).allSatisfy { !$0.contains(".tmp-") })
    }

    @Test func aReplacedFileKeepsItsPermissions() throws {
        let folder = try ScratchFolder()
        let path = try folder.write("old", to: "p.npy")
        #expect(chmod(path, 0o640) == 0)
        let run = try Self.run("x = ones(2)\nsave x p.npy\n", in: folder)
        #expect(run.status == 0)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o640)
    }
}
