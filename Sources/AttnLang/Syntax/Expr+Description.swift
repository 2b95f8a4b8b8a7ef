/// Expressions written back as source text (for `show` labels and help).
extension Expr: CustomStringConvertible {
    /// Source-like text, fully parenthesised only where needed for clarity.
    public var description: String {
        switch self {
        case .number(_, let text, _):
            return text
        case .name(let name, _):
            return name
        case .list(let elements, _):
            return "[" + elements.map(\.description).joined(separator: ", ") + "]"
        case .unary(let op, let operand, _):
            return op.rawValue + operand.parenthesisedIfCompound
        case .binary(let op, let lhs, let rhs, _):
            return "\(lhs.parenthesisedIfCompound) \(op.rawValue) \(rhs.parenthesisedIfCompound)"
        case .call(let name, let arguments, _):
            let parts = arguments.map { argument in
                argument.label.map { "\($0)=\(argument.value)" } ?? argument.value.description
            }
            return "\(name)(\(parts.joined(separator: ", ")))"
        case .index(let base, let items, _):
            return base.parenthesisedIfCompound + "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .transpose(let base, _):
            return base.parenthesisedIfCompound + ".T"
        }
    }

    private var parenthesisedIfCompound: String {
        switch self {
        case .binary, .unary: return "(\(description))"
        default: return description
        }
    }
}

extension IndexItem: CustomStringConvertible {
    public var description: String {
        switch self {
        case .at(let expr):
            return expr.description
        case .slice(let start, let stop, let step, _):
            var text = (start?.description ?? "") + ":" + (stop?.description ?? "")
            if let step { text += ":" + step.description }
            return text
        }
    }
}
