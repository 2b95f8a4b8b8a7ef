import Foundation
import AttnTestSupport

/// The built `attnsh` started in the background, streams on files of the caller's choice
/// (`/dev/full` included), so a test can signal it while it runs and then read its status.
///
/// Started with every signal unblocked and at its default action (see `CleanSpawn`): a child
/// of a test worker thread would otherwise inherit a mask that blocks SIGINT.
final class BackgroundRun {
    let pid: pid_t
    /// The working folder, kept as long as the process may use it.
    let folder: ScratchFolder
    /// The folder holding the captured streams (unless the caller named other files).
    let scratch: ScratchFolder
    let stdoutPath: String
    let stderrPath: String
    private var status: Int32?
    /// True when the process was ended by a signal rather than exiting by itself.
    private(set) var endedBySignal = false

    /// Starts `attnsh arguments` in `folder` with HOME `home` (default: `folder`), standard input
    /// from `stdin`, and stdout and stderr into `stdout` and `stderr` (default: files in `scratch`).
    init(_ arguments: [String], folder: ScratchFolder, home: URL? = nil, stdin: String = "/dev/null",
         stdout: String? = nil, stderr: String? = nil, environment extra: [String: String] = [:]) throws {
        self.folder = folder
        scratch = try ScratchFolder()
        stdoutPath = stdout ?? scratch.url.appendingPathComponent("stdout").path
        stderrPath = stderr ?? scratch.url.appendingPathComponent("stderr").path

        let variables = [
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "HOME": (home ?? folder.url).path,
            "LANG": "C.UTF-8",
        ].merging(extra) { _, given in given }
        // `sh` changes the folder and becomes attnsh (exec): the pid is attnsh's.
        let command = ["/bin/sh", "-c", #"cd "$1" && shift && exec "$@""#, "sh", folder.url.path, BuiltBinary.path] + arguments
        let child = try CleanSpawn.spawn("/bin/sh", arguments: command,
                                         environment: variables.map { "\($0.key)=\($0.value)" },
                                         streams: (input: stdin, output: stdoutPath, error: stderrPath))
        pid = child
    }

    /// Sends `signal` to the process.
    func send(_ signal: Int32) {
        kill(pid, signal)
    }

    /// Waits up to `timeout` seconds for the end; the exit status (128 + N for signal N), or nil
    /// when it was still running (it is then killed).
    func wait(timeout: TimeInterval = 60) -> Int32? {
        if let status { return status }
        let deadline = Date().addingTimeInterval(timeout)
        var raw: Int32 = 0
        while Date() < deadline {
            let ended = waitpid(pid, &raw, WNOHANG)
            if ended == pid {
                let signal = raw & 0x7f
                endedBySignal = signal != 0
                status = signal == 0 ? (raw >> 8) & 0xff : 128 + signal
                return status
            }
            usleep(10_000)
        }
        kill(pid, SIGKILL)
        while waitpid(pid, &raw, 0) < 0 && errno == EINTR {}
        status = -1
        return nil
    }

    /// What the process wrote to stdout and stderr (empty for a stream sent elsewhere).
    var stdout: String { Self.text(at: stdoutPath) }
    var stderr: String { Self.text(at: stderrPath) }

    private static func text(at path: String) -> String {
        // Only regular files: reading `/dev/full` or `/dev/zero` would never end.
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return "" }
        return String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data(), as: UTF8.self)
    }

    deinit {
        if status == nil { _ = wait(timeout: 0) }
    }
}
