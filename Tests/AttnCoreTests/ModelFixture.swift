import AttnCore
import AttnTestSupport
import Foundation
import Testing

/// Where the pretrained model and its numpy fixtures are, for the tests of
/// issue 9.
///
/// The model folder is `InstalledModel.directory`; tests that need it are
/// disabled with `InstalledModel.missingReason` when it is absent;
/// `.ci/run` installs the package, so in CI they run.
enum ModelFixture {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/model")

    /// The model, loaded once for all tests.
    static let model: Result<PretrainedModel, Error> = Result {
        guard let directory = InstalledModel.directory else { throw TensorError("no model folder") }
        return try PretrainedModel(directory: directory)
    }

    /// A fixture `.npy` of this folder.
    static func tensor(_ name: String) throws -> Tensor {
        try NPYFormat.read(path: folder.appendingPathComponent(name).path)
    }

    /// One case of `tokens.json` / `sentences.json`.
    struct Sentence: Sendable, CustomTestStringConvertible {
        let index: Int
        let text: String
        let ids: [Int]
        let pieces: [String]
        var testDescription: String { "\(index): \(text.prefix(40))" }
    }

    /// The cases of a JSON fixture file (empty when unreadable, which the
    /// tests then report as a failure of their count check).
    static func sentences(_ file: String) -> [Sentence] {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent(file)),
              let list = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]] else { return [] }
        return list.enumerated().compactMap { index, entry in
            guard let text = entry["text"] as? String, let ids = entry["ids"] as? [Int],
                  let pieces = entry["pieces"] as? [String] else { return nil }
            return Sentence(index: index, text: text, ids: ids, pieces: pieces)
        }
    }
}
