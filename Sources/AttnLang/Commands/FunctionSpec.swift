import AttnCore

/// One entry of the function table: a built-in function's name, how it is
/// called, what it does, an example, and the code that computes it.
///
/// The same table feeds evaluation, `help` and tab completion.
public struct FunctionSpec: Sendable {
    public typealias Body = @Sendable (inout Interpreter, FunctionCall) throws -> Tensor

    public let name: String
    /// How it is called: `softmax(x, dim=-1)`.
    public let signature: String
    public let summary: String
    public let example: String
    /// The keyword arguments it accepts.
    public let keywords: [String]
    public let body: Body

    public init(_ name: String, _ signature: String, _ summary: String, example: String,
                keywords: [String] = [], body: @escaping Body) {
        self.name = name
        self.signature = signature
        self.summary = summary
        self.example = example
        self.keywords = keywords
        self.body = body
    }

    /// The function called `name`, if any.
    public static func named(_ name: String) -> FunctionSpec? {
        all.first { $0.name == name }
    }
}

extension Interpreter {
    /// Calls the function `name` with `arguments`.
    mutating func call(_ name: String, _ arguments: [Argument], at range: SourceRange) throws -> Tensor {
        guard let spec = functions[name] else {
            let suggestion = EditDistance.closest(to: name, among: functions.keys)
            let hint = suggestion.map { "; did you mean `\($0)`?" } ?? " (type `help` for the list of functions)"
            throw LangError("unknown function `\(name)`\(hint)", at: range)
        }
        var positional: [(expr: Expr, value: Tensor)] = []
        var keywords: [String: Argument] = [:]
        for argument in arguments {
            if let label = argument.label {
                let labelRange = argument.labelRange ?? argument.value.range
                guard spec.keywords.contains(label) else {
                    let suggestion = EditDistance.closest(to: label, among: spec.keywords).map { "; did you mean `\($0)=`?" }
                    let accepted = spec.keywords.isEmpty ? "; it takes no keyword arguments"
                        : "; it accepts " + spec.keywords.map { "`\($0)=`" }.joined(separator: ", ")
                    throw LangError("`\(name)` has no argument `\(label)`\(suggestion ?? accepted)", at: labelRange)
                }
                guard keywords[label] == nil else {
                    throw LangError("argument `\(label)` is given twice", at: labelRange)
                }
                keywords[label] = argument
            } else {
                positional.append((argument.value, try evaluate(argument.value)))
            }
        }
        let call = FunctionCall(spec: spec, range: range, positional: positional, keywords: keywords)
        return try located(range) { try spec.body(&self, call) }
    }
}
