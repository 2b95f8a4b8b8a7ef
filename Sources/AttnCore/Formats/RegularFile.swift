#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open regular file for reading, checked before a byte of it is read.
///
/// A FIFO or a device would make a plain open(2) or read(2) block forever
/// (or, for `/dev/zero`, never end), so the file is opened with O_NONBLOCK,
/// fstat-ed, refused unless it is a regular file, and only then switched
/// back to blocking reads. Errors name the path and the OS reason.
public struct RegularFile: ~Copyable {
    /// The descriptor, open for reading.
    let descriptor: Int32
    /// The path as given, for messages.
    public let path: String
    /// The size fstat reported when the file was opened.
    public let size: Int

    /// Opens `path` for reading; an error when it is missing, unreadable,
    /// a directory, or not a regular file.
    public init(path: String) throws {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw AtomicFile.failure("cannot read \(path)") }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let error = AtomicFile.failure("cannot read \(path)")
            close(descriptor)
            throw error
        }
        let kind = info.st_mode & S_IFMT
        guard kind == S_IFREG else {
            close(descriptor)
            throw TensorError(kind == S_IFDIR
                ? "cannot read \(path): it is a directory"
                : "cannot read \(path): not a regular file (it is \(RegularFile.describe(kind)))")
        }
        // Regular files never block; clear the flag so reads behave as usual.
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        self.descriptor = descriptor
        self.path = path
        self.size = Int(info.st_size)
    }

    deinit { close(descriptor) }

    /// Up to `count` bytes from the current position (fewer at the end of
    /// the file), checking for cancellation between chunks.
    public func read(upTo count: Int) throws -> [UInt8] {
        var bytes = [UInt8]()
        bytes.reserveCapacity(min(count, max(size, 0)))
        try readChunks(limit: count) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// Reads to the end of the file (or `limit` bytes) in chunks of 64 KiB,
    /// handing each to `body`; returns the number of bytes read.
    @discardableResult
    public func readChunks(limit: Int = .max, _ body: (UnsafeRawBufferPointer) throws -> Void) throws -> Int {
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        let cancellation = Cancellation.current
        var total = 0
        while total < limit {
            try cancellation.check()
            let wanted = min(chunk.count, limit - total)
            let got = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, wanted) }
            if got < 0 {
                if errno == EINTR { continue }
                throw AtomicFile.failure("cannot read \(path)")
            }
            if got == 0 { break }
            total += got
            try chunk.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[0..<got])) }
        }
        return total
    }

    /// What a non-regular file is, for the message that refuses it.
    static func describe(_ kind: mode_t) -> String {
        switch kind {
        case S_IFIFO: "a FIFO"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        case S_IFLNK: "a symbolic link"
        default: "not a plain file"
        }
    }
}

/// read(2), named apart so it is not shadowed by `RegularFile.read`.
private func systemRead(_ descriptor: Int32, _ start: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, start, count)
}
