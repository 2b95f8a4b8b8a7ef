#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that readers see either the old contents or the new, never a mix.
///
/// The bytes go to a temporary file in the target's folder (rename(2) is
/// only atomic within one file system), are flushed with fsync, and the
/// temporary file is then renamed over the target. An interrupted or failed
/// write leaves the old file intact and removes the temporary one.
///
/// A symbolic link is followed: its target is written and the link stays.
/// An existing target that is not a regular file (a directory, device or
/// FIFO) or that is read-only is refused, never replaced; a replaced file
/// keeps its permissions. The temporary name is unpredictable and created
/// with O_EXCL, so nobody can plant a file or link there first.
public enum AtomicFile {
    /// Replaces (or creates) the file at `path` with `bytes`.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        try write(to: path, beforeRename: { _ in }) { output in try output.write(bytes) }
    }

    /// The write, with a hook run once the temporary file is complete and
    /// synced; tests throw from it to stand for an interruption.
    static func write(_ bytes: [UInt8], to path: String, beforeRename: (_ temporaryPath: String) throws -> Void) throws {
        try write(to: path, beforeRename: beforeRename) { output in try output.write(bytes) }
    }

    /// Replaces (or creates) the file at `path` with what `body` writes, in
    /// as many pieces as it likes (so large text need not be built whole).
    public static func write(to path: String, _ body: (Output) throws -> Void) throws {
        try write(to: path, beforeRename: { _ in }, body)
    }

    /// The temporary file being written, handed to a writing body.
    public struct Output {
        let descriptor: Int32
        let path: String

        /// Writes every byte, retrying short writes and interrupted calls.
        public func write(_ bytes: [UInt8]) throws {
            try bytes.withUnsafeBytes { try write($0) }
        }

        /// Writes the UTF-8 bytes of `text`.
        public func write(_ text: String) throws {
            var text = text
            try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
        }

        func write(_ buffer: UnsafeRawBufferPointer) throws {
            guard let base = buffer.baseAddress else { return }  // nothing to write
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw AtomicFile.failure("cannot write \(path)")
                }
                offset += written
            }
        }
    }

    static func write(to path: String, beforeRename: (_ temporaryPath: String) throws -> Void,
                      _ body: (Output) throws -> Void) throws {
        guard !path.isEmpty else { throw TensorError("cannot write a file with an empty path") }
        let target = try resolvedTarget(of: path)
        var existing = stat()
        let targetExists = stat(target, &existing) == 0
        if targetExists {
            let kind = existing.st_mode & S_IFMT
            if kind == S_IFDIR { throw TensorError("cannot write \(path): it is a directory") }
            guard kind == S_IFREG else {
                throw TensorError("cannot write \(path): not a regular file (it is \(RegularFile.describe(kind))); it is left as it is")
            }
            // Root may write anything, so the mode bits are read too: a
            // file nobody may write is refused rather than replaced.
            if access(target, W_OK) != 0 || existing.st_mode & 0o222 == 0 {
                throw TensorError("cannot write \(path): it is read-only (its permissions do not allow writing)")
            }
        }

        let (temporaryPath, descriptor) = try createTemporary(besides: target, reportedAs: path)
        do {
            // Keep the permissions of the file being replaced, as editors do.
            if targetExists { _ = fchmod(descriptor, existing.st_mode & 0o7777) }
            try body(Output(descriptor: descriptor, path: path))
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
        guard rename(temporaryPath, target) == 0 else {
            let error = failure("cannot write \(path)")
            unlink(temporaryPath)
            throw error
        }
        syncFolder(of: target)
    }

    /// A new temporary file beside `target`, created with O_EXCL under a
    /// fresh random name (a few tries, should a name be taken).
    private static func createTemporary(besides target: String, reportedAs path: String) throws -> (String, Int32) {
        for _ in 0..<8 {
            let temporaryPath = temporaryPath(besides: target)
            let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
            if descriptor >= 0 { return (temporaryPath, descriptor) }
            if errno != EEXIST { break }
        }
        throw failure("cannot write \(path)")
    }

    /// The file a write to `path` lands in: `path` itself, or the end of the
    /// chain of symbolic links starting there (relative links resolved
    /// against their own folder); an error for a loop.
    static func resolvedTarget(of path: String) throws -> String {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(current, &buffer, buffer.count - 1)
            guard length >= 0 else { throw failure("cannot write \(path)") }
            let link = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = link.hasPrefix("/") ? link : split(current).folder + "/" + link
        }
        throw TensorError("cannot write \(path): too many levels of symbolic links")
    }

    /// A fresh name in the target's folder, hidden and unpredictable:
    /// `dir/.name.tmp-PID-RANDOM` (the system's random generator).
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
