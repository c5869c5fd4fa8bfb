import Foundation

/// Runs the built `batchview` binary, for tests of the command line.
public enum CommandRunner {
    /// What a finished command left behind.
    public struct Result: Sendable {
        public var status: Int32
        public var standardOutput: String
        public var standardError: String
    }

    /// The binary under test: `$BATCHVIEW_BINARY`; else the `batchview` built beside the running
    /// test bundle (so a build with `--scratch-path` tests its own binary, not a stale one);
    /// else the debug build in the package's `.build`.
    public static var binaryPath: String {
        if let custom = ProcessInfo.processInfo.environment["BATCHVIEW_BINARY"] { return custom }
        let testBundle = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let beside = testBundle.deletingLastPathComponent().appendingPathComponent("batchview").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        return FixturePaths.packageRoot.appendingPathComponent(".build/debug/batchview").path
    }

    /// Runs `batchview` (or another `executable`) with `arguments` and waits for it, with
    /// standard input closed.
    ///
    /// - Parameter environment: variables added to (or replacing) the test's own environment.
    public static func run(
        _ arguments: [String], environment: [String: String] = [:],
        currentDirectory: URL? = nil, executable: String = binaryPath
    ) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes while the process runs, so a full pipe cannot block it.
        let group = DispatchGroup()
        nonisolated(unsafe) var outputData = Data()
        nonisolated(unsafe) var errorData = Data()
        DispatchQueue.global().async(group: group) { outputData = output.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { errorData = error.fileHandleForReading.readDataToEndOfFile() }
        group.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self))
    }
}
