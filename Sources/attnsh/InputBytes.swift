#if canImport(Glibc)
import Glibc
#endif

/// Reads a script's bytes from a file or from standard input, with the system's reason on failure.
enum InputBytes {
    /// The largest script read; past it the read fails instead of exhausting memory
    /// (`attnsh /dev/zero` must end in an error, not a crash).
    static let limit = 256 << 20

    /// Why a read failed, worded as the end of "cannot read FILE: ...".
    struct Failure: Error {
        let reason: String
    }

    /// All bytes of the file at `path`.
    static func read(path: String) throws(Failure) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        return try readAll(descriptor)
    }

    /// All bytes of the regular file at `path` (for `~/.attnshrc`): a FIFO, a device or a
    /// folder there is refused at once instead of blocking in open(2) or reading forever.
    static func readRegular(path: String) throws(Failure) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw Failure(reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw Failure(reason: String(cString: strerror(errno))) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw Failure(reason: String(cString: strerror(EISDIR)))
        case S_IFIFO: throw Failure(reason: "not a regular file (a FIFO)")
        default: throw Failure(reason: "not a regular file (a device)")
        }
        return try readAll(descriptor)
    }

    /// All bytes of standard input, up to end of input.
    static func readStandardInput() throws(Failure) -> [UInt8] {
        try readAll(STDIN_FILENO)
    }

    /// True when a file (or anything else) exists at `path`.
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    private static func readAll(_ descriptor: Int32) throws(Failure) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return bytes }
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(reason: String(cString: strerror(errno)))
            }
            guard bytes.count + count <= limit else {
                throw Failure(reason: "larger than \(limit >> 20) MiB")
            }
            bytes.append(contentsOf: chunk[..<count])
        }
    }
}
