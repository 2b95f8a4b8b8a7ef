import Foundation

/// Runs a program the way a terminal user would: every signal unblocked and at its default action.
///
/// Foundation's `Process` passes on the calling thread's signal mask, and test code runs on
/// worker threads that block nearly every signal; a tmux server started that way (and every
/// program in its panes) would ignore Ctrl-C, SIGTERM and `kill-server`'s SIGHUP.
enum CleanSpawn {
    /// Runs `arguments` (looked up in PATH) with stdin from /dev/null, stdout into `outputPath`
    /// and stderr discarded; waits for it and returns its exit status (128 + N for signal N).
    static func run(_ arguments: [String], outputPath: String) throws -> Int32 {
        let child = try spawn(arguments[0], arguments: arguments, searchingPath: true,
                              streams: (input: "/dev/null", output: outputPath, error: "/dev/null"))
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0 && errno == EINTR {}
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }
}

extension CleanSpawn {
    /// Starts `program` with `arguments` (argv, the program's name first) and its three standard
    /// streams opened on the given paths (output and error created or truncated, mode 0600),
    /// every signal unblocked and at its default action; `environment` as `NAME=VALUE` strings
    /// (nil: this process's). Looks `program` up in PATH when `searchingPath`.
    static func spawn(_ program: String, arguments: [String], environment: [String]? = nil, searchingPath: Bool = false,
                      streams: (input: String, output: String, error: String)) throws -> pid_t {
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
        posix_spawn_file_actions_addopen(&actions, 0, streams.input, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, streams.output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, streams.error, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { $0.map { strdup($0) } + [nil] }
        defer { (argv + (envp ?? [])).forEach { free($0) } }
        var child = pid_t()
        let failure: Int32
        if let envp {
            failure = searchingPath ? posix_spawnp(&child, program, &actions, &attributes, argv, envp)
                : posix_spawn(&child, program, &actions, &attributes, argv, envp)
        } else {
            failure = searchingPath ? posix_spawnp(&child, program, &actions, &attributes, argv, environ)
                : posix_spawn(&child, program, &actions, &attributes, argv, environ)
        }
        guard failure == 0 else {
            throw SpawnFailure(program: program, reason: String(cString: strerror(failure)))
        }
        return child
    }
}

/// A program that could not be started.
struct SpawnFailure: Error, CustomStringConvertible {
    let program: String
    let reason: String
    var description: String { "cannot start \(program): \(reason)" }
}
