#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that readers see either the old contents or the new, never a mix.
///
/// The bytes go to a temporary file in the same folder (rename(2) is only
/// atomic within one file system), are flushed with fsync, and the temporary
/// file is then renamed over the target. An interrupted or failed write leaves
/// the old file intact and removes the temporary one.
public enum AtomicFile {
    /// Replaces (or creates) the file at `path` with `bytes`.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        try write(bytes, to: path, beforeRename: { _ in })
    }

    /// The write, with a hook run once the temporary file is complete and
    /// synced; tests throw from it to stand for an interruption.
    static func write(_ bytes: [UInt8], to path: String, beforeRename: (_ temporaryPath: String) throws -> Void) throws {
        guard !path.isEmpty else { throw TensorError("cannot write a file with an empty path") }
        var existing = stat()
        let targetExists = stat(path, &existing) == 0
        if targetExists && (existing.st_mode & S_IFMT) == S_IFDIR {
            throw TensorError("cannot write \(path): it is a directory")
        }

        let temporaryPath = temporaryPath(besides: path)
        // O_EXCL: never follow or reuse a file someone else put at that name.
        let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw failure("cannot write \(path)") }

        do {
            // Keep the permissions of the file being replaced, as editors do.
            if targetExists && (existing.st_mode & S_IFMT) == S_IFREG {
                _ = fchmod(descriptor, existing.st_mode & 0o7777)
            }
            try writeAll(bytes, to: descriptor, path: path)
            guard fsync(descriptor) == 0 else { throw failure("cannot write \(path)") }
            try beforeRename(temporaryPath)
        } catch {
            close(descriptor)
            unlink(temporaryPath)
            throw error
        }
        guard close(descriptor) == 0 else {
            let error = failure("cannot write \(path)")
            unlink(temporaryPath)
            throw error
        }
        guard rename(temporaryPath, path) == 0 else {
            let error = failure("cannot write \(path)")
            unlink(temporaryPath)
            throw error
        }
        syncFolder(of: path)
    }

    /// Writes every byte, retrying short writes and interrupted calls.
    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws {
        try bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }  // nothing to write
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw failure("cannot write \(path)")
                }
                offset += written
            }
        }
    }

    /// A fresh name in the target's folder, hidden and unlikely to collide:
    /// `dir/.name.tmp-PID-RANDOM`.
    static func temporaryPath(besides path: String) -> String {
        let (folder, name) = split(path)
        let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        return "\(folder)/.\(name).tmp-\(getpid())-\(suffix)"
    }

    /// The folder and the last component of `path` ("." for a bare name).
    static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let folder = String(path[..<slash])
        let name = String(path[path.index(after: slash)...])
        return (folder.isEmpty ? "/" : folder, name)
    }

    /// Flushes the folder entry so the rename itself survives a power cut;
    /// best effort, since some file systems refuse fsync on folders.
    private static func syncFolder(of path: String) {
        let descriptor = open(split(path).folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }

    /// An error naming the action and the OS reason for the current `errno`.
    static func failure(_ action: String) -> TensorError {
        TensorError("\(action): \(String(cString: strerror(errno)))")
    }
}

/// write(2), named apart so it is not shadowed by `AtomicFile.write`.
private func systemWrite(_ descriptor: Int32, _ start: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, start, count)
}
