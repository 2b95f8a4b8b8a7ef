import AttnCore
import Foundation

/// The workspace commands (docs/reference.md §2.6): show, ls, del, load, save, seed,
/// precision, limit, help.
extension CommandSpec {
    static let workspace: [CommandSpec] = [
        CommandSpec(name: "show", group: "workspace",
                    summary: "print a tensor with its name and shape",
                    example: "show attn.P precision=2",
                    arguments: [ArgumentSpec("EXPR", .expression)],
                    options: [OptionSpec("precision", .integer, "digits after the point, for this statement only", placeholder: "N")]) { interpreter, command in
            let expr = try command.expression("EXPR")
            let tensor = try interpreter.evaluate(expr)
            var precision = interpreter.state.precision
            if let option = command.options["precision"], case .integer(let digits) = option.value {
                precision = try CommandSpec.checkedPrecision(digits, at: option.range)
            }
            if case .name(let name, _) = expr,
               let labelled = StageFormatter.labelled(name: name, tensor: tensor, state: interpreter.state, precision: precision) {
                interpreter.print(labelled)
            } else if let labelled = try interpreter.labelledText(of: expr, value: tensor, precision: precision) {
                interpreter.print(labelled)
            } else {
                interpreter.print("\(expr) \(Tensor.describe(tensor.shape))")
                interpreter.print(TensorFormatter.format(tensor, precision: precision))
            }
        },
        CommandSpec(name: "ls", group: "workspace",
                    summary: "list names with shape, elements, bytes and origin", example: "ls") { interpreter, _ in
            interpreter.print(WorkspaceListing.table(interpreter.state.workspace))
        },
        CommandSpec(name: "del", group: "workspace",
                    summary: "remove tensors from the workspace", example: "del x y",
                    arguments: [ArgumentSpec("NAME", .name, repeats: true)]) { interpreter, command in
            for case .name(let name, let range) in command.values("NAME") {
                guard interpreter.state.workspace.remove(name) else {
                    throw interpreter.undefinedName(name, at: range)
                }
            }
        },
        CommandSpec(name: "load", group: "workspace",
                    summary: "read a .npy or .csv file into NAME, as float32 (a .safetensors file: every tensor as NAME.<key>)",
                    example: "load x p.npy",
                    arguments: [ArgumentSpec("NAME", .name), ArgumentSpec("PATH", .path)]) { interpreter, command in
            let (name, nameRange) = try command.name("NAME")
            let (rawPath, pathRange) = try command.path("PATH")
            let path = CommandSpec.expandTilde(rawPath)
            if path.lowercased().hasSuffix(".safetensors") {
                return try interpreter.loadSafetensors(name, path: path, written: rawPath, at: pathRange)
            }
            let format = try CommandSpec.fileFormat(of: path, at: pathRange)
            let (tensor, header) = try interpreter.located(pathRange) {
                format == "npy" ? (try NPYFormat.read(path: path), nil) : try CSVFormat.readTable(path: path)
            }
            if let existing = interpreter.state.workspace.entry(name), existing.origin == .layerWeight,
               existing.shape != tensor.shape {
                throw LangError("`\(name)` is a layer weight of shape \(Tensor.describe(existing.shape)); \(rawPath) holds shape \(Tensor.describe(tensor.shape))", at: nameRange)
            }
            interpreter.state.workspace.update(name, tensor)
            if let header {
                interpreter.print("\(name) \(Tensor.describe(tensor.shape)) from \(rawPath) (header row: \(header.joined(separator: ", ")))")
            }
        },
        CommandSpec(name: "save", group: "workspace",
                    summary: "write NAME to a .npy (float32) or .csv file, atomically",
                    example: "save attn.P p.npy",
                    arguments: [ArgumentSpec("NAME", .name), ArgumentSpec("PATH", .path)]) { interpreter, command in
            let (name, nameRange) = try command.name("NAME")
            let (rawPath, pathRange) = try command.path("PATH")
            let tensor = try interpreter.lookup(name, at: nameRange)
            let path = CommandSpec.expandTilde(rawPath)
            let format = try CommandSpec.fileFormat(of: path, at: pathRange)
            try interpreter.located(pathRange) {
                format == "npy" ? try NPYFormat.write(tensor, path: path) : try CSVFormat.write(tensor, path: path)
            }
        },
        CommandSpec(name: "seed", group: "workspace",
                    summary: "reseed the workspace random generator", example: "seed 42",
                    arguments: [ArgumentSpec("N", .integer)]) { interpreter, command in
            let (seed, range) = try command.integer("N")
            guard seed >= 0 else { throw LangError("a seed must not be negative, got \(seed)", at: range) }
            interpreter.state.generator = RandomSource(seed: UInt64(seed))
            interpreter.state.seedValue = UInt64(seed)
        },
        CommandSpec(name: "precision", group: "workspace",
                    summary: "set the digits printed after the point (default 4)", example: "precision 2",
                    arguments: [ArgumentSpec("N", .integer)]) { interpreter, command in
            let (digits, range) = try command.integer("N")
            interpreter.state.precision = try CommandSpec.checkedPrecision(digits, at: range)
        },
        CommandSpec(name: "limit", group: "workspace",
                    summary: "show or set the memory limit for any single tensor", example: "limit mem=512M",
                    options: [OptionSpec("mem", .size, "bytes, with an optional unit: 512M, 2G")]) { interpreter, command in
            if let option = command.options["mem"], case .size(let bytes) = option.value {
                guard bytes >= 1024 else {
                    throw LangError("a memory limit below 1 KiB leaves no room for any tensor", at: option.range)
                }
                interpreter.state.memoryLimit = bytes
            } else {
                let bytes = interpreter.state.memoryLimit ?? MemoryLimit.bytes
                interpreter.print("memory limit: \(MemoryLimit.formatBytes(bytes))")
            }
        },
        CommandSpec(name: "help", group: "workspace",
                    summary: "list commands and functions, or explain one (or `help language`)",
                    example: "help softmax",
                    arguments: [ArgumentSpec("TOPIC", .helpTopic, optional: true)]) { interpreter, command in
            if case .word(let topic, let range)? = command.value("TOPIC") {
                guard let text = HelpText.topic(topic) else {
                    let suggestion = EditDistance.closest(to: topic, among: HelpText.topics).map { "; did you mean `\($0)`?" } ?? ""
                    throw LangError("no help for `\(topic)`\(suggestion)", at: range)
                }
                interpreter.print(text)
            } else {
                interpreter.print(HelpText.overview)
            }
        },
    ]

    /// Precision must be a sensible digit count.
    static func checkedPrecision(_ digits: Int, at range: SourceRange) throws -> Int {
        guard (0...12).contains(digits) else {
            throw LangError("precision must be between 0 and 12, got \(digits)", at: range)
        }
        return digits
    }

    /// `~` and `~/...` expand to $HOME.
    public static func expandTilde(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/"),
              let home = ProcessInfo.processInfo.environment["HOME"] else { return path }
        return home + path.dropFirst()
    }

    /// "npy" or "csv" from the path's extension, or an error.
    static func fileFormat(of path: String, at range: SourceRange) throws -> String {
        let lowered = path.lowercased()
        if lowered.hasSuffix(".npy") { return "npy" }
        if lowered.hasSuffix(".csv") { return "csv" }
        throw LangError("cannot tell the format of `\(path)`: use a .npy or .csv file name", at: range)
    }
}
