#if canImport(Glibc)
import Glibc
#endif

/// The process's CPU time and page faults so far (getrusage), or the
/// difference between two such readings.
///
/// System time and minor faults are what a fresh large buffer costs: the
/// kernel maps and zeroes each 4 KiB page on its first write. `attnsh bench`
/// prints them per run beside the medians.
public struct ProcessUsage: Sendable, Equatable {
    public var userSeconds: Double = 0
    public var systemSeconds: Double = 0
    /// Faults served without reading the disk (first touch of a page).
    public var minorFaults = 0
    /// Faults that had to read a page from disk.
    public var majorFaults = 0
    /// Peak resident memory in bytes (for a difference, the later peak).
    public var peakBytes = 0

    public init() {}

    /// The process's figures now.
    public static func now() -> ProcessUsage {
        var result = ProcessUsage()
        #if canImport(Glibc)
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return result }
        result.userSeconds = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) * 1e-6
        result.systemSeconds = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) * 1e-6
        result.minorFaults = usage.ru_minflt
        result.majorFaults = usage.ru_majflt
        result.peakBytes = usage.ru_maxrss * 1024  // KiB on Linux
        #endif
        return result
    }

    /// What happened between `earlier` and this reading.
    public func since(_ earlier: ProcessUsage) -> ProcessUsage {
        var result = ProcessUsage()
        result.userSeconds = userSeconds - earlier.userSeconds
        result.systemSeconds = systemSeconds - earlier.systemSeconds
        result.minorFaults = minorFaults - earlier.minorFaults
        result.majorFaults = majorFaults - earlier.majorFaults
        result.peakBytes = peakBytes
        return result
    }
}
