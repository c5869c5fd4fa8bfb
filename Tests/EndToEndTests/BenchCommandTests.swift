import Batching
import BatchingHDF5
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
        // Each epoch's seconds add up to the run's, but for the workers' shutdown after the last
        // batch (each rounded to 0.1 ms); the rate after the first epoch is the second epoch's
        // samples over its seconds.
        let epochSeconds = try #require(got["seconds_by_epoch"] as? [Double])
        let seconds = try #require(got["seconds"] as? Double)
        #expect(epochSeconds.count == 2 && epochSeconds.reduce(0, +) <= seconds + 2e-4)
        let later = try #require(got["samples_per_s_after_epoch1"] as? Double)
        let halfStep = 5e-5 // seconds_by_epoch is rounded to 0.1 ms
        let slowest = 1000 / (epochSeconds[1] + halfStep) - 0.1
        let fastest = epochSeconds[1] > halfStep ? 1000 / (epochSeconds[1] - halfStep) + 0.1 : .infinity
        #expect(later >= slowest && later <= fastest)
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
        #expect(file["deflate"] as? String == "exact")
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

    /// Whole-file batches: two alive at once and little else — the peak stays under the base, two
    /// batches and 8 MiB (`peak_bound_MB`; a `malloc`'d scratch per part of a file kept about 20
    /// MiB more in glibc's thread arenas), and the checksum is the same for 0, 1 and 2 workers.
    /// Four files of 64 rows of 300×300×3 bytes (17 MB; 69 MB as float32), each row one value.
    @Test func fileBatchesHoldTwoBatchesAndLittleElse() throws {
        let folder = try FixturePaths.temporaryDirectory("big-batches")
        defer { try? FileManager.default.removeItem(at: folder) }
        let rows = 64
        let rowBytes = 300 * 300 * 3
        for k in 0..<4 {
            var scalars = [UInt8]()
            scalars.reserveCapacity(rows * rowBytes)
            for row in 0..<rows {
                scalars.append(contentsOf: repeatElement(UInt8((7 * row + 3 * k) % 256), count: rowBytes))
            }
            let writer = try HDF5Writer(creating: folder.appendingPathComponent("batch_\(k).h5").path)
            try writer.write(Tensor(shape: [rows, 300, 300, 3], scalars: scalars), to: "images")
            try writer.write(Tensor((0..<rows).map { Int64($0 % 10) }), to: "labels")
            try writer.close()
        }
        var checksums = [Double]()
        for workers in ["0", "1", "2"] {
            let got = try record([folder.path, "--file-batches", "--workers", workers, "--epochs", "2"])
            let mebibyte = Double(1 << 20)
            let batch = try #require(got["batch_bytes"] as? Int)
            #expect(batch == rows * rowBytes * 4 + rows * 8) // float32 images and int64 labels
            let base = try #require(got["base_rss_MB"] as? Double)
            let peak = try #require(got["peak_rss_MB"] as? Double)
            let bound = try #require(got["peak_bound_MB"] as? Double)
            #expect(abs(bound - (base + 2 * Double(batch) / mebibyte + 8 + 256)) <= 0.1) // + the chunk cache's budget
            #expect(peak <= base + 2 * Double(batch) / mebibyte + 8, "workers \(workers): \(got)")
            #expect(peak >= base + Double(batch) / mebibyte, "a whole batch was resident")
            #expect((got["pool_fresh"] as? Int ?? 99) <= 2)
            checksums.append(try #require(got["checksum"] as? Double))
        }
        #expect(checksums == [checksums[0], checksums[0], checksums[0]])
        #expect(abs(checksums[0] - 2 * [0, 3, 6, 9].reduce(0.0) { $0 + Double(Float($1) / 255) }) < 1e-12)
    }

    @Test func workersDefaultToAutoWithTheMainThreadPreparingToo() throws {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let unset = try record(["--generate", "300x4x4", "--batch-size", "32"])
        let auto = try record(["--generate", "300x4x4", "--batch-size", "32", "--workers", "auto"])
        let serial = try record(["--generate", "300x4x4", "--batch-size", "32", "--workers", "0"])
        // The main thread prepares batches too, so auto leaves it the last core.
        #expect(unset["workers"] as? Int == cores - 1 && unset["prefetch_workers"] as? Int == cores - 1)
        #expect(auto["workers"] as? Int == cores - 1 && auto["main_thread_prepares"] as? Bool == (cores > 1))
        #expect(serial["workers"] as? Int == 0 && serial["main_thread_prepares"] as? Bool == false)
        #expect(unset["checksum"] as? Double == serial["checksum"] as? Double)
        #expect(auto["checksum"] as? Double == serial["checksum"] as? Double)
        // Whole-file batches: the main thread only waits, and auto is every core sharing each file.
        let files = try record([FixturePaths.fixture("kaggle_dir"), "--file-batches", "--workers", "auto"])
        #expect(files["prefetch_workers"] as? Int == 1 && files["threads_per_batch"] as? Int == cores)
        #expect(files["main_thread_prepares"] as? Bool == false)
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
