import Foundation

/// Runs a short python3 script (with numpy and h5py), as an independent writer and reader of the
/// files batchview reads and writes.
public enum Python {
    /// What a finished script left behind.
    public struct Result: Sendable {
        public var status: Int32
        public var standardOutput: String
        public var standardError: String
        /// Standard output followed by standard error, for messages in a failed expectation.
        public var combinedOutput: String { standardOutput + standardError }
    }

    /// Runs `script` with `arguments` (as `sys.argv[1:]`) and waits for it.
    public static func run(_ script: String, arguments: [String] = []) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // The scripts print little, so reading one pipe after the other cannot fill either.
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self))
    }

    /// Runs `script` and returns its status and its standard output followed by standard error.
    public static func combined(_ script: String, _ arguments: [String] = []) throws -> (Int32, String) {
        let result = try run(script, arguments: arguments)
        return (result.status, result.combinedOutput)
    }
}
