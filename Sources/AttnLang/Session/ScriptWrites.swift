/// The files a script names for attnsh to write: `save`, `export`, `record` and `history save`.
///
/// `attnsh FILE` and `attnsh replay FILE` say them before the first statement runs, so a user
/// running someone else's lesson sees what it will write. The script is parsed, not run: a path
/// appears as written (relative to the current folder), a statement that does not parse is
/// passed over (running the script reports it), and what a `source`d script writes is that
/// script's to say.
public enum ScriptWrites {
    /// The commands that write files, with the argument holding the path.
    static let writers: Set<String> = ["save", "export", "record", "history"]

    /// The paths `source` would have attnsh write, in order, each once.
    public static func paths(in source: String) -> [String] {
        var parser = Parser(source)
        var paths: [String] = []
        var seen = Set<String>()
        while true {
            let parsed: ParsedStatement?
            do {
                parsed = try parser.nextStatement()
            } catch {
                continue
            }
            guard let parsed else { break }
            guard case .command(let command) = parsed.statement, writers.contains(command.spec.name),
                  command.spec.name != "history" || command.subcommand?.keyword == "save",
                  case .path(let path, _)? = command.value("PATH"),
                  !(command.spec.name == "record" && path == "off") else { continue }
            if seen.insert(path).inserted { paths.append(path) }
        }
        return paths
    }

    /// The same for a script's bytes; nil too when they are not a script at all (invalid UTF-8,
    /// a NUL byte: running it reports that, and a binary file is not parsed twice).
    public static func notice(forScript bytes: [UInt8], name: String) -> String? {
        guard case .success(let source) = ScriptBytes.decode(bytes) else { return nil }
        return notice(for: source, name: name)
    }

    /// The line `attnsh FILE` prints before running `name` when it writes anything, else nil.
    public static func notice(for source: String, name: String) -> String? {
        let paths = paths(in: source)
        guard !paths.isEmpty else { return nil }
        return "attnsh: \(name) writes: " + paths.joined(separator: ", ")
    }
}
