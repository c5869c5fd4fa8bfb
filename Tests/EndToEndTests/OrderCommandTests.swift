import Batching
import BatchingHDF5
import Foundation
import TestSupport
import Testing

/// `batchview order` run as a user runs it.
@Suite struct OrderCommandTests {
    struct Line: Decodable, Equatable {
        var epoch: Int
        var batch: Int
        var indices: [Int]
    }

    func lines(_ arguments: [String], environment: [String: String] = [:]) throws -> [Line] {
        let result = try CommandRunner.run(["order"] + arguments, environment: environment)
        #expect(result.status == 0, "\(result.standardError)")
        return try result.standardOutput.split(separator: "\n").map {
            try JSONDecoder().decode(Line.self, from: Data($0.utf8))
        }
    }

    @Test func printsBatchUpsRepeatExample() throws {
        let got = try lines(["--count", "5", "--batch-size", "3", "--repeats", "2"])
        #expect(got.map(\.indices) == [[0, 1, 2], [3, 4, 0], [1, 2, 3], [4]])
        #expect(got.map(\.batch) == [0, 1, 2, 3])
    }

    @Test func shuffledEpochsEachCoverTheData() throws {
        let got = try lines(["--count", "50", "--batch-size", "8", "--shuffle", "--seed", "3", "--epochs", "2"])
        for epoch in 0..<2 {
            let stream = got.filter { $0.epoch == epoch }.flatMap(\.indices)
            #expect(stream.sorted() == Array(0..<50))
        }
        #expect(got.filter { $0.epoch == 0 }.flatMap(\.indices) != got.filter { $0.epoch == 1 }.flatMap(\.indices))
        #expect(
            try lines(["--count", "50", "--batch-size", "8", "--shuffle", "--seed", "3", "--epochs", "2"]) == got,
            "the same seed gives the same stream")
    }

    /// One-hot labels balance by the class each row stands for: the same order as the same
    /// classes given as numbers (the inspector charts them by that class too).
    @Test func oneHotLabelsBalanceAsTheirClassNumbers() throws {
        let folder = try FixturePaths.temporaryDirectory("order-onehot")
        defer { try? FileManager.default.removeItem(at: folder) }
        let classes = (0..<60).map { $0 % 7 == 0 ? 3 : $0 % 3 } // imbalanced: class 3 is rare
        let images = Tensor(shape: [60, 2, 2], scalars: [UInt8](repeating: 9, count: 240))
        var paths = [String]()
        for (name, labels) in [
            ("numbers.h5", Tensor(classes.map(Int64.init))),
            (
                "onehot.h5",
                Tensor(shape: [60, 4], scalars: classes.flatMap { c in (0..<4).map { Float($0 == c ? 1 : 0) } })
            ),
        ] {
            let path = folder.appendingPathComponent(name).path
            let writer = try HDF5Writer(creating: path)
            try writer.write(images, to: "images")
            try writer.write(labels, to: "labels")
            try writer.close()
            paths.append(path)
        }
        let flags = ["--sampler", "balanced", "--shuffle", "--seed", "4", "--batch-size", "12", "--epochs", "2"]
        let numbers = try lines([paths[0]] + flags)
        #expect(!numbers.isEmpty)
        #expect(try lines([paths[1]] + flags) == numbers)
    }

    /// A negative number given to an option is refused with what is wrong with it, not taken for
    /// an option and reported missing.
    @Test func negativeValuesAreRefusedWithASentence() throws {
        let batch = try CommandRunner.run(["order", "--count", "10", "--batch-size", "-5"])
        #expect(batch.status != 0 && batch.standardError.contains("the batch size must be at least 1, not -5"))
        let subset = try CommandRunner.run(["order", "--count", "10", "--subset", "-5:10"])
        #expect(subset.status != 0 && subset.standardError.contains("--subset -5:10 is empty or reversed"))
        let epochs = try CommandRunner.run(["order", "--count", "10", "--epochs", "-1"])
        #expect(epochs.status != 0 && epochs.standardError.contains("--epochs must be at least 1, not -1"))
        for result in [batch, subset, epochs] { #expect(!result.standardError.contains("Missing value")) }
    }

    @Test func subsetDropLastAndShard() throws {
        let got = try lines(["--count", "100", "--subset", "10:20", "--batch-size", "4", "--drop-last"])
        #expect(got.map(\.indices) == [[10, 11, 12, 13], [14, 15, 16, 17]])
        let shard = try lines(["--count", "10", "--batch-size", "10", "--shard", "1/4"])
        #expect(shard.map(\.indices) == [[1, 5, 9]])
        let fromEnvironment = try lines(
            ["--count", "10", "--batch-size", "10"], environment: ["RANK": "3", "WORLD_SIZE": "4"])
        #expect(fromEnvironment.map(\.indices) == [[3, 7, 1]])
    }

    @Test func readsTheSampleCountFromAFile() throws {
        let got = try lines([FixturePaths.fixture("mnist_small.h5"), "--batch-size", "128", "--shuffle"])
        #expect(got.map(\.indices.count) == [128, 128, 128, 116])
        #expect(got.flatMap(\.indices).sorted() == Array(0..<500))
    }

    @Test func balancedSamplingEqualisesTheImbalancedFixture() throws {
        // imbalanced.h5: class counts 400, 200, …, 2 over 800 samples; label(i) is read from the file,
        // so count classes through a second read of the labels by index (label order is shuffled).
        let path = FixturePaths.fixture("imbalanced.h5")
        let got = try lines([path, "--sampler", "balanced", "--shuffle", "--batch-size", "100", "--epochs", "10"])
        let drawn = got.flatMap(\.indices)
        #expect(drawn.count == 8000)
        let dump = try FixturePaths.temporaryDirectory("order-labels")
        let all = try CommandRunner.run([
            "dump", path, "--indices", (0..<800).map(String.init).joined(separator: ","), "-o", dump.path,
        ])
        #expect(all.status == 0, "\(all.standardError)")
        let labels = try #require(try NumpyFile.read(dump.appendingPathComponent("labels.npy").path).integerScalars())
        var perClass = [Int](repeating: 0, count: 9)
        for index in drawn { perClass[labels[index]] += 1 }
        // 8,000 draws over 9 classes: about 889 each; unbalanced, class 8 would get 20.
        #expect(perClass.min()! > 750 && perClass.max()! < 1030, "\(perClass)")
        let refused = try CommandRunner.run(["order", path, "--sampler", "balanced"])
        #expect(refused.standardError.contains("turn shuffling on"))
    }

    @Test func endlessEpochsNeedALimit() throws {
        let got = try lines(["--count", "3", "--batch-size", "7", "--repeats", "-1", "--max-batches", "2"])
        #expect(got.map(\.indices) == [[0, 1, 2, 0, 1, 2, 0], [1, 2, 0, 1, 2, 0, 1]])
        let refused = try CommandRunner.run(["order", "--count", "3", "--repeats", "-1"])
        #expect(refused.status != 0)
        #expect(refused.standardError.contains("--max-batches"))
    }

    @Test(arguments: [
        (["--count", "10", "--batch-size", "0"], "the batch size must be at least 1, not 0"),
        (["--count", "10", "--repeats", "0"], "repeats must be a whole number"),
        (["--count", "10", "--subset", "5:20"], "reaches past the data, which has 10 samples"),
        (["--count", "10", "--shard", "4/4"], "shard 4/4 is impossible"),
        (["--count", "10", "--sampler", "balanced", "--shuffle"], "needs labels"),
        ([String](), "give either a file"),
        (["--count", "0"], "there are no samples to order"),
        (["--count", "10", "--subset", "5:2"], "is empty or reversed"),
        (["--count", "10", "--seed", "-5"], "a whole number ≥ 0"),
        (["--count", "-1"], "--count must be 0 or more, not -1"),
        (["--count", "5", "--batch-size", "9223372036854775807"], "is more samples than any data set holds"),
        (["--count", "5", "--repeats", "9223372036854775807"], "more positions than can be counted"),
        (["/nonexistent/file.h5"], "/nonexistent/file.h5"),
    ])
    func badOptionsGetASentenceAndAFailure(arguments: [String], expected: String) throws {
        let result = try CommandRunner.run(["order"] + arguments)
        #expect(result.status != 0)
        #expect(result.standardError.contains(expected), "\(result.standardError)")
        #expect(result.standardOutput.isEmpty)
    }
}
