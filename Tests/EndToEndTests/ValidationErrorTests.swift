import Foundation
import TestSupport
import Testing

/// A wrong value for an option (a `ValidationError` of any command or option group) is one
/// sentence on stderr with a non-zero exit and no usage dump; mistakes of syntax keep theirs.
@Suite struct ValidationErrorTests {
    @Test(arguments: [
        (["bench", "--generate", "60000x0"], "like 60000x28x28"),
        (["bench"], "--generate NxHxW"),
        (["bench", "--generate", "10x4", "--workers=-1"], "--workers"),
        (["order", "--count", "5", "--batch-size", "0"], "batch size"),
        (["order", "--count", "5", "--subset", "3:1"], "--subset 3:1"),
        (["order"], "--count N"),
        (["import", "npy", "x.npy", "-o", "o.h5", "--gzip", "12"], "--gzip"),
        (["dump", "x.h5", "-o", "out"], "--indices"),
    ])
    func aWrongValueIsOneSentence(arguments: [String], words: String) throws {
        let result = try CommandRunner.run(arguments)
        #expect(result.status != 0)
        #expect(result.standardError.split(separator: "\n").count == 1, "\(result.standardError)")
        #expect(result.standardError.contains(words), "\(result.standardError)")
        #expect(!result.standardError.contains("Usage:") && result.standardOutput.isEmpty)
    }

    @Test func anUnknownOptionStillShowsTheUsage() throws {
        let result = try CommandRunner.run(["info", "--no-such-option", "x.h5"])
        #expect(result.status != 0)
        #expect(
            result.standardError.contains("Unknown option '--no-such-option'")
                && result.standardError.contains("Usage:"))
    }
}
