/// A cursor over header bytes that reads the few Python literal forms a
/// .npy header uses, skipping whitespace between tokens.
struct NPYHeaderParser {
    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    static func failure(_ problem: String) -> TensorError {
        TensorError("bad header: \(problem)")
    }

    private mutating func skipWhitespace() {
        while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
    }

    private mutating func peek() -> UInt8? {
        skipWhitespace()
        return position < bytes.count ? bytes[position] : nil
    }

    /// True when only whitespace is left.
    mutating func atEnd() -> Bool { peek() == nil }

    /// Consumes `byte` if it comes next.
    mutating func consume(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        position += 1
        return true
    }

    mutating func expect(_ byte: UInt8) throws {
        guard consume(byte) else {
            throw Self.failure("expected '\(Character(Unicode.Scalar(byte)))' \(whereNow())")
        }
    }

    /// Where the cursor is, for messages: "at offset 12" or "at the end".
    private func whereNow() -> String {
        position < bytes.count ? "at offset \(position)" : "at the end"
    }

    /// A quoted string without escapes: 'abc' or "abc".
    mutating func string() throws -> String {
        guard let quote = peek(), quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") else {
            throw Self.failure("expected a quoted string \(whereNow())")
        }
        let start = position + 1
        guard let end = bytes[start...].firstIndex(of: quote) else {
            throw Self.failure("unterminated string at offset \(position)")
        }
        guard !bytes[start..<end].contains(UInt8(ascii: "\\")) else {
            throw Self.failure("escapes in strings are not supported (offset \(position))")
        }
        position = end + 1
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// `True` or `False`.
    mutating func boolean() throws -> Bool {
        if word("True") { return true }
        if word("False") { return false }
        throw Self.failure("expected True or False \(whereNow())")
    }

    private mutating func word(_ text: String) -> Bool {
        _ = peek()
        let utf8 = Array(text.utf8)
        guard bytes.count - position >= utf8.count,
              Array(bytes[position..<position + utf8.count]) == utf8 else { return false }
        position += utf8.count
        return true
    }

    /// A tuple of integers: `()`, `(3,)`, `(2, 3)`, `(2, 3,)`.
    mutating func tuple() throws -> [Int] {
        try expect(UInt8(ascii: "("))
        var items: [Int] = []
        var sawComma = false
        while !consume(UInt8(ascii: ")")) {
            items.append(try integer())
            if consume(UInt8(ascii: ",")) {
                sawComma = true
            } else {
                try expect(UInt8(ascii: ")"))
                break
            }
        }
        if items.count == 1 && !sawComma {
            throw Self.failure("shape (\(items[0])) is a number, not a tuple; numpy writes (\(items[0]),)")
        }
        return items
    }

    /// A decimal integer, optionally negative, that must fit in Int.
    mutating func integer() throws -> Int {
        let negative = consume(UInt8(ascii: "-"))
        let start = position
        var value = 0
        while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
            let digit = Int(bytes[position] - UInt8(ascii: "0"))
            let (times10, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowB) = times10.addingReportingOverflow(digit)
            guard !overflowA && !overflowB else {
                throw Self.failure("shape extent at offset \(start) is too large")
            }
            value = sum
            position += 1
        }
        guard position > start else { throw Self.failure("expected an integer \(whereNow())") }
        // Python 2 wrote long integers as 3L.
        if position < bytes.count && bytes[position] == UInt8(ascii: "L") { position += 1 }
        return negative ? -value : value
    }
}
