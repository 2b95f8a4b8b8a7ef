import AttnCore

/// The session's side of `source`, `record` and `replay`, and what happens
/// to a statement after it succeeded (history, recording).
///
/// Decisions, also stated in the README:
/// - `source PATH` runs the whole script as one statement: if any of its
///   statements fails, the script stops there and everything it did is
///   undone, so a failing `source` changes nothing (docs/reference.md §10.1). Its errors name
///   the script, line and column.
/// - Relative paths, in `source` and in the statements of a sourced script,
///   are taken from the current directory (as `load` and `save` are), not
///   from the sourcing script's folder.
/// - History and recording see top-level statements only: the `source PATH`
///   line, not the statements it ran. `record`, `history` and `replay`
///   themselves are neither remembered nor recorded.
extension Session {
    /// The deepest `source` inside `source` allowed (a script sourcing itself
    /// stops here with an error instead of exhausting the stack).
    public static let maxSourceDepth = 16
    /// The largest script `source` or `replay` reads.
    public static let maxScriptBytes = 64 << 20

    /// The file being recorded to, if any.
    public var recordingPath: String? { recording?.path }

    /// Stops recording, if recording (the program calls it on exit).
    public func stopRecording() {
        recording?.close()
        recording = nil
    }

    /// Runs one statement typed or replayed at a prompt, as line `line` of
    /// the script `fileName` (diagnostics say `fileName:LINE:COL`).
    @discardableResult
    public func runStatement(_ text: String, fileName: String, line: Int) -> Bool {
        run(text, firstLine: max(line, 1), fileName: fileName, keepGoing: false)
    }

    /// Carries out a command's request; the error that fails the statement, or nil.
    func perform(_ request: SessionRequest) -> LangError? {
        switch request {
        case .source(let path, let range):
            return source(path, at: range)
        case .record(let path, let range):
            if !typedInput, let refusal = scriptWrites.refusal(of: path, command: "record") {
                return LangError(refusal, at: range)
            }
            do {
                let file = try RecordingFile(path: CommandSpec.expandTilde(path))
                stopRecording()
                recording = file
                output("recording to \(path)")
            } catch {
                return LangError(Session.message(of: error), at: range)
            }
        case .quit:
            quitRequested = true
        case .saveHistory(let path, let range):
            if !typedInput, let refusal = scriptWrites.refusal(of: path, command: "history save") {
                return LangError(refusal, at: range)
            }
            let text = state.history.map { $0 + "\n" }.joined()
            do {
                try AtomicFile.write(Array(text.utf8), to: CommandSpec.expandTilde(path))
            } catch {
                return LangError(Session.message(of: error), at: range)
            }
        case .stopRecording(let range):
            guard let recording else {
                return LangError("nothing is being recorded (start with `record PATH`)", at: range)
            }
            output("recording stopped: \(recording.count) statement\(recording.count == 1 ? "" : "s") in \(recording.path)")
            stopRecording()
        case .replay(let path, let delay, let range):
            guard let onReplay else {
                return LangError("`replay` works in the interactive shell; here, `source \(path)` runs the script", at: range)
            }
            do {
                onReplay(try ReplayScript.load(path: path), delay)
            } catch {
                return LangError(Session.message(of: error), at: range)
            }
        }
        return nil
    }

    /// Adds a top-level statement that succeeded to the history and the recording.
    func remember(_ parsed: ParsedStatement, fileName: String) {
        if case .command(let command) = parsed.statement, ["record", "history", "replay", "quit", "exit"].contains(command.name) {
            return
        }
        appendToHistory(parsed.text)
        guard let recording else { return }
        do {
            try recording.append(parsed.text)
        } catch {
            // The statement itself succeeded; only the recording is lost from here on.
            report(Diagnostic(severity: .warning, message: "\(Session.message(of: error)); recording stopped",
                              range: parsed.range, fileName: fileName), sourceLine: nil)
            stopRecording()
        }
    }

    /// `source PATH`: the script's statements, all or nothing.
    private func source(_ path: String, at range: SourceRange) -> LangError? {
        guard sourceDepth < Session.maxSourceDepth else {
            return LangError("`source` is nested more than \(Session.maxSourceDepth) deep (does a script source itself?)", at: range)
        }
        let bytes: [UInt8]
        do {
            bytes = try FileContents.read(path: CommandSpec.expandTilde(path), maxBytes: Session.maxScriptBytes)
        } catch {
            return LangError(Session.message(of: error), at: range)
        }
        let processLimit = MemoryLimit.bytes
        sourceDepth += 1
        // A sourced script's statements are a script's, even when `source` itself was typed.
        let wasTyped = typedInput
        typedInput = false
        let succeeded = runScript(bytes: bytes, fileName: path, keepGoing: false)
        typedInput = wasTyped
        sourceDepth -= 1
        if succeeded { return nil }
        if appliesLimitProcessWide { MemoryLimit.bytes = processLimit }
        return LangError("`source \(path)` stopped at the error above; nothing it ran is kept", at: range)
    }

    private static func message(of error: any Error) -> String {
        (error as? TensorError)?.message ?? (error as? LangError)?.message ?? "\(error)"
    }
}
