import Foundation
import TestSupport
import Testing

/// Every command that takes `--file-batches` refuses the options that cut batches by samples,
/// with the same sentence, instead of ignoring them.
@Suite struct FileBatchesOptionTests {
    static let folder = FixturePaths.fixture("kaggle_dir")

    @Test(arguments: [
        ["--batch-size", "64"], ["--sampler", "balanced", "--shuffle"], ["--subset", "0:10"],
        ["--repeats", "2"], ["--drop-last"], ["--shard", "0/2"], ["--shuffle", "chunks"],
    ])
    func benchAndDumpRefuseSampleBatchOptions(options: [String]) throws {
        let named = options[0] == "--shuffle" && options.last == "chunks" ? "--shuffle chunks" : options[0]
        let output = try FixturePaths.temporaryDirectory("file-batches-dump").appendingPathComponent("out")
        defer { try? FileManager.default.removeItem(at: output.deletingLastPathComponent()) }
        for command in [
            ["bench", Self.folder, "--file-batches"],
            ["dump", Self.folder, "--file-batches", "--epoch", "0", "--batch", "1", "-o", output.path],
        ] {
            let result = try CommandRunner.run(command + options)
            #expect(result.status != 0, "\(command[0]) \(options)")
            #expect(
                result.standardError.contains("\(named) does not apply with --file-batches"), "\(result.standardError)")
            #expect(result.standardOutput.isEmpty)
        }
        #expect(!FileManager.default.fileExists(atPath: output.path), "dump wrote nothing")
    }

    @Test func theSameOptionsWithoutFileBatchesStillWork() throws {
        let result = try CommandRunner.run(["bench", Self.folder, "--batch-size", "64", "--repeats", "2"])
        #expect(result.status == 0, "\(result.standardError)")
    }
}
