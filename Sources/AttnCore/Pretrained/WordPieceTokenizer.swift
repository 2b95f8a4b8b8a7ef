/// The WordPiece tokenizer of BERT-style models, built from a `vocab.txt`
/// (one piece per line; the line number is the id).
///
/// Text goes through BERT's basic tokenisation (see
/// `WordPieceTokenizer+BasicTokenization.swift`: clean-up, Chinese
/// characters split, accents stripped, lower-casing, split on whitespace and
/// punctuation), then each word is cut greedily into the longest pieces in
/// the vocabulary, pieces after the first written with a `##` prefix:
/// "unaffable" → `un`, `##aff`, `##able`. A word with no such cut, or longer
/// than `maxWordLength` characters, becomes `[UNK]`. The sequence is framed
/// by `[CLS]` and `[SEP]`.
public struct WordPieceTokenizer: Sendable {
    /// The result of tokenising one text: ids and the pieces they stand for.
    public struct Encoding: Sendable, Equatable {
        public var ids: [Int]
        public var pieces: [String]
    }

    /// Words longer than this many Unicode scalars become `[UNK]` (BERT's 100).
    public static let maxWordLength = 100

    public let vocabulary: [String]
    private let ids: [String: Int]
    public let unknownID: Int
    public let classID: Int
    public let separatorID: Int
    /// Whether text is lower-cased and stripped of accents (uncased models).
    public let lowercases: Bool

    /// Builds the tokenizer from the lines of `vocab.txt`; the vocabulary
    /// must hold `[UNK]`, `[CLS]` and `[SEP]`.
    public init(vocabulary: [String], lowercases: Bool = true) throws {
        var ids: [String: Int] = [:]
        for (id, piece) in vocabulary.enumerated() where ids[piece] == nil { ids[piece] = id }
        func special(_ piece: String) throws -> Int {
            guard let id = ids[piece] else {
                throw TensorError("the vocabulary has no \(piece) token; is this a BERT vocab.txt?")
            }
            return id
        }
        self.vocabulary = vocabulary
        self.ids = ids
        self.lowercases = lowercases
        unknownID = try special("[UNK]")
        classID = try special("[CLS]")
        separatorID = try special("[SEP]")
    }

    /// Reads `vocab.txt` at `path` (UTF-8, one piece per line).
    public init(vocabularyPath path: String, lowercases: Bool = true) throws {
        let bytes = try FileContents.read(path: path, maxBytes: 64 << 20)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw TensorError("\(path) is not valid UTF-8 text")
        }
        // "\r\n" is one Character in Swift, so split on both forms.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(String.init)
        if lines.last == "" { lines.removeLast() }
        try self.init(vocabulary: lines, lowercases: lowercases)
    }

    /// The id of `piece`, if it is in the vocabulary.
    public func id(of piece: String) -> Int? { ids[piece] }

    /// Tokenises `text` into `[CLS]`, word pieces, `[SEP]`.
    public func encode(_ text: String) -> Encoding {
        var encoding = Encoding(ids: [classID], pieces: [vocabulary[classID]])
        for word in WordPieceTokenizer.basicTokens(text, lowercases: lowercases) {
            for id in wordPieces(word) {
                encoding.ids.append(id)
                encoding.pieces.append(vocabulary[id])
            }
        }
        encoding.ids.append(separatorID)
        encoding.pieces.append(vocabulary[separatorID])
        return encoding
    }

    /// Greedy longest-match WordPiece of one word (a list of Unicode
    /// scalars with no whitespace or punctuation inside).
    public func wordPieces(_ word: [Unicode.Scalar]) -> [Int] {
        guard word.count <= WordPieceTokenizer.maxWordLength else { return [unknownID] }
        var pieces: [Int] = []
        var start = 0
        while start < word.count {
            var end = word.count
            var found: Int?
            while end > start {
                var candidate = String(String.UnicodeScalarView(word[start..<end]))
                if start > 0 { candidate = "##" + candidate }
                if let id = ids[candidate] {
                    found = id
                    break
                }
                end -= 1
            }
            // No piece fits here: BERT gives up on the whole word.
            guard let id = found else { return [unknownID] }
            pieces.append(id)
            start = end
        }
        return pieces
    }
}
