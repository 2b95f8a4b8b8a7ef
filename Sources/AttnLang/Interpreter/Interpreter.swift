import AttnCore

/// Runs parsed statements against a session state.
///
/// An interpreter works on its own copy of the state; the session keeps the
/// copy only when a statement succeeds. Output and warnings are collected
/// and handed to the session, which prints them.
public struct Interpreter {
    public var state: SessionState
    /// Lines printed by the statement so far.
    public private(set) var printed: [String] = []
    /// Warnings raised by the statement so far (they do not fail it).
    public private(set) var warnings: [LangError] = []
    /// Set by `pause`: the session asks its driver to wait (replay waits for
    /// Enter; a plain run goes straight on).
    public var pauseRequested = false
    /// Set by `source`, `record` and `replay`: work only the session can do,
    /// carried out after the statement (see `SessionRequest`).
    public var sessionRequest: SessionRequest?
    /// What the statement asks to be shown, in order (see `PresentationEffect`).
    public private(set) var effects: [PresentationEffect] = []
    let functions: [String: FunctionSpec]
    /// Where long-running commands (`train`) send progress lines as they
    /// happen (the session's output); nil collects them with the rest of the output.
    public var liveOutput: ((String) -> Void)?
    /// The program the statement runs in: stop requests, training progress,
    /// ASCII charts (`Session.host`); nil runs with the Ctrl-C flag alone.
    public var host: (any SessionHost)?

    public init(state: SessionState, functions: [FunctionSpec] = FunctionSpec.all) {
        self.state = state
        self.functions = Dictionary(functions.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Prints one (possibly multi-line) piece of output.
    public mutating func print(_ text: String) {
        printed.append(text)
    }

    /// Asks for `effect` to be shown once the statement has succeeded.
    public mutating func present(_ effect: PresentationEffect) {
        effects.append(effect)
    }

    /// Whether printed charts use ASCII only (`--ascii`).
    var drawsASCII: Bool { host?.drawsASCII ?? false }

    /// Raises a warning located at `range`.
    public mutating func warn(_ message: String, at range: SourceRange) {
        warnings.append(LangError(message, at: range))
    }

    /// Runs one statement.
    public mutating func execute(_ statement: Statement) throws {
        switch statement {
        case .assign(let name, let nameRange, let value):
            let tensor = try evaluate(value)
            if let existing = state.workspace.entry(name), existing.origin == .layerWeight,
               existing.shape != tensor.shape {
                throw LangError("`\(name)` is a layer weight of shape \(Tensor.describe(existing.shape)); cannot assign a tensor of shape \(Tensor.describe(tensor.shape))", at: nameRange)
            }
            state.workspace.update(name, tensor)
        case .assignIndex(let name, let nameRange, let items, let value):
            guard var target = state.workspace[name] else {
                throw undefinedName(name, at: nameRange)
            }
            let indices = try tensorIndices(items)
            let tensor = try evaluate(value)
            try located(nameRange.through(value.range)) { try target.assign(indices, tensor) }
            state.workspace.update(name, target)
        case .expression(let expr):
            let tensor: Tensor
            do {
                tensor = try evaluate(expr)
            } catch let error as LangError {
                // A bare unknown word stands where a command could: `rn` may be `run`.
                if case .name(let name, let range) = expr, error == undefinedName(name, at: range) {
                    throw undefinedName(name, at: range, orCommand: true)
                }
                throw error
            }
            print(TensorFormatter.format(tensor, precision: state.precision))
        case .command(let invocation):
            // The parser resolved the command; run the entry it found.
            try invocation.spec.run(&self, invocation)
        }
    }

    /// Runs `body`, turning a tensor error into a located language error.
    public func located<T>(_ range: SourceRange, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as TensorError {
            throw LangError(error.message, at: range)
        }
    }

    /// The error for a name that is not in the workspace, with a suggestion.
    ///
    /// With `orCommand` (the name is a whole statement) the suggestion weighs
    /// workspace names and command names together: `rn` → `run`, not `X`. A
    /// command is suggested one edit away (or differing only in case), where
    /// a slip of one key is likely; a name wins a tie.
    public func undefinedName(_ name: String, at range: SourceRange, orCommand: Bool = false) -> LangError {
        if functions[name] != nil {
            return LangError("`\(name)` is a function; call it as `\(name)(...)`", at: range)
        }
        var suggestion = EditDistance.closest(to: name, among: state.workspace.names)
        if orCommand, let command = EditDistance.closest(to: name, among: CommandSpec.all.map(\.name)) {
            let distance = command.lowercased() == name.lowercased() ? 0 : EditDistance.between(name, command)
            let nameDistance = suggestion.map { $0.lowercased() == name.lowercased() ? 0 : EditDistance.between(name, $0) } ?? Int.max
            if distance <= 1, distance < nameDistance { suggestion = command }
        }
        if let suggestion {
            return LangError("`\(name)` is not defined; did you mean `\(suggestion)`?", at: range)
        }
        if orCommand, name == "q" || name == "bye" || name == "logout" {
            return LangError("`\(name)` is not defined; to leave attnsh, type `quit` (or `exit`), or press Ctrl-D at an empty prompt", at: range)
        }
        return LangError("`\(name)` is not defined", at: range)
    }

    /// The largest whole number an argument may be: float32 tells
    /// neighbouring integers apart only up to 2^24 (16777217 reads as 16777216).
    public static let largestWholeNumber = 16_777_216

    /// A whole number from a float, or an error naming `what`; `literal` is
    /// the expression it came from, whose text tells 16777217 from 16777216.
    public static func wholeNumber(_ value: Float, what: String, at range: SourceRange, literal: Expr? = nil) throws -> Int {
        guard value.isFinite, value == value.rounded() else {
            throw LangError("\(what) must be a whole number, not \(TensorFormatter.formatScalar(value))", at: range)
        }
        // Past 2^24 the float may already be another number than the one written.
        var magnitude = Double(abs(value))
        if let written = literal.flatMap(writtenMagnitude) { magnitude = max(magnitude, written) }
        guard magnitude <= Double(largestWholeNumber) else {
            let shown = literal.map { "\($0)" } ?? TensorFormatter.formatScalar(value)
            throw LangError("\(what) must be a whole number of at most 2^24 = \(largestWholeNumber) (float32 tells larger integers apart only roughly), not \(shown)", at: range)
        }
        return Int(value)
    }

    /// The magnitude of a number as written (`16777217`, `-16777217`), or nil
    /// when `expr` is not a number literal.
    static func writtenMagnitude(_ expr: Expr) -> Double? {
        switch expr {
        case .number(_, let text, _): return Double(text).map(abs)
        case .unary(_, let operand, _): return writtenMagnitude(operand)
        default: return nil
        }
    }
}
