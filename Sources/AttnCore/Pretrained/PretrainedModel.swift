import Foundation

/// A pretrained BERT-style model folder, loaded: `config.json`,
/// `model.safetensors` and `vocab.txt` (and `tokenizer_config.json` for
/// `do_lower_case`, when present).
public struct PretrainedModel: Sendable {
    public let directory: String
    public let config: BertConfig
    public let encoder: BertEncoder
    public let tokenizer: WordPieceTokenizer

    /// Loads the model in `directory`, with a sentence naming any missing
    /// or inconsistent file.
    public init(directory: String) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder), isFolder.boolValue else {
            throw TensorError("no model folder at \(directory)")
        }
        if let missing = ModelLocator.requiredFiles.first(where: { !FileManager.default.fileExists(atPath: directory + "/" + $0) }) {
            throw TensorError("\(directory) has no \(missing); a model folder needs \(ModelLocator.requiredFiles.joined(separator: ", "))")
        }
        let configPath = directory + "/config.json"
        config = try BertConfig(json: FileContents.read(path: configPath, maxBytes: 1 << 20), source: configPath)
        tokenizer = try WordPieceTokenizer(vocabularyPath: directory + "/vocab.txt",
                                           lowercases: PretrainedModel.lowercases(directory: directory))
        let weights = try SafetensorsReader(path: directory + "/model.safetensors")
        encoder = try BertEncoder(config: config, weights: weights)
        if tokenizer.vocabulary.count != encoder.vocabularySize {
            throw TensorError("vocab.txt has \(tokenizer.vocabulary.count) pieces but the word embeddings have \(encoder.vocabularySize) rows")
        }
        self.directory = directory
    }

    /// `do_lower_case` from `tokenizer_config.json`, true when absent (the
    /// uncased models this is for).
    static func lowercases(directory: String) -> Bool {
        let path = directory + "/tokenizer_config.json"
        guard let bytes = try? FileContents.read(path: path, maxBytes: 1 << 20),
              let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
              let flag = object["do_lower_case"] as? Bool else { return true }
        return flag
    }
}
