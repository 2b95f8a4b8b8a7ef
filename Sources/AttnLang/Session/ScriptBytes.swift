/// Checks the raw bytes of a script before it is run: valid UTF-8 and no
/// NUL bytes (a NUL almost always means a binary file was passed).
enum ScriptBytes {
    struct Problem: Error {
        var message: String
        var range: SourceRange
    }

    /// The script text, or the first problem located by line and column.
    static func decode(_ bytes: [UInt8]) -> Result<String, Problem> {
        var lineStart = 0
        var lineNumber = 1
        var i = 0
        while i <= bytes.count {
            if i == bytes.count || bytes[i] == 0x0A {
                let lineBytes = bytes[lineStart..<i]
                if let nul = lineBytes.firstIndex(of: 0) {
                    let column = columnOf(bytes[lineStart..<nul])
                    return .failure(Problem(message: "the file contains a NUL byte (is it a binary file?)",
                                            range: SourceRange(line: lineNumber, column: column, length: 1)))
                }
                if String(validating: lineBytes, as: UTF8.self) == nil {
                    let column = columnOf(validPrefix(lineBytes))
                    return .failure(Problem(message: "invalid UTF-8 in the file (is it a binary file?)",
                                            range: SourceRange(line: lineNumber, column: column, length: 1)))
                }
                lineStart = i + 1
                lineNumber += 1
            }
            i += 1
        }
        return .success(String(decoding: bytes, as: UTF8.self))
    }

    /// 1-based column just after `prefix` (counted in Characters).
    private static func columnOf(_ prefix: ArraySlice<UInt8>) -> Int {
        String(decoding: prefix, as: UTF8.self).count + 1
    }

    /// The longest prefix of `bytes` that is valid UTF-8 (one linear pass).
    private static func validPrefix(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var length = 0
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): length += UTF8.width(scalar)
            case .emptyInput, .error: break loop
            }
        }
        return bytes[bytes.startIndex..<(bytes.startIndex + length)]
    }
}
