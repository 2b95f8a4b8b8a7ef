#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole file into memory, refusing one larger than a given bound.
///
/// Only regular files are read (see `RegularFile`: a FIFO or device is an
/// error, never a hang). The bound is checked against the size fstat
/// reports before anything is read, and again while reading (a file can
/// grow), so a huge file fails with a message instead of exhausting memory.
public enum FileContents {
    /// The bytes of the file at `path`, or an error naming the path when it is
    /// missing, unreadable, a directory, or larger than `maxBytes`.
    public static func read(path: String, maxBytes: Int) throws -> [UInt8] {
        let file = try RegularFile(path: path)
        if file.size > maxBytes { throw tooLarge(path, size: file.size, maxBytes: maxBytes) }
        var bytes = [UInt8]()
        bytes.reserveCapacity(file.size)
        try file.readChunks { chunk in
            if bytes.count + chunk.count > maxBytes {
                throw tooLarge(path, size: bytes.count + chunk.count, maxBytes: maxBytes)
            }
            bytes.append(contentsOf: chunk)
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

    static func tooLarge(_ path: String, size: Int, maxBytes: Int) -> TensorError {
        let (shown, bound) = MemoryLimit.formatBytes(size, beside: maxBytes)
        return TensorError("cannot read \(path): the file is \(shown), more than the \(bound) the memory limit allows (see `limit mem=`)")
    }
}
