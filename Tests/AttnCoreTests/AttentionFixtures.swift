import Foundation
@testable import AttnCore

/// The numpy-made attention cases in Fixtures/attention/cases (see
/// make_attention.py there): inputs, weights and every stage per case.
struct AttentionFixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/attention/cases")

    /// Every case folder name, sorted.
    static var caseNames: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).sorted()
    }

    let name: String
    let config: LayerConfig
    let input: Tensor
    let kv: Tensor?
    /// Weights and mask tensors by workspace name (`attn.Wq`, `m`).
    let workspace: [String: Tensor]
    /// Expected tensor of each stage, and of `mask` under the key "mask".
    let expected: [String: Tensor]
    /// [head, row] pairs whose keys are all blocked.
    let blockedRows: [[Int]]

    init(_ name: String) throws {
        self.name = name
        let folder = AttentionFixture.root.appendingPathComponent(name)
        func load(_ file: String) throws -> Tensor {
            try FixtureNPY.read(folder.appendingPathComponent(file + ".npy"))
        }
        let data = try Data(contentsOf: folder.appendingPathComponent("config.json"))
        guard let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw TensorError("\(name)/config.json is not an object")
        }
        let bias = json["bias"] as? Bool ?? false
        let masks = try AttentionFixture.masks(json["mask"] as? [String] ?? [])
        config = try LayerConfig.make(
            dModel: json["d_model"] as? Int ?? 0, heads: json["heads"] as? Int ?? 0,
            dHead: json["d_head"] as? Int, kvHeads: json["kv_heads"] as? Int, bias: bias,
            seed: (json["seed"] as? Int).map(UInt64.init),
            temperature: (json["temperature"] as? Double).map(Float.init) ?? 1,
            scale: (json["scale"] as? Double).map(Float.init),
            dropout: (json["dropout"] as? Double).map(Float.init) ?? 0,
            posenc: PositionalEncoding(rawValue: json["posenc"] as? String ?? "none") ?? .none,
            ropeBase: json["rope_base"] as? Double ?? 10000,
            masks: masks, ablated: Set(json["ablate"] as? [Int] ?? []))
        input = try load("X")
        kv = FileManager.default.fileExists(atPath: folder.appendingPathComponent("Y.npy").path) ? try load("Y") : nil
        var workspace: [String: Tensor] = [:]
        for suffix in LayerWeights.matrixSuffixes + (bias ? LayerWeights.biasSuffixes : []) {
            workspace["attn." + suffix] = try load(suffix)
        }
        for tensorName in json["tensors"] as? [String] ?? [] {
            workspace[tensorName] = try load("tensor_" + tensorName)
        }
        self.workspace = workspace
        var expected: [String: Tensor] = [:]
        for stage in AttentionStage.allCases { expected[stage.name] = try load("stage_" + stage.name) }
        expected["mask"] = try load("stage_mask")
        self.expected = expected
        blockedRows = json["blocked_rows"] as? [[Int]] ?? []
    }

    /// Looks a name up in the fixture's workspace, as the shell's would.
    /// The masks of a case, spelt in config.json as the words of a `mask`
    /// command (`["causal", "window", "2"]`). The language parses such words;
    /// the core tests read the few forms the fixtures use.
    static func masks(_ words: [String]) throws -> [MaskSpec] {
        var specs: [MaskSpec] = []
        var index = 0
        func next() throws -> String {
            index += 1
            guard index < words.count else { throw TensorError("mask words end after `\(words[index - 1])`") }
            return words[index]
        }
        func count() throws -> Int {
            let word = try next()
            guard let value = Int(word) else { throw TensorError("`\(word)` is not a whole number") }
            return value
        }
        while index < words.count {
            switch words[index] {
            case "causal": specs.append(.causal)
            case "window": specs.append(.window(try count()))
            case "pad": specs.append(.pad(try count()))
            case "block": specs.append(.block(try next().split(separator: ",").compactMap { Int($0) }))
            case let name: specs.append(.tensor(name))
            }
            index += 1
        }
        return specs
    }

    func read(_ name: String) throws -> Tensor {
        guard let tensor = workspace[name] else { throw TensorError("no tensor named \(name)") }
        return tensor
    }
}

/// A minimal reader of the float32, C-order `.npy` files the fixture script
/// writes (test-only; the product's reader lives elsewhere).
enum FixtureNPY {
    static func read(_ url: URL) throws -> Tensor {
        let bytes = [UInt8](try Data(contentsOf: url))
        guard bytes.count > 10, bytes[0] == 0x93, String(decoding: bytes[1..<6], as: UTF8.self) == "NUMPY" else {
            throw TensorError("\(url.lastPathComponent) is not an .npy file")
        }
        let major = bytes[6]
        let headerLength = major == 1 ? Int(bytes[8]) | Int(bytes[9]) << 8
            : Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
        let headerStart = major == 1 ? 10 : 12
        let header = String(decoding: bytes[headerStart..<(headerStart + headerLength)], as: UTF8.self)
        guard header.contains("'descr': '<f4'"), header.contains("'fortran_order': False"),
              let open = header.range(of: "'shape': ("), let close = header[open.upperBound...].firstIndex(of: ")")
        else { throw TensorError("\(url.lastPathComponent): unexpected header \(header)") }
        let shape = header[open.upperBound..<close].split(separator: ",")
            .compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let body = bytes[(headerStart + headerLength)...]
        var scalars: [Float] = []
        scalars.reserveCapacity(body.count / 4)
        var index = body.startIndex
        while index + 3 < body.endIndex {
            let bits = UInt32(body[index]) | UInt32(body[index + 1]) << 8
                | UInt32(body[index + 2]) << 16 | UInt32(body[index + 3]) << 24
            scalars.append(Float(bitPattern: bits))
            index += 4
        }
        return try Tensor(shape: shape, scalars: scalars)
    }
}

extension AttentionFixture {
    /// Whether two tensors agree: same shape, equal infinities and NaNs, and
    /// finite values within atol + rtol·|expected|.
    static func agree(_ actual: Tensor, _ expected: Tensor, rtol: Float = 1e-4, atol: Float = 1e-5) -> Bool {
        guard actual.shape == expected.shape else { return false }
        for (a, e) in zip(actual.scalars, expected.scalars) {
            if e.isNaN || a.isNaN { if !(e.isNaN && a.isNaN) { return false } else { continue } }
            if e.isInfinite || a.isInfinite { if a != e { return false } else { continue } }
            if abs(a - e) > atol + rtol * abs(e) { return false }
        }
        return true
    }

    /// The largest absolute difference, for failure messages.
    static func largestDifference(_ a: Tensor, _ b: Tensor) -> Float {
        guard a.shape == b.shape else { return .infinity }
        return zip(a.scalars, b.scalars).map { $0 == $1 ? 0 : abs($0 - $1) }.max() ?? 0
    }
}
