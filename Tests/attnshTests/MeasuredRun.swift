import Foundation

/// One run of the built `attnsh` with its peak memory measured: spawned
/// with every signal at its default under GNU time, which reaps it with
/// wait4(2) and reports that rusage's peak resident set (ru_maxrss).
// Linux carries the spawning process's own peak into a child across exec
// (vfork and fork alike), so a child of the large test process would report
// at least the test's RSS. A small intermediate (time) forks attnsh itself.
struct MeasuredRun {
    var status: Int32
    /// The signal that ended the process, if one did (a crash).
    var signal: Int32?
    var timedOut: Bool
    var stdout: String
    var stderr: String
    /// The peak resident set size, in bytes.
    var peakBytes: Int
    var seconds: Double

    /// True for a run that ended by itself with status 0 or 1.
    var endedCleanly: Bool { signal == nil && !timedOut && (status == 0 || status == 1) }

    /// Runs `attnsh arguments` in `folder` (also its HOME), `input` on
    /// stdin; killed (and reported as timed out) after `timeout` seconds.
    static func attnsh(_ arguments: [String], input: String = "", folder: String,
                       timeout: Double = 60) throws -> MeasuredRun {
        let (inputPath, outputPath, errorPath) = (folder + "/.run-stdin", folder + "/.run-stdout", folder + "/.run-stderr")
        try Data(input.utf8).write(to: URL(fileURLWithPath: inputPath))

        // env -C changes folder and then execs attnsh in the same process,
        // so the rusage reaped is attnsh's own.
        let timePath = folder + "/.run-time"
        let words: [String] = ["/usr/bin/time", "-f", "%M", "-o", timePath, "/usr/bin/env", "-C", folder, BuiltBinary.path] + arguments
        let start = Date()
        let child = try CleanSpawn.spawn("/usr/bin/time", arguments: words,
                                         environment: ["PATH=/usr/local/bin:/usr/bin:/bin", "HOME=\(folder)", "LANG=C.UTF-8"],
                                         streams: (input: inputPath, output: outputPath, error: errorPath))
        var status: Int32 = 0
        var usage = rusage()  // time's own; the figure for attnsh comes from its report
        var timedOut = false
        while true {
            let reaped = wait4(child, &status, WNOHANG, &usage)
            if reaped == child { break }
            if reaped < 0 && errno != EINTR { break }
            if !timedOut && Date().timeIntervalSince(start) > timeout {
                timedOut = true
                kill(child, SIGKILL)
            }
            usleep(5_000)
        }
        func text(_ path: String) -> String {
            String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data(), as: UTF8.self)
        }
        // time exits with attnsh's status, or 128 + N after signal N, and
        // notes the signal ("Command terminated by signal N") before the peak.
        let report = text(timePath).split(separator: "\n")
        let peakKiB = report.last.flatMap { Int($0) } ?? 0
        let code = (status >> 8) & 0xff
        let killed = status & 0x7f != 0 || report.contains { $0.hasPrefix("Command terminated by signal") }
        return MeasuredRun(status: killed && code < 128 ? 128 + (status & 0x7f) : code,
                           signal: killed ? (code >= 128 ? code - 128 : status & 0x7f) : nil, timedOut: timedOut,
                           stdout: text(outputPath), stderr: text(errorPath),
                           peakBytes: peakKiB * 1024, seconds: Date().timeIntervalSince(start))
    }
}
