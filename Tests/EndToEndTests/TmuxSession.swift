import Foundation
import Glibc
import TestSupport

/// A detached tmux session on a private server, for driving the real `batchview` binary the
/// way a person would: keys in, screen text out.
///
/// Every wait polls `capture-pane` until a condition holds or a timeout passes; nothing sleeps
/// for a fixed long time.
final class TmuxSession {
    let socket = "batchview-e2e-\(UUID().uuidString.prefix(8))"
    let name = "inspector"

    /// Starts `command` (run by `sh -c`) in a `width`×`height` window. When the command ends, the
    /// pane prints `EXIT=<status>` and the terminal settings, then waits to be read.
    init(command: String, width: Int = 100, height: Int = 30) throws {
        let wrapped = "\(command); echo EXIT=$?; echo STTY: $(stty -a | tr '\\n' ' '); sleep 120"
        // The server tmux starts keeps its standard output open: give it none to hold.
        try tmux(["new-session", "-d", "-s", name, "-x", String(width), "-y", String(height), wrapped], capture: false)
    }

    deinit {
        _ = try? tmux(["kill-server"], capture: false)
        // tmux leaves its socket file behind.
        let folder = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
        try? FileManager.default.removeItem(atPath: "\(folder)/tmux-\(getuid())/\(socket)")
    }

    /// The pane's text now.
    func capture() throws -> String {
        try tmux(["capture-pane", "-p", "-t", name])
    }

    /// Sends keys as tmux names them (`n`, `Enter`, `C-c`, `Left`).
    func send(_ keys: String...) throws {
        try tmux(["send-keys", "-t", name] + keys)
    }

    /// Resizes the window.
    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", String(width), "-y", String(height)])
    }

    /// Polls the pane until `condition` holds on a settled screen — two captures 50 ms apart that
    /// are the same, so a frame caught half drawn on a busy machine is never returned — and
    /// returns that text; throws with the last text seen after `timeout` seconds.
    @discardableResult
    func waitFor(_ what: String, timeout: Double = 20, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        var previous: String?
        while Date() < deadline {
            last = try capture()
            if condition(last), last == previous { return last }
            previous = last
            usleep(50_000)
        }
        throw TmuxError.timedOut(what, screen: last)
    }

    /// Polls until the pane shows `text`.
    @discardableResult
    func waitFor(text: String, timeout: Double = 20) throws -> String {
        try waitFor("\"\(text)\"", timeout: timeout) { $0.contains(text) }
    }

    /// Waits for the command to end and returns its exit status and `stty -a` afterwards.
    func waitForExit(timeout: Double = 10) throws -> (status: Int, stty: String) {
        let screen = try waitFor("exit", timeout: timeout) { $0.contains("STTY:") }
        let lines = screen.split(separator: "\n").map(String.init)
        let status = lines.first { $0.hasPrefix("EXIT=") }.flatMap { Int($0.dropFirst(5)) } ?? -1
        let stty = lines.drop { !$0.hasPrefix("STTY:") }.joined(separator: " ")
        return (status, stty)
    }

    /// Runs tmux on this session's server and returns what it printed. Spawned and reaped with
    /// posix_spawn and waitpid, with output through a file: the server tmux forks would hold a
    /// pipe open, and Foundation's `Process` does not always notice a short-lived child ending.
    @discardableResult
    private func tmux(_ arguments: [String], capture: Bool = true) throws -> String {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent(
            "\(socket)-\(UUID().uuidString).out"
        ).path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = environment["TERM"].flatMap { $0.isEmpty || $0 == "dumb" ? nil : $0 } ?? "xterm-256color"
        environment.removeValue(forKey: "TMUX")
        let argv = ["tmux", "-L", socket, "-f", "/dev/null"] + arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(
            &actions, 1, capture ? outputPath : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // Children start with no signal blocked, whatever the test runner blocks.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for argument in cArguments { free(argument) }
            for variable in cEnvironment { free(variable) }
        }
        var pid = pid_t()
        let spawned = posix_spawnp(&pid, "tmux", &actions, &attributes, cArguments, cEnvironment)
        guard spawned == 0 else { throw TmuxError.cannotRun(spawned) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        guard capture else { return "" }
        return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }
}

enum TmuxError: Error, CustomStringConvertible {
    case timedOut(String, screen: String)
    case cannotRun(Int32)

    var description: String {
        switch self {
        case .timedOut(let what, let screen): "timed out waiting for \(what); the screen was:\n\(screen)"
        case .cannotRun(let code): "tmux could not be started (posix_spawn error \(code)); install tmux"
        }
    }
}

/// Where the binary under test is: `$BATCHVIEW_BINARY`, else beside the test bundle (the same
/// build folder, whatever scratch path was used), else the package's `.build/debug`.
enum InspectorBinary {
    static var path: String {
        if let custom = ProcessInfo.processInfo.environment["BATCHVIEW_BINARY"] { return custom }
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
            "batchview")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside.path }
        return CommandRunner.binaryPath
    }

    /// The data the end-to-end tests open: the bundled demo when it exists, else the shared
    /// `mnist_small.h5` fixture.
    static var demoArguments: [String] {
        let demo = FixturePaths.packageRoot.appendingPathComponent("Assets/digits.h5").path
        return FileManager.default.fileExists(atPath: demo) ? [] : [FixturePaths.fixture("mnist_small.h5")]
    }

    /// Runs the binary with `arguments`, stdout and stderr piped (so not a terminal).
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = FixturePaths.packageRoot
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        nonisolated(unsafe) var errorData = Data()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { errorData = error.fileHandleForReading.readDataToEndOfFile() }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: outputData, as: UTF8.self),
            String(decoding: errorData, as: UTF8.self)
        )
    }

    /// A shell command line running the binary with `arguments`, from the package root.
    static func commandLine(_ arguments: [String]) -> String {
        let quoted = ([path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        return "cd '\(FixturePaths.packageRoot.path)' && " + quoted.joined(separator: " ")
    }
}
