import Foundation
import TestSupport
import Testing

/// The inspector honours the iteration flags as `batchview order` does: `--shard`,
/// `--shuffle chunks` and `--epochs`; and it fails loudly when the first batch cannot load.
@Suite struct InspectorEndToEndFlagTests {
    /// The sample indices of the first batch on a 200×60 `frame` (row labels are class names).
    func frameIndices(_ arguments: [String]) throws -> [Int] {
        let result = try InspectorBinary.run(
            ["frame"] + arguments + ["--size", "200x60", "--color", "none", "--batch-size", "8"])
        #expect(result.status == 0, "\(result.error)")
        let line = try #require(result.output.split(separator: "\n").first { $0.contains("▸") })
        let grid = line.prefix(while: { $0 != "─" })
        return grid.split(separator: " ").compactMap { Int($0.replacingOccurrences(of: "▸", with: "")) }
    }

    /// The indices of batch 0 from `batchview order`.
    func orderIndices(_ arguments: [String]) throws -> [Int] {
        let result = try InspectorBinary.run(["order"] + arguments + ["--batch-size", "8"])
        #expect(result.status == 0, "\(result.error)")
        let first = try #require(result.output.split(separator: "\n").first)
        let list = try #require(first.split(separator: "[").last?.split(separator: "]").first)
        return list.split(separator: ",").compactMap { Int($0) }
    }

    @Test(arguments: [
        ["--shard", "1/2"], ["--shuffle", "chunks"], ["--shuffle", "chunks", "--shard", "0/3", "--seed", "9"],
        ["--shuffle", "chunks", "--shard", "1/2", "--subset", "0:100"],
    ])
    func showsTheBatchesOrderShows(flags: [String]) throws {
        let fixture = FixturePaths.fixture("rgb_chunked_gzip.h5")
        let shown = try frameIndices([fixture] + flags)
        #expect(shown.count == 8)
        #expect(shown == (try orderIndices([fixture] + flags)))
    }

    /// `s` turns shuffling off and, pressed again, back on as the command line chose it: by
    /// chunks, with the shard and subset, still `order`'s batches.
    @Test func shuffleOffAndOnAgainKeepsTheChunkShuffle() throws {
        let fixture = FixturePaths.fixture("rgb_chunked_gzip.h5")
        let flags = ["--shuffle", "chunks", "--shard", "1/2", "--subset", "0:100"]
        let off = try frameIndices([fixture] + flags + ["--keys", "s"])
        #expect(off == (try orderIndices([fixture, "--shard", "1/2", "--subset", "0:100"])))
        let onAgain = try frameIndices([fixture] + flags + ["--keys", "s s"])
        #expect(onAgain == (try orderIndices([fixture] + flags)))
    }

    @Test func refusesAnImpossibleShardWithTheLibrarysSentence() throws {
        let result = try InspectorBinary.run(["frame", FixturePaths.fixture("mnist_small.h5"), "--shard", "3/2"])
        #expect(result.status != 0)
        #expect(result.error.contains("shard 3/2 is impossible"))
    }

    /// The header counts the samples epochs really delivered: with --drop-last, epoch 1 starts
    /// after the full batches of epoch 0; an epoch that never ends has no epoch after it.
    @Test func theStreamPositionCountsDeliveredSamples() throws {
        let fixture = FixturePaths.fixture("mnist_small.h5") // 500 samples
        let dropped = try InspectorBinary.run(
            [
                "frame", fixture, "--drop-last", "--batch-size", "128", "--keys", "N", "--color", "none", "--size",
                "120x30",
            ])
        #expect(dropped.status == 0, "\(dropped.error)")
        #expect(dropped.output.contains("epoch 1  batch 0 of 3  samples 384…511 of the stream"), "\(dropped.output)")
        let endless = try InspectorBinary.run(
            ["frame", fixture, "--repeats", "-1", "--keys", "N", "--color", "none", "--size", "120x30"])
        #expect(endless.status == 0, "\(endless.error)")
        #expect(endless.output.contains("epoch 0 never ends"), "\(endless.output)")
        #expect(endless.output.contains("epoch 0  batch 0"))
    }

    /// A window longer than the sequences yields no slice: the inspector says so as `bench` and
    /// `dump` do (the sequences' length and the window), not that slice 0 does not exist.
    @Test func aWindowLongerThanTheSequencesIsNamed() throws {
        let series = FixturePaths.packageRoot.appendingPathComponent("Assets/timeseries.h5").path
        let result = try InspectorBinary.run(["frame", series, "--preprocess", "timeseries:window=500"])
        #expect(result.status != 0)
        #expect(result.error.contains("128 steps, fewer than the window of 500"), "\(result.error)")
    }

    /// A drawing sampler (`--sampler balanced` or `weights:`) without `--shuffle`, or with
    /// `--repeats` other than 1: the inspector and `frame` refuse it with `order`'s very sentence
    /// and exit status, rather than shuffle or drop the repeats behind the user's back.
    @Test(
        arguments: [["frame"], []],
        [
            (["--sampler", "balanced"], "a weighted sampler draws at random, so it cannot iterate in order"),
            (
                ["--sampler", "balanced", "--shuffle", "--repeats", "2"],
                "repeats must be 1 when a sampler is given, not 2"
            ),
        ])
    func aDrawingSamplerIsRefusedAsOrderRefusesIt(command: [String], refused: (flags: [String], sentence: String))
        throws
    {
        let fixture = FixturePaths.fixture("imbalanced.h5")
        let order = try InspectorBinary.run(["order", fixture] + refused.flags)
        #expect(order.status == 1)
        #expect(order.error.contains(refused.sentence))
        let inspector = try InspectorBinary.run(command + [fixture] + refused.flags)
        #expect(inspector.status == order.status)
        #expect(inspector.error == order.error)
        #expect(inspector.output.isEmpty)
    }

    /// With `--shuffle` (and one repeat) both go ahead.
    @Test(arguments: [["frame"], []])
    func aShuffledDrawingSamplerIsShown(command: [String]) throws {
        let fixture = FixturePaths.fixture("imbalanced.h5")
        #expect(
            try InspectorBinary.run(["order", fixture, "--sampler", "balanced", "--shuffle", "--max-batches", "1"])
                .status == 0)
        let shown = try InspectorBinary.run(command + [fixture, "--sampler", "balanced", "--shuffle"])
        #expect(shown.status == 0)
        #expect(shown.output.contains("sampler balanced  seed 12345  shuffle on"))
    }

    @Test func epochsStopAtTheLast() throws {
        let result = try InspectorBinary.run([
            "frame", FixturePaths.fixture("mnist_small.h5"), "--epochs", "1", "--batch-size", "250",
            "--size", "100x30", "--color", "none", "--keys", "n n N",
        ])
        #expect(result.status == 0)
        #expect(result.output.contains("epoch 0  batch 1 of 2"))
        #expect(result.output.contains("past the last epoch"))
    }

    /// `--epochs` is parsed as an optional value (both spellings): without it the inspector's
    /// epochs never end; with it they stop at the last.
    @Test(arguments: [[String](), ["--epochs=1"], ["--epochs", "1"], ["--epochs", "3"]])
    func epochsEndOnlyWhenGiven(epochs: [String]) throws {
        let result = try InspectorBinary.run(
            ["frame", FixturePaths.fixture("mnist_small.h5"), "--batch-size", "250", "--size", "100x30"]
                + ["--color", "none", "--keys", "N N"] + epochs)
        #expect(result.status == 0, "\(result.error)")
        if epochs.last?.hasSuffix("1") ?? false {
            #expect(result.output.contains("epoch 0  batch 0 of 2"))
            #expect(result.output.contains("past the last epoch"))
        } else {
            #expect(result.output.contains("epoch 2  batch 0 of 2"))
        }
    }

    @Test(arguments: [["frame"], []])
    func anImpossibleFirstBatchFailsWithTheWholeSentence(command: [String]) throws {
        let result = try InspectorBinary.run(
            command + [FixturePaths.fixture("mnist_small.h5"), "--preprocess", "crop:29"])
        #expect(result.status != 0)
        #expect(
            result.error.contains("a 29×29 crop does not fit in 28×28 images; pick a crop between 1 and the image size")
        )
    }

    @Test func aCopiedBinaryWithoutTheDemoAsksForAFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bv-nodemo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("bv")
        // Copied by `cp`, not in this process: a child another test forks meanwhile would inherit
        // our open write descriptor of the copy, and running it would fail with "text file busy".
        let copied = try CommandRunner.run([InspectorBinary.path, copy.path], executable: "/bin/cp")
        try #require(copied.status == 0, "\(copied.standardError)")
        let result = try CommandRunner.run(["frame"], currentDirectory: folder, executable: copy.path)
        let message = result.standardError
        #expect(result.status != 0)
        #expect(message.contains("the bundled demo Assets/digits.h5 was not found"))
        #expect(message.contains("give a FILE"))
    }
}
