import Foundation
import TestSupport
import Testing

/// `batchview diff FILE … --vs "…"`: where two configurations' batches first differ.
@Suite struct DiffCommandTests {
    let fixture = FixturePaths.fixture("mnist_small.h5")

    func diff(_ arguments: [String]) throws -> [String: Any] {
        let result = try CommandRunner.run(["diff", fixture] + arguments)
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.count == 1, "one JSON line")
        return try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
    }

    func divergence(_ record: [String: Any]) -> [Int]? {
        (record["first_divergent"] as? [String: Int]).map { [$0["epoch"] ?? -1, $0["batch"] ?? -1] }
    }

    @Test func theWorkerCountChangesNothing() throws {
        let record = try diff(
            ["--shuffle", "--epochs", "2", "--preprocess", "crop:24,flip:h", "--workers", "0", "--vs", "--workers 2"])
        #expect(record["first_divergent"] is NSNull)
        #expect(record["reason"] is NSNull)
        #expect(record["batches_compared"] as? Int == 16, "⌈500 / 64⌉ = 8 batches an epoch, 2 epochs")
    }

    @Test func anotherSeedPartsAtTheFirstBatchsIndices() throws {
        let record = try diff(["--shuffle", "--seed", "1", "--vs", "--seed 2"])
        #expect(divergence(record) == [0, 0])
        #expect(record["reason"] as? String == "indices")
        let order = try CommandRunner.run(["order", fixture, "--shuffle", "--seed", "1"]).standardOutput
        let firstLine = try #require(order.split(separator: "\n").first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(firstLine.utf8)) as? [String: Any])
        #expect(record["first_indices"] as? [Int] == Array((object["indices"] as? [Int] ?? []).prefix(16)))
    }

    @Test func aSeedWithoutShuffleOrAugmentationChangesNothing() throws {
        let record = try diff(["--seed", "1", "--vs", "--seed 2 --read-path library"])
        #expect(record["first_divergent"] is NSNull)
        #expect(record["batches_compared"] as? Int == 8)
    }

    @Test func anotherCropPartsInThePreprocessedBytes() throws {
        let record = try diff(
            ["--shuffle", "--epochs", "2", "--preprocess", "crop:24", "--vs", "--preprocess 'crop:20'"])
        #expect(divergence(record) == [0, 0])
        #expect(record["reason"] as? String == "bytes")
        #expect(record["stage"] as? String == "preprocessed")
    }

    @Test func anotherBatchSizePartsAtItsFirstBatch() throws {
        let record = try diff(["--batch-size", "100", "--vs", "--batch-size 50"])
        #expect(divergence(record) == [0, 0])
        #expect(record["reason"] as? String == "indices")
        #expect((record["second_indices"] as? [Int])?.count == 16)
    }

    @Test func aResumeTokenIsRefused() throws {
        let result = try CommandRunner.run(["diff", fixture, "--resume", "bv1:0:1:-:abc", "--vs", "--seed 2"])
        #expect(result.status != 0)
        #expect(
            result.standardError.contains("diff compares two whole runs from their first batch; leave out --resume"))
    }

    @Test func anUnclosedQuoteIsOneSentence() throws {
        let result = try CommandRunner.run(["diff", fixture, "--vs", "--preprocess 'crop:20"])
        #expect(result.status != 0)
        #expect(result.standardError.contains("--vs has an unclosed ' quote"))
    }

    /// A mistake inside --vs is named as one, never with the usage of the parser behind it.
    @Test func anUnknownOptionInsideVsIsNamedAsSuch() throws {
        let result = try CommandRunner.run(["diff", fixture, "--vs", "--bogus"])
        #expect(result.status != 0)
        #expect(
            result.standardError.contains("in --vs \"--bogus\": Unknown option '--bogus'"), "\(result.standardError)")
        #expect(
            !result.standardError.contains("diff_configuration") && !result.standardError.contains("diff-configuration")
        )
    }
}
