#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole file into memory, refusing one larger than a given bound.
///
/// The bound is checked against the size fstat reports before anything is
/// read, and again while reading (a file can grow, and pipes report no size),
/// so a huge file fails with a message instead of exhausting memory.
public enum FileContents {
    /// The bytes of the file at `path`, or an error naming the path when it is
    /// missing, unreadable, a directory, or larger than `maxBytes`.
    public static func read(path: String, maxBytes: Int) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw AtomicFile.failure("cannot read \(path)") }
        defer { close(descriptor) }

        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw AtomicFile.failure("cannot read \(path)") }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw TensorError("cannot read \(path): it is a directory")
        }
        let reportedSize = Int(info.st_size)
        if reportedSize > maxBytes { throw tooLarge(path, size: reportedSize, maxBytes: maxBytes) }

        var bytes = [UInt8]()
        bytes.reserveCapacity(reportedSize)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        let cancellation = Cancellation.current
        while true {
            try cancellation.check()
            let got = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw AtomicFile.failure("cannot read \(path)")
            }
            if got == 0 { break }
            if bytes.count + got > maxBytes {
                throw tooLarge(path, size: bytes.count + got, maxBytes: maxBytes)
            }
            bytes.append(contentsOf: chunk[0..<got])
        }
        return bytes
    }

    /// The largest file a reader should accept when every `bytesPerValue`
    /// bytes become one float32, plus `slack` bytes of headers, under the
    /// memory limit now in force; saturates instead of overflowing.
    public static func maxBytes(bytesPerValue: Int, slack: Int) -> Int {
        let values = MemoryLimit.bytes / MemoryLayout<Float>.size
        let (data, overflow) = values.multipliedReportingOverflow(by: bytesPerValue)
        let (total, overflowAgain) = data.addingReportingOverflow(slack)
        return overflow || overflowAgain ? Int.max : total
    }

    private static func tooLarge(_ path: String, size: Int, maxBytes: Int) -> TensorError {
        TensorError("cannot read \(path): the file is \(MemoryLimit.formatBytes(size)), more than the \(MemoryLimit.formatBytes(maxBytes)) the memory limit allows (see `limit mem=`)")
    }
}

/// read(2), named apart so it is not shadowed by `FileContents.read`.
private func systemRead(_ descriptor: Int32, _ start: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, start, count)
}
