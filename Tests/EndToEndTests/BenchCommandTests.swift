import Foundation
import TestSupport
import Testing

/// `batchview bench` run as a user runs it: one JSON line on stdout, nothing on a stderr that is
/// not a terminal, clear errors.
@Suite struct BenchCommandTests {
    func record(_ arguments: [String]) throws -> [String: Any] {
        let result = try CommandRunner.run(["bench"] + arguments)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.isEmpty, "no progress bar when stderr is a pipe")
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.count == 1)
        return try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as! [String: Any]
    }

    @Test func generatedDataGivesOneJSONLineWithTheConfiguration() throws {
        let got = try record(["--generate", "1000x8x8", "--epochs", "2", "--workers", "2", "--buffer", "3"])
        #expect(got["samples"] as? Int == 2000)
        #expect(got["batches"] as? Int == 16) // 8 batches of 128 (the last short) per epoch
        #expect(got["batch_size"] as? Int == 128 && got["shuffle"] as? Bool == true)
        #expect(got["workers"] as? Int == 2 && got["buffer"] as? Int == 3 && got["epochs"] as? Int == 2)
        #expect(got["bytes_per_sample"] as? Int == 64 && got["read_path"] as? String == "memory")
        let rate = try #require(got["samples_per_s"] as? Double)
        let megabytes = try #require(got["MB_per_s"] as? Double)
        #expect(rate > 0 && abs(megabytes - rate * 64 / 1e6) <= 0.01 + megabytes * 1e-3)
        #expect((got["peak_rss_MB"] as? Double ?? 0) > 0)
        #expect((got["rss_by_epoch_MB"] as? [Double])?.count == 2)
        // Where the pipeline's threads spent the run: one entry per worker, and 5 slots ahead.
        let waits = try #require(got["waits"] as? [String: Any])
        let workers = try #require(waits["workers"] as? [[String: Double]])
        #expect(workers.count == 2 && workers.allSatisfy { $0["busy_s"] != nil && $0["blocked_output_s"] != nil })
        #expect(waits["queue_capacity"] as? Int == 5 && waits["consumer_wait_s"] is Double)
        let depth = try #require(waits["mean_queue_depth"] as? Double)
        #expect(depth >= 0 && depth <= 5)
    }

    @Test func theChecksumDoesNotDependOnTheWorkers() throws {
        let serial = try record(["--generate", "500x6x6", "--batch-size", "32", "--epochs", "2", "--workers", "0"])
        let parallel = try record(["--generate", "500x6x6", "--batch-size", "32", "--epochs", "2", "--workers", "3"])
        #expect(serial["checksum"] as? Double == parallel["checksum"] as? Double)
    }

    @Test func preprocessingRunsAndABadSpecIsExplained() throws {
        let got = try record(["--generate", "300x10x10", "--preprocess", "crop:8,flip:h", "--workers", "1"])
        #expect(got["preprocess"] as? String == "crop:8,flip:h" && got["samples"] as? Int == 300)
        let bad = try CommandRunner.run(["bench", "--generate", "300x10x10", "--preprocess", "crop:8,blur"])
        #expect(bad.status != 0)
        #expect(bad.standardError.contains("'blur' is not a stage"))
        #expect(bad.standardError.contains("timeseries:window=N"))
        let tooLarge = try CommandRunner.run(["bench", "--generate", "300x10x10", "--preprocess", "crop:11"])
        #expect(tooLarge.status != 0)
        #expect(tooLarge.standardError.contains("does not fit in 10×10 images"))
    }

    @Test func filesAndFoldersOfBatchFiles() throws {
        let file = try record([FixturePaths.fixture("mnist_small.h5"), "--shuffle", "--workers", "2"])
        #expect(file["samples"] as? Int == 500 && file["bytes_per_sample"] as? Int == 784)
        #expect(file["mode"] as? String == "file" && file["read_path"] as? String == "automatic")
        #expect(file["deflate"] as? String == "zlib")
        let folder = try record([FixturePaths.fixture("kaggle_dir"), "--file-batches", "--workers", "2"])
        #expect(folder["samples"] as? Int == 190 && folder["batches"] as? Int == 4)
        #expect(folder["bytes_per_sample"] as? Int == 1200 && folder["buffer"] as? Int == 1)
        // Whole-file batches: the two workers share each file, one file ahead of the consumer.
        #expect(
            folder["workers"] as? Int == 2 && folder["prefetch_workers"] as? Int == 1
                && folder["threads_per_batch"] as? Int == 2)
        #expect(file["prefetch_workers"] as? Int == 2 && file["threads_per_batch"] as? Int == 1)
        let serial = try record([FixturePaths.fixture("kaggle_dir"), "--file-batches", "--workers", "0"])
        #expect(serial["prefetch_workers"] as? Int == 0 && serial["threads_per_batch"] as? Int == 1)
        #expect(serial["checksum"] as? Double == folder["checksum"] as? Double)
    }

    @Test func workersDefaultToNoneAndAutoIsOnePerCore() throws {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let unset = try record(["--generate", "300x4x4", "--batch-size", "32"])
        let auto = try record(["--generate", "300x4x4", "--batch-size", "32", "--workers", "auto"])
        #expect(unset["workers"] as? Int == 0 && unset["prefetch_workers"] as? Int == 0)
        #expect(auto["workers"] as? Int == cores && auto["prefetch_workers"] as? Int == cores)
        #expect(unset["checksum"] as? Double == auto["checksum"] as? Double)
        let files = try record([FixturePaths.fixture("kaggle_dir"), "--file-batches", "--workers", "auto"])
        #expect(files["prefetch_workers"] as? Int == 1 && files["threads_per_batch"] as? Int == cores)
        let bad = try CommandRunner.run(["bench", "--generate", "300x4x4", "--workers", "many"])
        #expect(bad.status != 0 && bad.standardError.contains("many"))
    }

    @Test func badArgumentsGetASentence() throws {
        let none = try CommandRunner.run(["bench"])
        #expect(none.status != 0 && none.standardError.contains("--generate NxHxW"))
        let shape = try CommandRunner.run(["bench", "--generate", "60000x0"])
        #expect(shape.status != 0 && shape.standardError.contains("like 60000x28x28"))
    }
}
