import AttnCore
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// The interactive shell's history file: one line per entry, shared by every shell of the user.
///
/// Each remembered line is appended with one `write(2)` to a descriptor opened with `O_APPEND`,
/// so two shells running at once interleave their lines instead of the last one to exit
/// overwriting the other's (as bash's `histappend`). When the file has grown to twice
/// `capacity` lines it is rewritten, atomically (`AtomicFile`: an unpredictable temporary name
/// created with `O_EXCL` beside the target, then renamed), with its last `capacity` lines.
///
/// A symlinked history file is written through to its target, never replaced by a regular file.
/// Anything at the path that is not a regular file (a FIFO, a device, a folder) is left alone:
/// the history is then kept in memory only, and `problem` says why. So is a folder that belongs
/// to another user, where a planted link could make the shell write somewhere else.
public struct HistoryFile {
    /// The path given (possibly a symlink).
    public let path: String
    /// The most entries a rewrite keeps.
    public let capacity: Int
    /// Why the file is not being read or written, once something went wrong; nil while it works.
    public private(set) var problem: String?
    /// Lines in the file as far as this shell knows (its own appends counted; others' found at a rewrite).
    private var lineCount = 0

    public init(path: String, capacity: Int = HistoryLocation.capacity) {
        self.path = path
        self.capacity = capacity
    }

    /// The entries in the file, oldest first (CRLF line ends accepted); none when it is missing.
    public mutating func load() -> [String] {
        guard let bytes = readRegularFile() else { return [] }
        let lines = HistoryFile.lines(of: bytes)
        lineCount = lines.count
        return lines
    }

    /// Appends `line` (one entry; a newline inside it is kept as the file's line break) and
    /// trims the file when it has grown to twice `capacity`.
    public mutating func append(_ line: String) {
        guard problem == nil, ensureFolder() else { return }
        // O_NONBLOCK: opening a FIFO for writing must not wait for a reader; fstat then refuses it.
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NONBLOCK, 0o600)
        guard descriptor >= 0 else {
            problem = "cannot write the history file \(path): \(String(cString: strerror(errno)))"
            return
        }
        defer { close(descriptor) }
        guard isRegular(descriptor) else {
            problem = "the history file \(path) is not a regular file; history is kept in memory only"
            return
        }
        let bytes = Array((line + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else {
            problem = "cannot write the history file \(path): \(String(cString: strerror(errno)))"
            return
        }
        lineCount += 1
        if lineCount >= 2 * capacity { trim() }
    }

    /// Rewrites the file (its symlink target) with its last `capacity` lines.
    private mutating func trim() {
        guard let bytes = readRegularFile() else { return }
        let kept = HistoryFile.lines(of: bytes).suffix(capacity)
        let target = realpath(path, nil).map { resolved in
            defer { free(resolved) }
            return String(cString: resolved)
        } ?? path
        do {
            try AtomicFile.write(Array(kept.map { $0 + "\n" }.joined().utf8), to: target)
            lineCount = kept.count
        } catch {
            problem = "cannot trim the history file \(path): \(error)"
        }
    }

    /// The file's bytes, or nil when it is missing or cannot be used (then `problem` says why).
    private mutating func readRegularFile() -> [UInt8]? {
        guard folderIsTrusted() else { return nil }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            if errno != ENOENT {
                problem = "cannot read the history file \(path): \(String(cString: strerror(errno)))"
            }
            return nil
        }
        defer { close(descriptor) }
        guard isRegular(descriptor) else {
            problem = "the history file \(path) is not a regular file; history is kept in memory only"
            return nil
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += chunk[0..<count]
        }
        return bytes
    }

    /// Creates the file's folder and its missing parents (mode 0700), and checks it is trusted.
    private mutating func ensureFolder() -> Bool {
        let folder = HistoryLocation.folder(of: path)
        guard HistoryFile.makeFolders(folder) else {
            problem = "cannot create the folder \(folder) for the history file"
            return false
        }
        return folderIsTrusted()
    }

    /// False (with `problem` set) when the folder holding the file belongs to another user.
    private mutating func folderIsTrusted() -> Bool {
        var info = stat()
        let folder = HistoryLocation.folder(of: path)
        guard stat(folder, &info) == 0 else { return true }  // missing: created as ours when written
        guard info.st_uid == getuid() || info.st_uid == 0 else {
            problem = "the folder \(folder) of the history file belongs to another user; history is kept in memory only"
            return false
        }
        return true
    }

    private func isRegular(_ descriptor: Int32) -> Bool {
        var info = stat()
        return fstat(descriptor, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// The lines of `bytes` (LF or CRLF ends), invalid UTF-8 repaired, blank lines dropped.
    static func lines(of bytes: [UInt8]) -> [String] {
        String(decoding: bytes, as: UTF8.self)
            .split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .map(String.init)
            .filter { $0.contains { !$0.isWhitespace } }
    }

    /// Creates `path` and its missing parents (like `mkdir -p`, mode 0700); false when that fails.
    static func makeFolders(_ path: String) -> Bool {
        var info = stat()
        if stat(path, &info) == 0 { return (info.st_mode & S_IFMT) == S_IFDIR }
        let parent = HistoryLocation.folder(of: path)
        if parent != path, !makeFolders(parent) { return false }
        return mkdir(path, 0o700) == 0 || errno == EEXIST
    }
}
