import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The bound on any single allocation a statement can cause (docs/reference.md §10.2,
/// `limit mem=SIZE`). Defaults to a quarter of physical memory.
public enum MemoryLimit {
    private static let limitBytes = Atomic<Int>(defaultBytes)

    /// A quarter of physical memory, or 4 GiB where it cannot be read.
    public static var defaultBytes: Int {
        #if canImport(Glibc)
        let pages = sysconf(Int32(_SC_PHYS_PAGES))
        let pageSize = sysconf(Int32(_SC_PAGESIZE))
        if pages > 0 && pageSize > 0 { return pages * pageSize / 4 }
        #endif
        return 4 << 30
    }

    /// A limit for the current task only; tests use it so that they do not
    /// disturb each other when they run in parallel.
    @TaskLocal public static var scoped: Int?

    /// The limit in bytes now in force: the task's scoped one, else the
    /// process-wide one set by `limit mem=`.
    public static var bytes: Int {
        get { scoped ?? limitBytes.load(ordering: .relaxed) }
        set { limitBytes.store(newValue, ordering: .relaxed) }
    }

    /// Throws when `elements` float32 values would exceed the limit.
    public static func check(elements: Int) throws {
        let (needed, overflow) = elements.multipliedReportingOverflow(by: MemoryLayout<Float>.size)
        if overflow || needed > bytes {
            let (shown, limit) = overflow ? ("more than \(formatBytes(Int.max))", formatBytes(bytes)) : formatBytes(needed, beside: bytes)
            throw TensorError("memory limit exceeded: needs \(shown), limit is \(limit) (see `limit mem=`)")
        }
    }

    /// Checks the limit for a tensor of `shape`: its elements and, for an
    /// empty tensor, the positions along its other axes.
    // An empty tensor stores nothing, but an extent of 10¹² beside a 0 is
    // still walked: broadcast loops run over the outer axes and index lists
    // hold one entry per position. Bounding that walk by the limit keeps a
    // shape such as [1000000000000, 0] from hanging or exhausting memory.
    public static func check(shape: [Int]) throws {
        let count = try Tensor.elementCount(of: shape)
        try check(elements: count)
        guard count == 0 else { return }
        var walked = 1
        for extent in shape where extent > 0 {
            let (product, overflow) = walked.multipliedReportingOverflow(by: extent)
            walked = overflow ? Int.max : product
        }
        if walked > bytes / MemoryLayout<Float>.size {
            throw TensorError("memory limit exceeded: the empty shape \(Tensor.describe(shape)) spans \(walked == Int.max ? "too many" : String(walked)) positions along its other axes, more than the \(bytes / MemoryLayout<Float>.size) values a limit of \(formatBytes(bytes)) allows (see `limit mem=`)")
        }
    }

    /// A byte count as people read it: `512 B`, `3.0 KiB`, `1.5 GiB`.
    public static func formatBytes(_ bytes: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 { value /= 1024; unit += 1 }
        let tenths = Int((value * 10).rounded())
        return unit == 0 ? "\(bytes) B" : "\(tenths / 10).\(tenths % 10) \(units[unit])"
    }

    /// Two byte counts formatted so that they read differently when they
    /// differ: when both round to the same `512.1 MiB`, each gets its exact
    /// count of bytes too (`512.1 MiB (536974336 bytes)`).
    public static func formatBytes(_ first: Int, beside second: Int) -> (String, String) {
        let (a, b) = (formatBytes(first), formatBytes(second))
        guard a == b, first != second, first >= 1024 else { return (a, b) }
        return ("\(a) (\(first) bytes)", "\(b) (\(second) bytes)")
    }

    /// Parses a size such as `512M`, `2G`, `1.5GiB`, `4096` (bytes).
    public static func parseSize(_ text: String) -> Int? {
        let lowered = text.lowercased()
        let digits = lowered.prefix { $0.isNumber || $0 == "." }
        guard let number = Double(digits), number >= 0 else { return nil }
        let suffix = lowered.dropFirst(digits.count)
        let scale: Double
        switch suffix {
        case "", "b": scale = 1
        case "k", "kb", "kib": scale = 1024
        case "m", "mb", "mib": scale = 1024 * 1024
        case "g", "gb", "gib": scale = 1024 * 1024 * 1024
        case "t", "tb", "tib": scale = 1024 * 1024 * 1024 * 1024
        default: return nil
        }
        let result = number * scale
        guard result.isFinite, result < Double(Int.max) else { return nil }
        return Int(result)
    }
}
