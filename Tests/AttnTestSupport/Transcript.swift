import AttnLang

/// What sessions print: their output lines and their rendered diagnostics,
/// collected by a test.
///
/// `session()` makes a session printing here; `runScript(bytes:fileName:)`
/// runs a script file's bytes the way `attnsh FILE` does, through
/// `Session.runScript(bytes:)` with its UTF-8 and NUL checks.
public final class Transcript: @unchecked Sendable {
    /// Every printed line, in order (a value of several lines gives several entries).
    public var output: [String] = []
    /// Every rendered diagnostic, in order (each may hold several lines: header, source line, caret).
    public var errors: [String] = []

    public init() {}

    /// A new session printing into this transcript that leaves the process-wide memory limit alone.
    public func session() -> Session {
        let session = Session(output: { self.output.append(contentsOf: $0.components(separatedBy: "\n")) },
                              errors: { self.errors.append($0) })
        session.appliesLimitProcessWide = false
        return session
    }

    /// The `FILE:LINE:COL: error: ...` header lines.
    public var errorHeaders: [String] { errors.map { $0.components(separatedBy: "\n")[0] } }

    /// Runs `bytes` in a new session as `attnsh FILE` runs a file named
    /// `fileName`; returns true when every statement succeeded.
    @discardableResult
    public func runScript(bytes: [UInt8], fileName: String, keepGoing: Bool = true) -> Bool {
        session().runScript(bytes: bytes, fileName: fileName, keepGoing: keepGoing)
    }
}
