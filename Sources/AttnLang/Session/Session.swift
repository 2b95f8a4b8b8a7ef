import AttnCore

/// The facade the program calls: runs scripts and interactive lines against
/// one session state, prints values and diagnostics, and offers completions.
///
/// Each statement runs on a copy of the state (workspace, generator,
/// precision, layers) and the copy is kept only when the statement
/// succeeds, so a failing statement changes nothing (docs/reference.md §10.1).
///
/// `output` receives each printed value (possibly several lines, without a
/// trailing newline); `errors` receives each rendered diagnostic the same way.
/// What a statement asks to be shown goes to `host` as presentation effects,
/// in order with the output.
public final class Session {
    public private(set) var state = SessionState()
    let output: (String) -> Void
    private let errors: (String) -> Void
    /// When true (the program), `limit mem=` also sets the process-wide
    /// `MemoryLimit.bytes`; tests turn it off to leave process state alone.
    public var appliesLimitProcessWide = true
    /// Called with each top-level statement that succeeded, after its state
    /// is kept and it was added to the history and the recording (statements
    /// run by `source` are not reported one by one: the `source` line is).
    public var onStatementSucceeded: ((ParsedStatement) -> Void)?
    /// Called when a `pause` statement runs (replay waits for Enter there);
    /// nil, the default, makes `pause` do nothing.
    public var onPause: (() -> Void)?
    /// Called by a `replay PATH` statement with the script laid out and the
    /// delay (nil: advance on Enter); the interactive shell sets it and starts
    /// the replay once the current input is done. Nil (a script run) makes
    /// `replay` fail with a pointer to `source`.
    public var onReplay: ((ReplayScript, _ delay: Double?) -> Void)?
    /// The open `record` file, if recording (see `Session+Requests.swift`).
    var recording: RecordingFile?
    /// How many `source` statements are running inside each other now.
    var sourceDepth = 0
    /// Where statements from scripts may write scripts (`record`, `history save`): `--allow-writes`.
    public var scriptWrites = ScriptWritePolicy()
    /// Set by `quit` / `exit` (or `endInput`): the rest of the input is not run, and the shell or
    /// script ends.
    public internal(set) var quitRequested = false

    /// Ends the input after the statement running now, as `quit` would: for the program, when
    /// what it prints can no longer be written (a full disk, a closed pipe).
    public func endInput() {
        quitRequested = true
    }
    /// True while the statements running were typed at the prompt (`runLine`), not read from a
    /// script: those are not held by `scriptWrites`.
    var typedInput = false

    public init(output: @escaping (String) -> Void, errors: @escaping (String) -> Void) {
        self.output = output
        self.errors = errors
    }

    /// The current layer's name (`attn> `), or `attnsh> ` before any layer exists.
    public var prompt: String { (state.currentLayer ?? "attnsh") + "> " }

    /// The program the session runs in: it shows the statements' presentation effects, answers
    /// stop requests and receives training progress (see `SessionHost`). Held weakly: the shell
    /// that owns the session is its host. Nil shows no effects and stops on Ctrl-C alone.
    public weak var host: (any SessionHost)?

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
        let wasTyped = typedInput
        typedInput = true
        defer { typedInput = wasTyped }
        return run(text, firstLine: max(lineNumber, 1), fileName: "<stdin>", keepGoing: false)
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

    func run(_ source: String, firstLine: Int, fileName: String, keepGoing: Bool) -> Bool {
        let lines = source.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        func line(_ number: Int) -> String? {
            let i = number - firstLine
            return lines.indices.contains(i) ? lines[i] : nil
        }
        var parser = Parser(source, firstLine: firstLine)
        var succeeded = true
        // A Ctrl-C before this input began belongs to what ran before it (a line cleared at the
        // prompt, an earlier input). Within the input it is never cleared between statements:
        // a SIGINT that lands between two statements of a script stops the next one.
        if sourceDepth == 0 { Cancellation.current.reset() }
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
            let outcome = execute(parsed, fileName: fileName, line: line)
            guard outcome.succeeded else {
                succeeded = false
                // Ctrl-C stops the whole input, even a script run with --keep-going.
                if !keepGoing || Cancellation.current.isRequested { break }
                continue
            }
            // Remembered only now, once the statement's interpreter and its rollback copy are
            // gone, so the history grows in place instead of being copied at every statement.
            if sourceDepth == 0 {
                remember(parsed, fileName: fileName)
                onStatementSucceeded?(parsed)
            }
            if outcome.pauses { onPause?() }
            if quitRequested { break }
        }
        return succeeded
    }

    /// Runs one statement on a copy of the state; keeps the copy on success. Whether it
    /// succeeded, and whether it was a `pause` (the caller waits once it is remembered).
    private func execute(_ parsed: ParsedStatement, fileName: String,
                         line: (Int) -> String?) -> (succeeded: Bool, pauses: Bool) {
        let before = state
        let cancellation = Cancellation.current
        var interpreter = Interpreter(state: state)
        interpreter.liveOutput = output
        interpreter.host = host
        var failure: LangError?
        do {
            try cancellation.check()
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
            return (false, false)
        }
        let previousLimit = state.memoryLimit
        state = interpreter.state
        if appliesLimitProcessWide, let limit = state.memoryLimit, limit != previousLimit {
            MemoryLimit.bytes = limit
        }
        if let request = interpreter.sessionRequest {
            if let failure = perform(request) {
                // `source` may have run statements before one failed: undo them all.
                state = before
                report(Diagnostic(severity: .error, message: failure.message, range: failure.range, fileName: fileName),
                       sourceLine: line(failure.range.line))
                return (false, false)
            }
        }
        for effect in interpreter.effects {
            if let text = host?.present(effect, in: state) { output(text) }
        }
        return (true, interpreter.pauseRequested)
    }

    func setState(_ newState: SessionState) {
        state = newState
    }

    /// Appends a statement's text to the history in place (amortised constant time while no
    /// copy of the state is alive).
    func appendToHistory(_ text: String) {
        state.history.append(text)
    }

    func report(_ diagnostic: Diagnostic, sourceLine: String?) {
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
