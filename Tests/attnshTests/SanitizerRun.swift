import Foundation
import Testing

/// What a sanitizer run (README, robustness checks: `ATTNSH_SANITIZER=thread swift test
/// --sanitize=thread ...`) changes for the end-to-end tests.
enum SanitizerRun {
    /// ThreadSanitizer holds asynchronous signals back until the receiving thread reaches one of
    /// its own synchronisation points, so a SIGINT or SIGTERM sent to readline blocked in read(2)
    /// does not arrive while the test watches; those tests are skipped in that run (they run in
    /// the plain and the address-sanitizer runs).
    static let defersSignals = ProcessInfo.processInfo.environment["ATTNSH_SANITIZER"] == "thread"
    static let signalReason: Comment = "ThreadSanitizer defers asynchronous signals to its own synchronisation points (ATTNSH_SANITIZER=thread)"
}
