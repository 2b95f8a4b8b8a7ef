import Foundation

/// One run of the built `attnsh` with its peak memory measured: spawned
/// with every signal at its default, reaped with wait4(2), whose rusage
/// gives the child's peak resident set (ru_maxrss).
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

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigfillset(&defaults)
        sigdelset(&defaults, SIGKILL)
        sigdelset(&defaults, SIGSTOP)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inputPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        // env -C changes folder and then execs attnsh in the same process,
        // so the rusage reaped is attnsh's own.
        let words: [String] = ["/usr/bin/env", "-C", folder, BuiltBinary.path] + arguments
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        let settings: [String] = ["PATH=/usr/local/bin:/usr/bin:/bin", "HOME=\(folder)", "LANG=C.UTF-8"]
        let environment: [UnsafeMutablePointer<CChar>?] = settings.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            environment.forEach { free($0) }
        }
        let start = Date()
        var child = pid_t()
        let failure = posix_spawn(&child, "/usr/bin/env", &actions, &attributes, argv, environment)
        guard failure == 0 else {
            throw SpawnFailure(program: BuiltBinary.path, reason: String(cString: strerror(failure)))
        }
        var status: Int32 = 0
        var usage = rusage()
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
        let signal = status & 0x7f
        func text(_ path: String) -> String {
            String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data(), as: UTF8.self)
        }
        return MeasuredRun(status: signal == 0 ? (status >> 8) & 0xff : 128 + signal,
                           signal: signal == 0 ? nil : signal, timedOut: timedOut,
                           stdout: text(outputPath), stderr: text(errorPath),
                           peakBytes: Int(usage.ru_maxrss) * 1024, seconds: Date().timeIntervalSince(start))
    }
}
