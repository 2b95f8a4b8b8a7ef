import AttnCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file `record PATH` appends statements to, open for the whole recording.
///
/// It is opened with O_APPEND and each statement goes out in one write(2)
/// the moment it has succeeded, with no buffer in this process: once the
/// write returns, the line is the kernel's, so killing the process (even
/// with SIGKILL) loses nothing already recorded. It is not fsync'ed after
/// every line; a power cut may lose the last lines the kernel had not yet
/// written.
final class RecordingFile {
    let path: String
    private var descriptor: Int32
    /// Statements appended so far.
    private(set) var count = 0

    /// Opens (creating if needed) `path` for appending; throws a sentence
    /// naming the path and the system's reason.
    init(path: String) throws {
        self.path = path
        var info = stat()
        if stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
            throw TensorError("cannot record to \(path): it is a directory")
        }
        // O_NONBLOCK: opening a FIFO for writing must not wait for a reader; fstat then refuses
        // anything that is not a regular file (a FIFO, a device), which a recording cannot be.
        descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NONBLOCK, 0o644)
        guard descriptor >= 0 else {
            let reason = errno == ENXIO ? "it is a FIFO with no reader; a recording must be a regular file"
                : String(cString: strerror(errno))
            throw TensorError("cannot record to \(path): \(reason)")
        }
        var opened = stat()
        guard fstat(descriptor, &opened) == 0, (opened.st_mode & S_IFMT) == S_IFREG else {
            _ = systemClose(descriptor)
            descriptor = -1
            throw TensorError("cannot record to \(path): not a regular file (a recording is appended to a file)")
        }
    }

    /// Appends `statement` and a newline; throws when the system refuses.
    func append(_ statement: String) throws {
        let bytes = Array((statement + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw TensorError("cannot record to \(path): \(String(cString: strerror(errno)))")
            }
            offset += written
        }
        count += 1
    }

    /// Closes the file; later appends are refused.
    func close() {
        guard descriptor >= 0 else { return }
        _ = systemClose(descriptor)
        descriptor = -1
    }

    deinit { close() }
}

/// close(2), named apart so it is not shadowed by `RecordingFile.close`.
private func systemClose(_ descriptor: Int32) -> Int32 {
    close(descriptor)
}
