/// Where the interactive shell keeps its line history.
///
/// `$XDG_STATE_HOME/attnsh/history` when `XDG_STATE_HOME` is set (and absolute, as the XDG
/// base-directory rules ask), else `~/.attnsh_history`; no file at all when neither is known.
public enum HistoryLocation {
    /// The most entries the history file keeps; older ones are dropped when it is written.
    public static let capacity = 1000

    /// The history file for `environment`, or nil when there is no home to put it in.
    public static func path(environment: [String: String]) -> String? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return joined(state, "attnsh/history")
        }
        if let home = environment["HOME"], !home.isEmpty {
            return joined(home, ".attnsh_history")
        }
        return nil
    }

    /// The folder that must exist before the history file at `path` can be written.
    public static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }

    private static func joined(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }
}
