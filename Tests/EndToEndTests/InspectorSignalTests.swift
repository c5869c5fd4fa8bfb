import Foundation
import Glibc
import TestSupport
import Testing

/// The inspector stops when asked by a signal or when its terminal goes away, instead of
/// running on (a release build once ignored SIGTERM and SIGHUP: see `TerminalGuard`).
@Suite struct InspectorSignalTests {
    /// The demo, run through `sh -c 'echo $$ > PIDFILE; exec "$@"'` so that the process id
    /// written is the inspector's own.
    static func session(pidFile: URL) throws -> TmuxSession {
        let command = InspectorBinary.commandLine(InspectorBinary.demoArguments)
        let root = "cd '\(FixturePaths.packageRoot.path)' && "
        let binaryAndArguments = String(command.dropFirst(root.count))
        return try TmuxSession(
            command: root + "sh -c 'echo $$ > \"$0\"; exec \"$@\"' '\(pidFile.path)' " + binaryAndArguments)
    }

    static func processID(in file: URL) throws -> pid_t {
        let text = try String(contentsOf: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        return try #require(pid_t(text))
    }

    /// Whether `pid` has ended within `seconds`.
    static func ends(_ pid: pid_t, within seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if kill(pid, 0) != 0 { return true }
            usleep(50_000)
        }
        return kill(pid, 0) != 0
    }

    @Test func sigtermEndsItWithTheTerminalRestored() throws {
        let folder = try FixturePaths.temporaryDirectory("signal")
        defer { try? FileManager.default.removeItem(at: folder) }
        let pidFile = folder.appendingPathComponent("pid")
        let tmux = try Self.session(pidFile: pidFile)
        try tmux.waitFor(text: "batch 0 of")
        let pid = try Self.processID(in: pidFile)
        kill(pid, SIGTERM)
        let (status, stty) = try tmux.waitForExit()
        #expect(status == 128 + Int(SIGTERM))
        #expect(stty.contains(" icanon") && !stty.contains("-icanon"))
        #expect(stty.contains(" echo ") && !stty.contains("-echo "))
    }

    @Test func aHungUpTerminalEndsIt() throws {
        let folder = try FixturePaths.temporaryDirectory("hangup")
        defer { try? FileManager.default.removeItem(at: folder) }
        let pidFile = folder.appendingPathComponent("pid")
        var tmux: TmuxSession? = try Self.session(pidFile: pidFile)
        try tmux!.waitFor(text: "batch 0 of")
        let pid = try Self.processID(in: pidFile)
        tmux = nil // kills the tmux server: the inspector's terminal hangs up
        let ended = Self.ends(pid, within: 10)
        if !ended { kill(pid, SIGKILL) }
        #expect(ended, "the inspector kept running after its terminal hung up")
    }
}
