import Foundation

/// The `attnsh` executable that `swift test` built next to this test bundle.
enum BuiltBinary {
    /// The absolute path of `attnsh`: found beside the running test executable, searching a few
    /// folders upward (SwiftPM puts products and test bundles in the same build folder).
    static let path: String = {
        let files = FileManager.default
        let running = (try? files.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        var folder = URL(fileURLWithPath: running).deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = folder.appendingPathComponent("attnsh").path
            var isFolder: ObjCBool = false
            if files.fileExists(atPath: candidate, isDirectory: &isFolder), !isFolder.boolValue,
               files.isExecutableFile(atPath: candidate) {
                return candidate
            }
            folder.deleteLastPathComponent()
        }
        return "attnsh-not-found-near-\(running)"
    }()
}
