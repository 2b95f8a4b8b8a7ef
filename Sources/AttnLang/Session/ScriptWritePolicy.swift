import Foundation

/// Where a script may make attnsh write a script of its own: `record PATH` and `history save PATH`.
///
/// Those two commands write statements that a later session runs, so a shared lesson could
/// otherwise plant commands in `~/.bashrc` (`record ~/.bashrc`, an `echo` of shell code,
/// `record off`). Statements that come from a script — `attnsh FILE`, piped input, `source`,
/// a replay, `-i FILE` — may write those files only inside the current folder's tree and never
/// to a dotfile (or into a dot-folder) of the home directory, unless attnsh was started with
/// `--allow-writes`. A statement typed at the prompt is the person's own wish and is not held.
/// The check resolves `..` and symbolic links of the existing part of the path first, so a link
/// inside the folder that points outside it does not get around it.
public struct ScriptWritePolicy: Sendable, Equatable {
    /// `--allow-writes`: scripts may write anywhere the user may.
    public var allowsAnyPath: Bool

    public init(allowsAnyPath: Bool = false) {
        self.allowsAnyPath = allowsAnyPath
    }

    /// Why `path` may not be written by a script's `command`, or nil when it may.
    public func refusal(of path: String, command: String,
                        workingDirectory: String = FileManager.default.currentDirectoryPath,
                        home: String? = ProcessInfo.processInfo.environment["HOME"]) -> String? {
        guard !allowsAnyPath else { return nil }
        let folder = Self.resolved(workingDirectory)
        var expanded = path
        if let home, !home.isEmpty, path == "~" || path.hasPrefix("~/") { expanded = home + path.dropFirst() }
        let target = Self.resolved(Self.absolute(expanded, in: workingDirectory))
        let advice = "a script may write with `\(command)` only inside the current folder, and not to dotfiles of the home folder; start attnsh with --allow-writes to let it"
        if let home, !home.isEmpty {
            let homeFolder = Self.resolved(home)
            if let inside = Self.relative(target, to: homeFolder),
               inside.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                return "`\(command) \(path)` would write \(target), a dotfile of the home folder: \(advice)"
            }
        }
        guard Self.relative(target, to: folder) != nil else {
            return "`\(command) \(path)` would write \(target), outside the current folder \(folder): \(advice)"
        }
        return nil
    }

    /// `path` made absolute against `folder`.
    static func absolute(_ path: String, in folder: String) -> String {
        path.hasPrefix("/") ? path : (folder.hasSuffix("/") ? folder : folder + "/") + path
    }

    /// `path` with `.`, `..` and repeated slashes removed, and the symbolic links of its longest
    /// existing prefix resolved (the rest, not yet created, appended as written).
    static func resolved(_ path: String) -> String {
        var components: [Substring] = []
        for component in path.split(separator: "/") {
            if component == "." { continue }
            if component == ".." { _ = components.popLast(); continue }
            components.append(component)
        }
        var existing = components.count
        while existing > 0 {
            let prefix = "/" + components[..<existing].joined(separator: "/")
            if let real = realpath(prefix, nil) {
                defer { free(real) }
                let rest = components[existing...].joined(separator: "/")
                let base = String(cString: real)
                return rest.isEmpty ? base : (base == "/" ? "/" : base + "/") + rest
            }
            existing -= 1
        }
        return "/" + components.joined(separator: "/")
    }

    /// The part of `path` below `folder` (empty for the folder itself), or nil when outside it.
    static func relative(_ path: String, to folder: String) -> String? {
        if path == folder { return "" }
        let base = folder == "/" ? "/" : folder + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : nil
    }
}
