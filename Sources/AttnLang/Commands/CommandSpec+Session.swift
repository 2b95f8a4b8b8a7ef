import AttnCore

/// The session commands (docs/reference.md §5): echo, pause, source, record, history, replay.
///
/// `echo`, `pause` and `history` work on the interpreter's copy of the state
/// like any other command. `source`, `record` and `replay` need the session
/// itself (another script, an open file, the terminal), so their handlers
/// only check arguments and leave a `SessionRequest` for the session.
extension CommandSpec {
    static let session: [CommandSpec] = [
        CommandSpec(name: "echo", group: "session",
                    summary: "print a line of text as written", example: "echo Now watch head 0.",
                    arguments: [ArgumentSpec("TEXT", .text, optional: true)]) { interpreter, command in
            let text = command.value("TEXT")?.string ?? ""
            interpreter.print(text)
            interpreter.present(.narration(text))
        },
        CommandSpec(name: "pause", group: "session",
                    summary: "wait for Enter during replay (does nothing in a plain run)", example: "pause") { interpreter, _ in
            interpreter.pauseRequested = true
        },
        CommandSpec(name: "source", group: "session",
                    summary: "run a script inside this session (all of it, or nothing if a statement fails)",
                    example: "source lessons/setup.attn",
                    arguments: [ArgumentSpec("PATH", .path)]) { interpreter, command in
            let (path, range) = try command.path("PATH")
            interpreter.sessionRequest = .source(path: path, range: range)
        },
        CommandSpec(name: "record", group: "session",
                    summary: "append every statement that succeeds to PATH, until `record off`",
                    example: "record today.attn",
                    arguments: [ArgumentSpec("PATH", .path, keywords: ["off"])]) { interpreter, command in
            let (path, range) = try command.path("PATH")
            interpreter.sessionRequest = path == "off" ? .stopRecording(range: range) : .record(path: path, range: range)
        },
        CommandSpec(name: "quit", group: "session",
                    summary: "leave attnsh (as Ctrl-D at an empty prompt does); in a script, end it here with the status of what ran",
                    example: "quit") { interpreter, _ in
            interpreter.sessionRequest = .quit
        },
        CommandSpec(name: "exit", group: "session",
                    summary: "the same as `quit`",
                    example: "exit") { interpreter, _ in
            interpreter.sessionRequest = .quit
        },
        CommandSpec(name: "history", group: "session",
                    summary: "list the last N statements that succeeded (all by default), or save them as a script",
                    example: "history 10",
                    arguments: [ArgumentSpec("N", .integer, optional: true, meaning: "a count of statements")],
                    subcommands: [SubcommandSpec("save", [ArgumentSpec("PATH", .path)])]) { interpreter, command in
            try CommandSpec.history(&interpreter, command)
        },
        CommandSpec(name: "replay", group: "session",
                    summary: "present a script one statement at a time (Enter runs each; `q` leaves: on the unedited line or Esc q in the panes, alone on the line in plain mode)",
                    example: "replay sessions/01-first-look.attn",
                    arguments: [ArgumentSpec("PATH", .path)],
                    options: [OptionSpec("delay", .number, "run each statement after this many seconds instead of on Enter", placeholder: "SECONDS")]) { interpreter, command in
            let (path, range) = try command.path("PATH")
            var delay: Double?
            if let option = command.options["delay"], case .number(let seconds) = option.value {
                delay = try CommandSpec.checkedDelay(Double(seconds), at: option.range)
            }
            interpreter.sessionRequest = .replay(path: path, delay: delay, range: range)
        },
    ]

    /// The longest replay delay accepted, in seconds.
    public static let maxReplayDelay = 3600.0

    /// A replay delay must be a number of seconds from 0 to an hour.
    public static func checkedDelay(_ seconds: Double, at range: SourceRange) throws -> Double {
        guard seconds.isFinite, seconds >= 0, seconds <= maxReplayDelay else {
            throw LangError("a replay delay must be between 0 and \(Int(maxReplayDelay)) seconds, got \(seconds)", at: range)
        }
        return seconds
    }

    /// `history`, `history N` and `history save PATH`.
    private static func history(_ interpreter: inout Interpreter, _ command: CommandInvocation) throws {
        let history = interpreter.state.history
        if command.subcommand?.keyword == "save" {
            // The session writes it: whether a script may write there is its to decide.
            let (path, range) = try command.path("PATH")
            interpreter.sessionRequest = .saveHistory(path: path, range: range)
            return
        }
        var count = history.count
        if case .integer(let number, let range)? = command.value("N") {
            guard number >= 0 else {
                throw LangError("`history` expects a count of statements or `save`, found `\(number)`; usage: \(command.spec.syntax)", at: range)
            }
            count = min(number, history.count)
        }
        let first = history.count - count
        let width = String(history.count).count
        for index in first..<history.count {
            let number = String(index + 1)
            let padding = String(repeating: " ", count: width - number.count)
            interpreter.print("\(padding)\(number)  \(history[index])")
        }
    }
}
