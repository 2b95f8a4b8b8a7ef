/// The dictionary at the start of a .npy file, parsed strictly.
///
/// It is a Python literal such as
/// `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }`: exactly the
/// three keys, in any order, single or double quotes, optional trailing
/// commas, `(3,)` for one axis and `()` for a scalar. Anything else (unknown
/// or repeated keys, a missing key, `(3)` which Python reads as a number, a
/// shape extent too large for Int) is an error rather than a guess.
struct NPYHeader: Equatable {
    var descr: String
    var fortranOrder: Bool
    /// Extents as written; may be negative here, the decoder rejects that
    /// with a message naming the shape.
    var shape: [Int]

    /// Parses the header text (without the magic and length prefix).
    init(parsing text: String) throws {
        var parser = NPYHeaderParser(Array(text.utf8))
        var descr: String?
        var fortranOrder: Bool?
        var shape: [Int]?

        try parser.expect(UInt8(ascii: "{"))
        while !parser.consume(UInt8(ascii: "}")) {
            let key = try parser.string()
            try parser.expect(UInt8(ascii: ":"))
            switch key {
            case "descr" where descr == nil: descr = try parser.string()
            case "fortran_order" where fortranOrder == nil: fortranOrder = try parser.boolean()
            case "shape" where shape == nil: shape = try parser.tuple()
            case "descr", "fortran_order", "shape": throw NPYHeaderParser.failure("key '\(key)' appears twice")
            default: throw NPYHeaderParser.failure("unknown key '\(key)'")
            }
            // A comma separates entries; without one the dict must close.
            if !parser.consume(UInt8(ascii: ",")) {
                try parser.expect(UInt8(ascii: "}"))
                break
            }
        }
        guard parser.atEnd() else { throw NPYHeaderParser.failure("unexpected text after the closing '}'") }
        guard let descr else { throw NPYHeaderParser.failure("missing key 'descr'") }
        guard let fortranOrder else { throw NPYHeaderParser.failure("missing key 'fortran_order'") }
        guard let shape else { throw NPYHeaderParser.failure("missing key 'shape'") }
        self.descr = descr
        self.fortranOrder = fortranOrder
        self.shape = shape
    }

    /// The dictionary as numpy writes it: keys sorted, each followed by
    /// `, `, and a one-axis shape written `(3,)`.
    static func literal(descr: String, fortranOrder: Bool, shape: [Int]) -> String {
        let extents = shape.map(String.init).joined(separator: ", ")
        let tuple = shape.count == 1 ? "(\(extents),)" : "(\(extents))"
        return "{'descr': '\(descr)', 'fortran_order': \(fortranOrder ? "True" : "False"), 'shape': \(tuple), }"
    }
}
