import AttnCore

/// The facade the program calls: runs scripts and interactive lines against
/// one session state, prints values and diagnostics, and offers completions.
///
/// Each statement runs on a copy of the state (workspace, generator,
/// precision, settings) and the copy is kept only when the statement
/// succeeds, so a failing statement changes nothing (SPEC 8).
///
/// `output` receives each printed value (possibly several lines, without a
/// trailing newline); `errors` receives each rendered diagnostic the same way.
public final class Session {
    public private(set) var state = SessionState()
    private let output: (String) -> Void
    private let errors: (String) -> Void
    /// When true (the program), `limit mem=` also sets the process-wide
    /// `MemoryLimit.bytes`; tests turn it off to leave process state alone.
    public var appliesLimitProcessWide = true
    /// Called with each statement that succeeded, after its state is kept
    /// (for `record` and `history`).
    public var onStatementSucceeded: ((ParsedStatement) -> Void)?
    /// Called when a `pause` statement runs (replay waits for Enter there);
    /// nil, the default, makes `pause` do nothing.
    public var onPause: (() -> Void)?

    public init(output: @escaping (String) -> Void, errors: @escaping (String) -> Void) {
        self.output = output
        self.errors = errors
    }

    /// The current layer's name (`attn> `), or `attnsh> ` before any layer exists.
    public var prompt: String { (state.currentLayer ?? "attnsh") + "> " }

    /// Runs a whole script; stops at the first failing statement unless
    /// keepGoing; returns true when every statement succeeded. Diagnostics go
    /// to `errors`, values to `output`.
    @discardableResult
    public func runScript(_ source: String, fileName: String, keepGoing: Bool) -> Bool {
        run(source, firstLine: 1, fileName: fileName, keepGoing: keepGoing)
    }

    /// Same for raw bytes (validates UTF-8, rejects NUL bytes/binary files
    /// with a located error).
    @discardableResult
    public func runScript(bytes: [UInt8], fileName: String, keepGoing: Bool) -> Bool {
        switch ScriptBytes.decode(bytes) {
        case .success(let source):
            return runScript(source, fileName: fileName, keepGoing: keepGoing)
        case .failure(let problem):
            report(Diagnostic(severity: .error, message: problem.message, range: problem.range, fileName: fileName), sourceLine: nil)
            return false
        }
    }

    /// One interactive input (may hold several statements separated by `;`,
    /// or continued lines); file name `<stdin>`, LINE = lineNumber. Never
    /// throws, never crashes.
    @discardableResult
    public func runLine(_ text: String, lineNumber: Int) -> Bool {
        run(text, firstLine: max(lineNumber, 1), fileName: "<stdin>", keepGoing: false)
    }

    /// True when `text` ends with a continuation backslash (the editor then
    /// reads another line).
    public func needsContinuation(_ text: String) -> Bool {
        let lastLine = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).last ?? ""
        var inQuotes = false
        var code = ""
        for c in lastLine {
            if c == "\"" { inQuotes.toggle() }
            if c == "#" && !inQuotes { break }
            code.append(c)
        }
        while code.last == " " || code.last == "\t" { code.removeLast() }
        return code.hasSuffix("\\")
    }

    // MARK: - Running

    private func run(_ source: String, firstLine: Int, fileName: String, keepGoing: Bool) -> Bool {
        let lines = source.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        func line(_ number: Int) -> String? {
            let i = number - firstLine
            return lines.indices.contains(i) ? lines[i] : nil
        }
        var parser = Parser(source, firstLine: firstLine)
        var succeeded = true
        while true {
            let parsed: ParsedStatement?
            do {
                parsed = try parser.nextStatement()
            } catch {
                let failure = error as? LangError ?? LangError("\(error)", at: SourceRange(line: firstLine, column: 1, length: 0))
                report(Diagnostic(severity: .error, message: failure.message, range: failure.range, fileName: fileName),
                       sourceLine: line(failure.range.line))
                succeeded = false
                if keepGoing { continue } else { break }
            }
            guard let parsed else { break }
            if !execute(parsed, fileName: fileName, line: line) {
                succeeded = false
                if !keepGoing { break }
            }
        }
        return succeeded
    }

    /// Runs one statement on a copy of the state; keeps the copy on success.
    private func execute(_ parsed: ParsedStatement, fileName: String, line: (Int) -> String?) -> Bool {
        var interpreter = Interpreter(state: state)
        var failure: LangError?
        do {
            if let limit = state.memoryLimit {
                try MemoryLimit.$scoped.withValue(limit) { try interpreter.execute(parsed.statement) }
            } else {
                try interpreter.execute(parsed.statement)
            }
        } catch let error as LangError {
            failure = error
        } catch let error as TensorError {
            failure = LangError(error.message, at: parsed.range)
        } catch {
            failure = LangError("\(error)", at: parsed.range)
        }
        for text in interpreter.printed { output(text) }
        for warning in interpreter.warnings {
            report(Diagnostic(severity: .warning, message: warning.message, range: warning.range, fileName: fileName),
                   sourceLine: line(warning.range.line))
        }
        if let failure {
            report(Diagnostic(severity: .error, message: failure.message, range: failure.range, fileName: fileName),
                   sourceLine: line(failure.range.line))
            return false
        }
        let previousLimit = state.memoryLimit
        state = interpreter.state
        if appliesLimitProcessWide, let limit = state.memoryLimit, limit != previousLimit {
            MemoryLimit.bytes = limit
        }
        onStatementSucceeded?(parsed)
        if interpreter.pauseRequested { onPause?() }
        return true
    }

    func setState(_ newState: SessionState) {
        state = newState
    }

    private func report(_ diagnostic: Diagnostic, sourceLine: String?) {
        errors(DiagnosticRenderer.render(diagnostic, sourceLine: sourceLine))
    }
}

extension Session {
    /// Replaces the whole state (for `-i FILE` hand-over, tests, and later
    /// commands that restore a saved state).
    public func replaceState(_ newState: SessionState) {
        setState(newState)
    }
}
