import AttnTerminal
import Testing

@Suite struct HistoryLocationTests {
    @Test(arguments: [
        (["HOME": "/home/ada"], "/home/ada/.attnsh_history"),
        (["HOME": "/home/ada/"], "/home/ada/.attnsh_history"),
        (["HOME": "/home/ada", "XDG_STATE_HOME": "/state"], "/state/attnsh/history"),
        (["HOME": "/home/ada", "XDG_STATE_HOME": "/state/"], "/state/attnsh/history"),
        // The XDG rules ignore a relative XDG_STATE_HOME.
        (["HOME": "/home/ada", "XDG_STATE_HOME": "state"], "/home/ada/.attnsh_history"),
        (["XDG_STATE_HOME": "/state"], "/state/attnsh/history"),
    ])
    func historyFileFollowsTheEnvironment(environment: [String: String], expected: String) {
        #expect(HistoryLocation.path(environment: environment) == expected)
    }

    @Test func noHomeMeansNoHistoryFile() {
        #expect(HistoryLocation.path(environment: [:]) == nil)
        #expect(HistoryLocation.path(environment: ["HOME": ""]) == nil)
    }

    @Test(arguments: [
        ("/state/attnsh/history", "/state/attnsh"),
        ("/.attnsh_history", "/"),
        ("history", "."),
    ])
    func folderOfAHistoryFile(path: String, folder: String) {
        #expect(HistoryLocation.folder(of: path) == folder)
    }
}
