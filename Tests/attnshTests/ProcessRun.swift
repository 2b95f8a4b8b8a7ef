import AttnTestSupport
import Foundation

/// The outcome of running the built `attnsh` once through pipes.
struct ProcessRun {
    var status: Int32
    /// True when the process ended by a signal (a crash), `status` then being the signal number.
    var signaled: Bool
    var timedOut: Bool
    var stdout: String
    var stderr: String

    /// True for a run that ended by itself with status 0 or 1: success or a reported error.
    var endedCleanly: Bool { !signaled && !timedOut && (status == 0 || status == 1) }

    /// `stdout` split into lines, without the empty string after a final newline.
    var outputLines: [String] { ProcessRun.lines(of: stdout) }
    var errorLines: [String] { ProcessRun.lines(of: stderr) }

    static func lines(of text: String) -> [String] {
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Runs `attnsh arguments` with `input` as standard input, in a clean environment whose HOME
    /// is a fresh empty folder, in the working directory `folder` (default: this process's); stopped (and reported as timed out) after `timeout` seconds.
    static func attnsh(_ arguments: [String] = [], input: [UInt8] = [], timeout: TimeInterval = 20,
                       home: URL? = nil, folder: URL? = nil,
                       environment extra: [String: String] = [:]) throws -> ProcessRun {
        let files = FileManager.default
        let scratch = try ScratchFolder()
        let inputFile = scratch.url.appendingPathComponent("stdin")
        let outputFile = scratch.url.appendingPathComponent("stdout")
        let errorFile = scratch.url.appendingPathComponent("stderr")
        try Data(input).write(to: inputFile)
        _ = files.createFile(atPath: outputFile.path, contents: nil)
        _ = files.createFile(atPath: errorFile.path, contents: nil)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: BuiltBinary.path)
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        process.environment = [
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "HOME": (home ?? scratch.url).path,
            "LANG": "C.UTF-8",
        ].merging(extra) { _, given in given }
        // Files rather than pipes: nothing can fill up and block while we wait.
        let stdin = try FileHandle(forReadingFrom: inputFile)
        let stdout = try FileHandle(forWritingTo: outputFile)
        let stderr = try FileHandle(forWritingTo: errorFile)
        defer { try? stdin.close(); try? stdout.close(); try? stderr.close() }
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()

        let deadline = Date().addingTimeInterval(timeout)
        var timedOut = false
        while process.isRunning {
            if Date() > deadline {
                timedOut = true
                // SIGKILL, not terminate(): the child inherits this thread's blocked SIGTERM.
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                break
            }
            usleep(5_000)
        }
        process.waitUntilExit()
        return ProcessRun(
            status: process.terminationStatus,
            signaled: process.terminationReason == .uncaughtSignal,
            timedOut: timedOut,
            stdout: String(decoding: (try? Data(contentsOf: outputFile)) ?? Data(), as: UTF8.self),
            stderr: String(decoding: (try? Data(contentsOf: errorFile)) ?? Data(), as: UTF8.self))
    }

    /// Same, with `input` given as text.
    static func attnsh(_ arguments: [String] = [], input: String, timeout: TimeInterval = 20,
                       home: URL? = nil) throws -> ProcessRun {
        try attnsh(arguments, input: Array(input.utf8), timeout: timeout, home: home)
    }
}
